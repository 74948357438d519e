-- V1's (status, available_at) index is covered by jobs_claim (status, priority, available_at) for every query the
-- queue runs; each job changes status three or more times, so one index less is one write less per change.
DROP INDEX IF EXISTS jobs_status_available;
