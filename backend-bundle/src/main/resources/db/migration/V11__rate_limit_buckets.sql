-- Bucket4j's PostgreSQL proxy state (RATE_LIMIT_STORE=postgresql): one row per bucket, serialized state, and the
-- epoch-millis after which the bucket would be full again (expired rows are deleted by the cleanup task).
-- Created on H2 too so both stores share one schema history; only PostgreSQL deployments write to it.
CREATE TABLE rate_limit_buckets (
    id                VARCHAR(255) PRIMARY KEY,
    state             BYTEA,
    expires_at        BIGINT
);
CREATE INDEX rate_limit_buckets_expires ON rate_limit_buckets (expires_at);
