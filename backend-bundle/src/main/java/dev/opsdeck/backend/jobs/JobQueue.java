package dev.opsdeck.backend.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.jobs.JobRecords.ClaimedJob;
import dev.opsdeck.backend.jobs.JobRecords.ReportOutcome;
import dev.opsdeck.backend.jobs.JobRecords.Submitted;
import dev.opsdeck.backend.jobs.JobRecords.WorkerFit;
import dev.opsdeck.backend.jobs.JobRepository.LeaseState;
import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The durable queue: submission, claims with leases, progress, results, lease expiry with bounded retries.
 *
 * <p>Safe with several coordinators on one PostgreSQL: a claim locks candidate rows with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} (H2 2.3 supports the same clause) and flips them to running with a
 * status-guarded UPDATE, so two coordinators never hand out one job. Every report names the lease it belongs to,
 * so a late report from a worker whose lease expired cannot touch the job's next attempt, and a repeated report
 * is recognised and answered without counting twice.
 */
public final class JobQueue {
    private final Database db;
    private final JobRepository repo;
    private final JobsSettings settings;
    private final ObjectMapper mapper;
    private final EventBus events;
    private final JobMetrics metrics;
    private final Clock clock;
    private final String coordinator;
    /** Worker capacity changes rarely; caching it for a moment saves two queries on every poll. */
    private final Map<String, CachedFit> fitCache = new ConcurrentHashMap<>();

    private record CachedFit(WorkerFit fit, Instant until) {
    }

    public JobQueue(Database db, JobRepository repo, JobsSettings settings, ObjectMapper mapper, EventBus events,
                    JobMetrics metrics, Clock clock, String coordinator) {
        this.db = db;
        this.repo = repo;
        this.settings = settings;
        this.mapper = mapper;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.coordinator = coordinator;
    }

    public String coordinator() {
        return coordinator;
    }

    // ---- submission -----------------------------------------------------------------------------------------

    /**
     * Queues the jobs in one transaction (all or none). A job whose id already exists is not queued again:
     * it is reported with {@code created=false}, which makes a retried submission safe.
     */
    public List<Submitted> submit(List<NewJob> jobs, String submittedBy) {
        Instant now = now();
        List<Submitted> out;
        try {
            out = insertNew(jobs, submittedBy, now);
        } catch (UnableToExecuteStatementException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            // A concurrent submission with the same id won the race; the second pass sees it as existing.
            out = insertNew(jobs, submittedBy, now);
        }
        int created = 0;
        for (Submitted s : out) {
            if (s.created()) {
                created++;
            }
        }
        metrics.submitted(created);
        if (created > 0) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("count", created);
            data.put("job_ids", out.size() <= 20 ? out.stream().filter(Submitted::created).map(Submitted::jobId).toList() : List.of());
            data.put("job_type", jobs.get(0).jobType());
            events.publish("jobs", "job.submitted", data);
        }
        return out;
    }

    private List<Submitted> insertNew(List<NewJob> jobs, String submittedBy, Instant now) {
        return db.jdbi().inTransaction(h -> {
            Set<String> existing = new HashSet<>(repo.existingIds(h, jobs.stream().map(NewJob::jobId).toList()));
            List<NewJob> fresh = jobs.stream().filter(j -> !existing.contains(j.jobId())).toList();
            if (!fresh.isEmpty()) {
                repo.insert(h, fresh, now, submittedBy);
            }
            List<Submitted> out = new ArrayList<>(jobs.size());
            for (NewJob j : jobs) {
                boolean created = !existing.contains(j.jobId());
                String status = created ? JobStatus.QUEUED : repo.find(h, j.jobId()).map(v -> v.status()).orElse(JobStatus.QUEUED);
                out.add(new Submitted(j.jobId(), status, created, now));
            }
            return out;
        });
    }

    // ---- claim ----------------------------------------------------------------------------------------------

    /**
     * Hands up to {@code max} fitting jobs to an active worker, each leased for {@code lease}.
     *
     * @throws ApiException 404 for an unknown worker, 409 for a worker that is not active
     */
    public List<ClaimedJob> claim(String workerId, int max, Duration lease, String queue) {
        Instant now = now();
        WorkerFit fit = fitOf(workerId, now);
        Instant until = now.plus(lease);
        List<ClaimedJob> claimed = db.jdbi().inTransaction(h -> {
            List<ClaimedJob> locked = repo.lockClaimable(h, fit, queue, max, now);
            if (locked.isEmpty()) {
                return List.<ClaimedJob>of();
            }
            List<ClaimedJob> withLease = new ArrayList<>(locked.size());
            for (ClaimedJob j : locked) {
                withLease.add(new ClaimedJob(j.jobId(), j.jobType(), j.queue(), j.priority(), j.attempt(), j.maxAttempts(),
                        j.payload(), UUID.randomUUID().toString(), until, j.submittedAt()));
            }
            int[] counts = repo.markRunning(h, withLease, fit, now, coordinator);
            List<ClaimedJob> ok = new ArrayList<>(withLease.size());
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 1) {
                    ok.add(withLease.get(i));
                }
            }
            return ok;
        });
        for (ClaimedJob j : claimed) {
            if (j.attempt() == 1) {
                metrics.queueWait(Duration.between(j.submittedAt(), now));
            }
        }
        if (!claimed.isEmpty()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("worker_id", workerId);
            data.put("count", claimed.size());
            data.put("job_ids", claimed.size() <= 20 ? claimed.stream().map(ClaimedJob::jobId).toList() : List.of());
            events.publish("jobs", "job.assigned", data);
        }
        return claimed;
    }

    private WorkerFit fitOf(String workerId, Instant now) {
        CachedFit c = fitCache.get(workerId);
        if (c != null && c.until().isAfter(now)) {
            return c.fit();
        }
        Optional<WorkerFit> fit = db.jdbi().withHandle(h -> {
            Optional<WorkerFit> f = repo.activeWorker(h, workerId, now.minus(settings.activeWindow()));
            if (f.isEmpty() && !repo.workerExists(h, workerId)) {
                throw new ApiException(404, "unknown_worker", "worker " + workerId + " is not registered; send heartbeats first",
                        Map.of("field", "worker_id"));
            }
            return f;
        });
        if (fit.isEmpty()) {
            fitCache.remove(workerId);
            throw new ApiException(409, "worker_not_active", "worker " + workerId + " has no heartbeat within the last "
                    + settings.activeWindow().toSeconds() + " s or is offline; only active workers get jobs", Map.of("field", "worker_id"));
        }
        fitCache.put(workerId, new CachedFit(fit.get(), now.plusSeconds(2)));
        return fit.get();
    }

    // ---- progress and results -------------------------------------------------------------------------------

    /** Records progress and extends the lease. Answers whether the worker should stop (job cancelled). */
    public Map<String, Object> progress(String jobId, String workerId, String token, Double progress, Duration lease) {
        Instant now = now();
        Instant until = now.plus(lease);
        return db.jdbi().inTransaction(h -> {
            LeaseState s = repo.lockLease(h, jobId).orElseThrow(() -> ApiException.notFound("no job " + jobId));
            checkOwner(s, workerId, token);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job_id", jobId);
            if (!JobStatus.RUNNING.equals(s.status())) {
                // The worker should stop: the job was cancelled or its lease was taken away.
                m.put("status", s.status());
                m.put("continue", false);
                return m;
            }
            repo.extendLease(h, jobId, token, progress, until, now);
            m.put("status", JobStatus.RUNNING);
            m.put("continue", true);
            m.put("lease_expires_at", until);
            return m;
        });
    }

    /**
     * Applies the result of one attempt. A repeated identical report answers {@code duplicate=true} and changes
     * nothing; a report for a lease that is no longer current is refused with 409.
     */
    public ReportOutcome report(String jobId, String workerId, String token, boolean completed, JsonNode result,
                                String error, boolean retryable) {
        Instant now = now();
        String resultText = toJson(result);
        String outcome = completed ? "completed" : "failed";
        ReportOutcome r = db.jdbi().inTransaction(h -> {
            LeaseState s = repo.lockLease(h, jobId).orElseThrow(() -> ApiException.notFound("no job " + jobId));
            if (!token.equals(s.leaseToken()) || !JobStatus.RUNNING.equals(s.status())) {
                return duplicateOrRefuse(h, s, workerId, token, outcome);
            }
            checkOwner(s, workerId, token);
            Planned p = planApply(s, completed, resultText, error, retryable, now);
            repo.finish(h, List.of(p.finish()), now);
            return p.outcome();
        });
        if (!r.duplicate()) {
            metrics.attemptFinished(outcome);
            publishFinished(r, workerId, error);
        }
        return r;
    }

    /** One result in a batch. */
    public record Report(String jobId, String workerId, String token, boolean completed, JsonNode result, String error,
                         boolean retryable) {
    }

    /**
     * Applies several results in one transaction, so a worker that finishes jobs in bursts pays for one commit,
     * not one per job. A refused report (409/404) is answered in its slot and the others still apply: every refusal
     * is decided before that report writes anything. A database error rolls the whole batch back.
     */
    public List<Object> reportBatch(List<Report> reports) {
        Instant now = now();
        List<Object> out = new ArrayList<>(reports.size());
        List<String[]> finished = new ArrayList<>();
        db.jdbi().useTransaction(h -> {
            Map<String, LeaseState> leases = repo.lockLeases(h, reports.stream().map(Report::jobId).distinct().toList());
            List<JobRepository.Finish> finishes = new ArrayList<>();
            Set<String> decided = new HashSet<>();
            for (Report r : reports) {
                try {
                    LeaseState s = leases.get(r.jobId());
                    if (s == null) {
                        throw ApiException.notFound("no job " + r.jobId());
                    }
                    String outcome = r.completed() ? "completed" : "failed";
                    ReportOutcome o;
                    if (!r.token().equals(s.leaseToken()) || !JobStatus.RUNNING.equals(s.status()) || decided.contains(r.jobId())) {
                        if (decided.contains(r.jobId())) {
                            // The same job twice in one batch: the first one counts, the second is its repeat.
                            o = new ReportOutcome(r.jobId(), s.status(), s.attempts(), true, null);
                        } else {
                            o = duplicateOrRefuse(h, s, r.workerId(), r.token(), outcome);
                        }
                    } else {
                        checkOwner(s, r.workerId(), r.token());
                        Planned p = planApply(s, r.completed(), toJson(r.result()), r.error(), r.retryable(), now);
                        finishes.add(p.finish());
                        decided.add(r.jobId());
                        o = p.outcome();
                        finished.add(new String[]{outcome, r.workerId(), r.error()});
                    }
                    out.add(o);
                } catch (ApiException e) {
                    out.add(Map.of("job_id", r.jobId(), "error", e.code(), "message", e.getMessage()));
                }
            }
            repo.finish(h, finishes, now);
        });
        int i = 0;
        for (Object o : out) {
            if (o instanceof ReportOutcome r && !r.duplicate()) {
                String[] f = finished.get(i++);
                metrics.attemptFinished(f[0]);
                publishFinished(r, f[1], f[2]);
            }
        }
        return out;
    }

    /** An ending decided for one attempt, and what the reporter is told. */
    private record Planned(ReportOutcome outcome, JobRepository.Finish finish) {
    }

    private Planned planApply(LeaseState s, boolean completed, String resultText, String error, boolean retryable, Instant now) {
        if (completed) {
            return new Planned(new ReportOutcome(s.jobId(), JobStatus.COMPLETED, s.attempts(), false, null),
                    new JobRepository.Finish(s.jobId(), s.leaseToken(), JobStatus.COMPLETED, resultText, null, null, null,
                            "completed", s.assignedAt()));
        }
        String err = error == null || error.isBlank() ? "failed without an error message" : error;
        return planFail(s, err, retryable, "failed", now);
    }

    private Planned planFail(LeaseState s, String error, boolean retryable, String outcome, Instant now) {
        boolean retry = retryable && s.attempts() < s.maxAttempts();
        Instant retryAt = retry ? now.plus(settings.backoffAfter(s.attempts())) : null;
        String status = retry ? JobStatus.FAILED : JobStatus.DEAD;
        String err = truncate(error, 4000);
        return new Planned(new ReportOutcome(s.jobId(), status, s.attempts(), false, retryAt),
                new JobRepository.Finish(s.jobId(), s.leaseToken(), status, null, err, ErrorSignature.of(error), retryAt, outcome,
                        s.assignedAt()));
    }

    private ReportOutcome duplicateOrRefuse(Handle h, LeaseState s, String workerId, String token, String outcome) {
        Optional<String> recorded = repo.attemptOutcome(h, token);
        if (recorded.isPresent() && recorded.get().equals(outcome)) {
            return new ReportOutcome(s.jobId(), s.status(), s.attempts(), true, null);
        }
        if (recorded.isEmpty() && !token.equals(s.leaseToken())) {
            throw new ApiException(409, "lease_lost", "lease_token does not hold job " + s.jobId()
                    + " (unknown token, or the job was reassigned)", Map.of("field", "lease_token"));
        }
        String why = recorded.map(o -> switch (o) {
            case "timed_out" -> "the lease expired before this report; the job was given back to the queue";
            case "cancelled" -> "an operator cancelled the job";
            default -> "this attempt was already reported as " + o;
        }).orElse("the job is " + s.status());
        throw new ApiException(409, "lease_lost", "report for job " + s.jobId() + " by " + workerId + " refused: " + why,
                Map.of("field", "lease_token", "status", s.status()));
    }

    private static void checkOwner(LeaseState s, String workerId, String token) {
        if (!token.equals(s.leaseToken())) {
            throw new ApiException(409, "lease_lost", "lease_token does not hold job " + s.jobId() + " any more",
                    Map.of("field", "lease_token", "status", s.status()));
        }
        if (!workerId.equals(s.workerId())) {
            throw new ApiException(409, "lease_mismatch", "job " + s.jobId() + " is leased to another worker",
                    Map.of("field", "worker_id"));
        }
    }

    // ---- lease expiry ---------------------------------------------------------------------------------------

    /** Gives jobs whose lease ran out back to the queue (or to dead when attempts are used up). Returns how many. */
    public int reapExpiredLeases() {
        Instant now = now();
        List<ReportOutcome> done = db.jdbi().inTransaction(h -> {
            List<ReportOutcome> out = new ArrayList<>();
            List<JobRepository.Finish> finishes = new ArrayList<>();
            for (LeaseState s : repo.lockExpiredLeases(h, now, 200)) {
                String err = "lease expired: worker " + s.workerId() + " stopped reporting during attempt " + s.attempts();
                Planned p = planFail(s, err, true, "timed_out", now);
                out.add(p.outcome());
                finishes.add(p.finish());
            }
            repo.finish(h, finishes, now);
            return out;
        });
        for (ReportOutcome r : done) {
            metrics.attemptFinished("timed_out");
            publishFinished(r, null, "lease expired");
        }
        return done.size();
    }

    // ---- operator actions -----------------------------------------------------------------------------------

    /** Puts a failed, dead or cancelled job back in the queue with a fresh round of attempts. */
    public Map<String, Object> retry(String jobId) {
        Instant now = now();
        int n = db.jdbi().inTransaction(h -> {
            var job = repo.find(h, jobId).orElseThrow(() -> ApiException.notFound("no job " + jobId));
            int updated = repo.requeue(h, jobId, settings.maxAttempts(), now);
            if (updated == 0) {
                throw new ApiException(409, "not_retryable", "job " + jobId + " is " + job.status()
                        + "; only failed, dead or cancelled jobs can be retried", Map.of("status", job.status()));
            }
            return updated;
        });
        events.publish("jobs", "job.requeued", Map.of("job_id", jobId, "count", n));
        return Map.of("job_id", jobId, "status", JobStatus.QUEUED);
    }

    /** Cancels a queued, retrying or running job; a running job's worker learns it from its next report. */
    public Map<String, Object> cancel(String jobId) {
        Instant now = now();
        String before = db.jdbi().inTransaction(h -> {
            LeaseState s = repo.lockLease(h, jobId).orElseThrow(() -> ApiException.notFound("no job " + jobId));
            if (!List.of(JobStatus.QUEUED, JobStatus.FAILED, JobStatus.RUNNING).contains(s.status())) {
                throw new ApiException(409, "not_cancellable", "job " + jobId + " is " + s.status()
                        + "; only queued, failed or running jobs can be cancelled", Map.of("status", s.status()));
            }
            repo.finishJob(h, jobId, JobStatus.CANCELLED, null, null, null, null, now);
            if (JobStatus.RUNNING.equals(s.status())) {
                repo.finishAttempt(h, s.leaseToken(), "cancelled", "cancelled by an operator", s.assignedAt(), now);
            }
            return s.status();
        });
        if (JobStatus.RUNNING.equals(before)) {
            metrics.attemptFinished("cancelled");
        }
        events.publish("jobs", "job.cancelled", Map.of("job_id", jobId, "previous_status", before));
        return Map.of("job_id", jobId, "status", JobStatus.CANCELLED, "previous_status", before);
    }

    /** Counts ({@code dryRun}) or requeues the failed jobs matching the filter, in one statement. */
    public Map<String, Object> requeueGroup(String status, String sig, String worker, String gpu, String type, boolean dryRun,
                                            Integer expectedCount) {
        Instant now = now();
        Map<String, Object> m = db.jdbi().inTransaction(h -> {
            long count = repo.countGroup(h, status, sig, worker, gpu, type);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("dry_run", dryRun);
            r.put("matched", count);
            if (dryRun) {
                r.put("requeued", 0);
                return r;
            }
            if (expectedCount != null && expectedCount != count) {
                throw new ApiException(409, "count_changed", "the group now holds " + count + " jobs, not the "
                        + expectedCount + " that were confirmed; preview again", Map.of("field", "expected_count", "matched", count));
            }
            r.put("requeued", repo.requeueGroup(h, status, sig, worker, gpu, type, settings.maxAttempts(), now));
            return r;
        });
        if (!dryRun) {
            events.publish("jobs", "job.requeued", m);
        }
        return m;
    }

    /** Retention: removes completed and cancelled jobs older than {@code age}; failed and dead ones stay for operators. */
    public int purgeFinished(Duration age) {
        Instant cutoff = now().minus(age);
        return db.jdbi().inTransaction(h -> repo.deleteFinishedBefore(h, cutoff));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private void publishFinished(ReportOutcome r, String workerId, String error) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job_id", r.jobId());
        data.put("status", r.status());
        data.put("attempts", r.attempts());
        if (workerId != null) {
            data.put("worker_id", workerId);
        }
        if (error != null) {
            data.put("error", truncate(error, 200));
        }
        events.publish("jobs", "job." + r.status(), data);
    }

    private String toJson(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw ApiException.invalidField("result", "cannot be serialised");
        }
    }

    private Instant now() {
        // Microseconds: what both stores keep, so a value read back equals the one written.
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException se && "23505".equals(se.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
