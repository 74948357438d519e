package dev.opsdeck.backend.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.jobs.JobRecords.Attempt;
import dev.opsdeck.backend.jobs.JobRecords.ClaimedJob;
import dev.opsdeck.backend.jobs.JobRecords.FailureGroup;
import dev.opsdeck.backend.jobs.JobRecords.JobView;
import dev.opsdeck.backend.jobs.JobRecords.WorkerFit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every SQL statement of the job queue. Methods take the caller's {@link Handle} so the service decides the
 * transaction boundaries; the SQL is the common dialect of H2 (MODE=PostgreSQL) and PostgreSQL.
 */
public final class JobRepository {
    /** Shared column list so every JobView mapper sees the same shape. */
    private static final String JOB_COLUMNS = "job_id, job_type, queue, status, priority, worker_id, worker_gpu_model, "
            + "min_gpu_count, gpu_model, min_gpu_memory_mb, attempts, max_attempts, progress, submitted_at, available_at, "
            + "assigned_at, started_at, lease_expires_at, completed_at, last_error, error_signature, payload, result, submitted_by";

    private final ObjectMapper mapper;

    public JobRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    // ---- submission ---------------------------------------------------------------------------------------

    /** The ids among {@code ids} that already exist. */
    public List<String> existingIds(Handle h, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT job_id FROM jobs WHERE job_id IN (<ids>)").bindList("ids", List.copyOf(ids))
                .mapTo(String.class).list();
    }

    public void insert(Handle h, List<NewJob> jobs, Instant now, String submittedBy) {
        PreparedBatch b = h.prepareBatch("INSERT INTO jobs (job_id, job_type, queue, status, priority, min_gpu_count, gpu_model, "
                + "min_gpu_memory_mb, payload, attempts, max_attempts, submitted_at, available_at, submitted_by, updated_at) "
                + "VALUES (:id, :type, :queue, 'queued', :prio, :gpus, :model, :mem, :payload, 0, :max, :now, :now, :by, :now)");
        for (NewJob j : jobs) {
            b.bind("id", j.jobId()).bind("type", j.jobType()).bind("queue", j.queue()).bind("prio", j.priority())
                    .bind("gpus", j.gpuCount()).bind("model", j.gpuModel()).bind("mem", j.minGpuMemoryMb())
                    .bind("payload", j.payload()).bind("max", j.maxAttempts()).bind("now", t(now)).bind("by", submittedBy)
                    .add();
        }
        b.execute();
    }

    // ---- workers (owned by the workers domain; read here only) ----------------------------------------------

    /**
     * The worker's GPU capacity when it is active: heard from since {@code activeSince} and not marked offline.
     * Reads the workers domain's table directly (see the report on this coupling).
     */
    public Optional<WorkerFit> activeWorker(Handle h, String workerId, Instant activeSince) {
        Optional<WorkerFit> w = h.createQuery("SELECT worker_id, gpu_count, gpu_model FROM workers WHERE worker_id = :id "
                        + "AND last_heartbeat >= :since AND LOWER(status) NOT IN ('offline', 'maintenance', 'draining', 'stopped')")
                .bind("id", workerId).bind("since", t(activeSince))
                .map((rs, c) -> new WorkerFit(rs.getString(1), rs.getInt(2), rs.getString(3), 0)).findOne();
        if (w.isEmpty()) {
            return w;
        }
        // GPU memory is not in the workers row; the latest metrics say what the card has.
        Double mem = h.createQuery("SELECT MAX(memory_total_mb) FROM gpu_metrics_history WHERE worker_id = :id AND recorded_at >= :since")
                .bind("id", workerId).bind("since", t(activeSince.minusSeconds(86_400))).mapTo(Double.class).findOne().orElse(null);
        WorkerFit f = w.get();
        return Optional.of(new WorkerFit(f.workerId(), f.gpuCount(), f.gpuModel(), mem == null ? 0 : mem.intValue()));
    }

    public boolean workerExists(Handle h, String workerId) {
        return h.createQuery("SELECT COUNT(*) FROM workers WHERE worker_id = :id").bind("id", workerId).mapTo(Integer.class).one() > 0;
    }

    /** Active worker ids (heartbeat within the window) and which of them run a job now. */
    public Map<String, Boolean> activeWorkersBusy(Handle h, Instant activeSince) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        h.createQuery("SELECT w.worker_id, (SELECT COUNT(*) FROM jobs j WHERE j.worker_id = w.worker_id AND j.status = 'running') "
                        + "FROM workers w WHERE w.last_heartbeat >= :since "
                        + "AND LOWER(w.status) NOT IN ('offline', 'maintenance', 'draining', 'stopped') ORDER BY w.worker_id")
                .bind("since", t(activeSince))
                .map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2) > 0)).forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    // ---- claim ----------------------------------------------------------------------------------------------

    /**
     * Claimable jobs this worker fits, locked for this transaction; rows other coordinators hold are skipped.
     * Fresh jobs first, then failed ones whose backoff has passed: one status per query lets the database walk the
     * (status, priority, available_at) index in order and stop at the limit instead of sorting the whole backlog.
     */
    public List<ClaimedJob> lockClaimable(Handle h, WorkerFit w, String queue, int limit, Instant now) {
        List<ClaimedJob> out = new ArrayList<>(lockClaimable(h, w, queue, limit, now, JobStatus.QUEUED));
        if (out.size() < limit) {
            out.addAll(lockClaimable(h, w, queue, limit - out.size(), now, JobStatus.FAILED));
        }
        return out;
    }

    private List<ClaimedJob> lockClaimable(Handle h, WorkerFit w, String queue, int limit, Instant now, String status) {
        String sql = "SELECT job_id, job_type, queue, priority, attempts, max_attempts, payload, submitted_at FROM jobs "
                + "WHERE status = :status AND available_at <= :now AND min_gpu_count <= :gpus "
                + "AND (gpu_model IS NULL OR LOWER(gpu_model) = :model) "
                + "AND (min_gpu_memory_mb IS NULL OR min_gpu_memory_mb <= :mem) "
                + (queue != null ? "AND queue = :queue " : "")
                + "ORDER BY priority DESC, available_at LIMIT :n FOR UPDATE SKIP LOCKED";
        Query q = h.createQuery(sql).bind("status", status).bind("now", t(now)).bind("gpus", w.gpuCount())
                .bind("model", w.gpuModel() == null ? "" : w.gpuModel().toLowerCase(java.util.Locale.ROOT))
                .bind("mem", w.gpuMemoryMb()).bind("n", limit);
        if (queue != null) {
            q.bind("queue", queue);
        }
        return q.map((rs, c) -> new ClaimedJob(rs.getString("job_id"), rs.getString("job_type"), rs.getString("queue"),
                rs.getInt("priority"), rs.getInt("attempts") + 1, rs.getInt("max_attempts"), json(rs.getString("payload")),
                null, null, instant(rs, "submitted_at"))).list();
    }

    /**
     * Marks the locked jobs as running on {@code w}; the status guard makes a job that is not claimable any more
     * (whatever the store's locking did) come back with count 0, so it is never handed out twice.
     */
    public int[] markRunning(Handle h, List<ClaimedJob> jobs, WorkerFit w, Instant now, String coordinator) {
        PreparedBatch up = h.prepareBatch("UPDATE jobs SET status = 'running', worker_id = :w, worker_gpu_model = :gm, "
                + "attempts = attempts + 1, lease_token = :token, assigned_at = :now, started_at = :now, lease_expires_at = :until, "
                + "progress = 0, updated_at = :now WHERE job_id = :id AND status IN ('queued', 'failed')");
        for (ClaimedJob j : jobs) {
            up.bind("w", w.workerId()).bind("gm", w.gpuModel()).bind("token", j.leaseToken()).bind("now", t(now))
                    .bind("until", t(j.leaseExpiresAt())).bind("id", j.jobId()).add();
        }
        int[] counts = up.execute();
        PreparedBatch ins = h.prepareBatch("INSERT INTO job_attempts (job_id, job_type, attempt, lease_token, worker_id, gpu_model, "
                + "coordinator, claimed_at) VALUES (:id, :type, :attempt, :token, :w, :gm, :coord, :now)");
        boolean any = false;
        for (int i = 0; i < jobs.size(); i++) {
            if (counts[i] == 1) {
                ClaimedJob j = jobs.get(i);
                ins.bind("id", j.jobId()).bind("type", j.jobType()).bind("attempt", j.attempt()).bind("token", j.leaseToken())
                        .bind("w", w.workerId()).bind("gm", w.gpuModel()).bind("coord", coordinator).bind("now", t(now)).add();
                any = true;
            }
        }
        if (any) {
            ins.execute();
        }
        return counts;
    }

    // ---- reports --------------------------------------------------------------------------------------------

    /** The fields a report is judged on, with the row locked until the transaction ends. */
    public record LeaseState(String jobId, String jobType, String status, String leaseToken, int attempts, int maxAttempts,
                             String workerId, Instant assignedAt) {
    }

    public Optional<LeaseState> lockLease(Handle h, String jobId) {
        return h.createQuery("SELECT job_id, job_type, status, lease_token, attempts, max_attempts, worker_id, assigned_at "
                        + "FROM jobs WHERE job_id = :id FOR UPDATE")
                .bind("id", jobId).map((rs, c) -> leaseState(rs)).findOne();
    }

    /** Leases that ran out, locked; rows another coordinator is already handling are skipped. */
    public List<LeaseState> lockExpiredLeases(Handle h, Instant now, int limit) {
        return h.createQuery("SELECT job_id, job_type, status, lease_token, attempts, max_attempts, worker_id, assigned_at "
                        + "FROM jobs WHERE status = 'running' AND lease_expires_at < :now ORDER BY lease_expires_at "
                        + "LIMIT :n FOR UPDATE SKIP LOCKED")
                .bind("now", t(now)).bind("n", limit).map((rs, c) -> leaseState(rs)).list();
    }

    private static LeaseState leaseState(ResultSet rs) throws SQLException {
        return new LeaseState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6),
                rs.getString(7), instant(rs, "assigned_at"));
    }

    public int extendLease(Handle h, String jobId, String token, Double progress, Instant until, Instant now) {
        return h.createUpdate("UPDATE jobs SET lease_expires_at = :until, progress = COALESCE(:p, progress), updated_at = :now "
                        + "WHERE job_id = :id AND lease_token = :token AND status = 'running'")
                .bind("until", t(until)).bind("p", progress).bind("now", t(now)).bind("id", jobId).bind("token", token).execute();
    }

    /** How one running attempt ends: the job's new state and the attempt's outcome. */
    public record Finish(String jobId, String leaseToken, String status, String result, String error, String signature,
                         Instant retryAt, String outcome, Instant claimedAt) {
    }

    /**
     * Applies several endings with two batched statements, so a burst of results costs a few round trips
     * instead of several per job.
     */
    public void finish(Handle h, List<Finish> all, Instant now) {
        if (all.isEmpty()) {
            return;
        }
        PreparedBatch jobs = h.prepareBatch("UPDATE jobs SET status = :st, result = COALESCE(:res, result), "
                + "last_error = COALESCE(:err, last_error), error_signature = COALESCE(:sig, error_signature), lease_expires_at = NULL, "
                + "progress = CASE WHEN :st = 'completed' THEN 1 ELSE progress END, available_at = COALESCE(:avail, available_at), "
                + "completed_at = :done, updated_at = :now WHERE job_id = :id");
        PreparedBatch attempts = h.prepareBatch("UPDATE job_attempts SET finished_at = :now, finished_minute = :minute, duration_ms = :ms, "
                + "outcome = :o, error = :err WHERE lease_token = :token AND finished_at IS NULL");
        for (Finish f : all) {
            boolean terminal = !JobStatus.FAILED.equals(f.status());
            jobs.bind("st", f.status()).bind("res", f.result()).bind("err", f.error()).bind("sig", f.signature())
                    .bind("avail", t(f.retryAt())).bind("done", terminal ? t(now) : null).bind("now", t(now)).bind("id", f.jobId()).add();
            attempts.bind("now", t(now)).bind("minute", now.getEpochSecond() / 60)
                    .bind("ms", f.claimedAt() == null ? null : Math.max(0, now.toEpochMilli() - f.claimedAt().toEpochMilli()))
                    .bind("o", f.outcome()).bind("err", f.error()).bind("token", f.leaseToken()).add();
        }
        jobs.execute();
        attempts.execute();
    }

    /** Locks the jobs of a batch of reports in job_id order, so concurrent batches cannot deadlock each other. */
    public Map<String, LeaseState> lockLeases(Handle h, Collection<String> jobIds) {
        Map<String, LeaseState> m = new LinkedHashMap<>();
        h.createQuery("SELECT job_id, job_type, status, lease_token, attempts, max_attempts, worker_id, assigned_at "
                        + "FROM jobs WHERE job_id IN (<ids>) ORDER BY job_id FOR UPDATE")
                .bindList("ids", List.copyOf(jobIds)).map((rs, c) -> leaseState(rs)).forEach(l -> m.put(l.jobId(), l));
        return m;
    }

    /** Ends the running attempt: {@code status} is completed, failed (retry at {@code availableAt}), dead or cancelled. */
    public void finishJob(Handle h, String jobId, String status, String result, String error, String signature,
                          Instant availableAt, Instant now) {
        boolean terminal = !JobStatus.FAILED.equals(status);
        h.createUpdate("UPDATE jobs SET status = :st, result = COALESCE(:res, result), last_error = COALESCE(:err, last_error), "
                        + "error_signature = COALESCE(:sig, error_signature), lease_expires_at = NULL, "
                        + "progress = CASE WHEN :st = 'completed' THEN 1 ELSE progress END, "
                        + "available_at = COALESCE(:avail, available_at), completed_at = :done, updated_at = :now WHERE job_id = :id")
                .bind("st", status).bind("res", result).bind("err", error).bind("sig", signature).bind("avail", t(availableAt))
                .bind("done", terminal ? t(now) : null).bind("now", t(now)).bind("id", jobId).execute();
    }

    public void finishAttempt(Handle h, String token, String outcome, String error, Instant claimedAt, Instant now) {
        h.createUpdate("UPDATE job_attempts SET finished_at = :now, finished_minute = :minute, duration_ms = :ms, outcome = :o, "
                        + "error = :err WHERE lease_token = :token AND finished_at IS NULL")
                .bind("now", t(now)).bind("minute", now.getEpochSecond() / 60)
                .bind("ms", claimedAt == null ? null : Math.max(0, now.toEpochMilli() - claimedAt.toEpochMilli()))
                .bind("o", outcome).bind("err", error).bind("token", token).execute();
    }

    /** The outcome already recorded for a lease, if the attempt has finished. */
    public Optional<String> attemptOutcome(Handle h, String token) {
        return h.createQuery("SELECT outcome FROM job_attempts WHERE lease_token = :t AND finished_at IS NOT NULL")
                .bind("t", token).mapTo(String.class).findOne();
    }

    // ---- operator actions -----------------------------------------------------------------------------------

    /** Puts one job back in the queue with a fresh round of attempts. */
    public int requeue(Handle h, String jobId, int extraAttempts, Instant now) {
        return h.createUpdate("UPDATE jobs SET status = 'queued', available_at = :now, max_attempts = attempts + :extra, "
                        + "lease_token = NULL, lease_expires_at = NULL, completed_at = NULL, progress = NULL, updated_at = :now "
                        + "WHERE job_id = :id AND status IN ('failed', 'dead', 'cancelled')")
                .bind("now", t(now)).bind("extra", extraAttempts).bind("id", jobId).execute();
    }

    static final String GROUP_FILTER = "status = :status "
            + "AND (CAST(:sig AS VARCHAR(160)) IS NULL OR error_signature = :sig) AND (CAST(:worker AS VARCHAR(160)) IS NULL OR worker_id = :worker) "
            + "AND (CAST(:gpu AS VARCHAR(160)) IS NULL OR worker_gpu_model = :gpu) AND (CAST(:type AS VARCHAR(160)) IS NULL OR job_type = :type)";

    public long countGroup(Handle h, String status, String sig, String worker, String gpu, String type) {
        return bindGroup(h.createQuery("SELECT COUNT(*) FROM jobs WHERE " + GROUP_FILTER), status, sig, worker, gpu, type)
                .mapTo(Long.class).one();
    }

    public int requeueGroup(Handle h, String status, String sig, String worker, String gpu, String type, int extra, Instant now) {
        var u = h.createUpdate("UPDATE jobs SET status = 'queued', available_at = :now, max_attempts = attempts + :extra, "
                + "lease_token = NULL, lease_expires_at = NULL, completed_at = NULL, progress = NULL, updated_at = :now WHERE "
                + GROUP_FILTER);
        u.bind("status", status).bind("sig", sig).bind("worker", worker).bind("gpu", gpu).bind("type", type);
        return u.bind("now", t(now)).bind("extra", extra).execute();
    }

    private static Query bindGroup(Query q, String status, String sig, String worker, String gpu, String type) {
        return q.bind("status", status).bind("sig", sig).bind("worker", worker).bind("gpu", gpu).bind("type", type);
    }

    /** Failed and dead jobs grouped by error signature, worker and GPU, newest group first. */
    public List<FailureGroup> failureGroups(Handle h, int limit) {
        return h.createQuery("SELECT error_signature, worker_id, worker_gpu_model, status, COUNT(*) AS n, MAX(updated_at) AS newest, "
                        + "MAX(last_error) AS sample FROM jobs WHERE status IN ('failed', 'dead') "
                        + "GROUP BY error_signature, worker_id, worker_gpu_model, status ORDER BY newest DESC LIMIT :n")
                .bind("n", limit)
                .map((rs, c) -> new FailureGroup(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        instant(rs, "newest"), rs.getString(7)))
                .list();
    }

    /** Deletes completed and cancelled jobs that finished before {@code cutoff}, with their attempts. */
    public int deleteFinishedBefore(Handle h, Instant cutoff) {
        h.createUpdate("DELETE FROM job_attempts WHERE job_id IN (SELECT job_id FROM jobs WHERE status IN ('completed', 'cancelled') "
                + "AND completed_at < :cut)").bind("cut", t(cutoff)).execute();
        return h.createUpdate("DELETE FROM jobs WHERE status IN ('completed', 'cancelled') AND completed_at < :cut")
                .bind("cut", t(cutoff)).execute();
    }

    // ---- reads ----------------------------------------------------------------------------------------------

    public Optional<JobView> find(Handle h, String jobId) {
        return h.createQuery("SELECT " + JOB_COLUMNS + " FROM jobs WHERE job_id = :id").bind("id", jobId)
                .map((rs, c) -> view(rs)).findOne();
    }

    public List<Attempt> attempts(Handle h, String jobId) {
        return h.createQuery("SELECT attempt, worker_id, gpu_model, coordinator, claimed_at, finished_at, duration_ms, outcome, error "
                        + "FROM job_attempts WHERE job_id = :id ORDER BY attempt, claimed_at")
                .bind("id", jobId)
                .map((rs, c) -> new Attempt(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, "claimed_at"),
                        instant(rs, "finished_at"), rs.getObject(7, Long.class), rs.getString(8), rs.getString(9)))
                .list();
    }

    /** A page of jobs, newest first, filtered by the non-null arguments. */
    public List<JobView> recent(Handle h, String status, String type, String worker, String queue, String signature,
                                int limit, int offset) {
        return h.createQuery("SELECT " + JOB_COLUMNS + " FROM jobs WHERE (CAST(:st AS VARCHAR(160)) IS NULL OR status = :st) "
                        + "AND (CAST(:type AS VARCHAR(160)) IS NULL OR job_type = :type) AND (CAST(:worker AS VARCHAR(160)) IS NULL OR worker_id = :worker) "
                        + "AND (CAST(:queue AS VARCHAR(160)) IS NULL OR queue = :queue) AND (CAST(:sig AS VARCHAR(160)) IS NULL OR error_signature = :sig) "
                        + "ORDER BY submitted_at DESC, job_id DESC LIMIT :n OFFSET :off")
                .bind("st", status).bind("type", type).bind("worker", worker).bind("queue", queue).bind("sig", signature)
                .bind("n", limit).bind("off", offset)
                .map((rs, c) -> view(rs)).list();
    }

    // ---- statistics -----------------------------------------------------------------------------------------

    /** Row counts by queue and status, for the statuses that describe work still in the system. */
    public Map<String, Map<String, Long>> countsByQueue(Handle h) {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        h.createQuery("SELECT queue, status, COUNT(*) FROM jobs WHERE status IN ('queued', 'running', 'failed', 'dead') "
                        + "GROUP BY queue, status ORDER BY queue")
                .map((rs, c) -> new Object[]{rs.getString(1), rs.getString(2), rs.getLong(3)})
                .forEach(r -> m.computeIfAbsent((String) r[0], k -> new LinkedHashMap<>()).put((String) r[1], (Long) r[2]));
        return m;
    }

    public Map<String, Long> countsByStatus(Handle h) {
        Map<String, Long> m = new LinkedHashMap<>();
        h.createQuery("SELECT status, COUNT(*) FROM jobs GROUP BY status")
                .map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    public long pending(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'failed')").mapTo(Long.class).one();
    }

    /** Finished attempts since {@code fromMinute}: bucket (epoch minute / bucket size), job type, outcome, count. */
    public record AttemptBucket(long bucket, String jobType, String outcome, long count, double avgMs) {
    }

    public List<AttemptBucket> attemptBuckets(Handle h, long fromMinute, int bucketMinutes) {
        // The bucket size is written into the SQL (an int, not user text): PostgreSQL does not see two bound
        // parameters as the same expression, so "GROUP BY finished_minute / ?" would not match the select list.
        String bucket = "finished_minute / " + Math.max(1, bucketMinutes);
        return h.createQuery("SELECT " + bucket + " AS bucket, job_type, outcome, COUNT(*), AVG(duration_ms) FROM job_attempts "
                        + "WHERE finished_minute >= :from GROUP BY " + bucket + ", job_type, outcome ORDER BY bucket")
                .bind("from", fromMinute)
                .map((rs, c) -> new AttemptBucket(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getDouble(5)))
                .list();
    }

    /** Durations (ms) of completed attempts since {@code fromMinute}, per job type, for percentiles. */
    public Map<String, List<Long>> completedDurations(Handle h, long fromMinute, int cap) {
        Map<String, List<Long>> m = new LinkedHashMap<>();
        h.createQuery("SELECT job_type, duration_ms FROM job_attempts WHERE finished_minute >= :from AND outcome = 'completed' "
                        + "AND duration_ms IS NOT NULL ORDER BY finished_minute DESC LIMIT :cap")
                .bind("from", fromMinute).bind("cap", cap)
                .map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> m.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return m;
    }

    /** Submission-to-assignment waits (ms) of attempts claimed since {@code from}, newest first, capped. */
    public List<Long> queueWaits(Handle h, Instant from, int cap) {
        return h.createQuery("SELECT j.submitted_at, a.claimed_at FROM job_attempts a JOIN jobs j ON j.job_id = a.job_id "
                        + "WHERE a.claimed_at >= :from AND a.attempt = 1 ORDER BY a.claimed_at DESC LIMIT :cap")
                .bind("from", t(from)).bind("cap", cap)
                .map((rs, c) -> instant(rs, "claimed_at").toEpochMilli() - instant(rs, "submitted_at").toEpochMilli()).list();
    }

    public long submittedSince(Handle h, Instant from) {
        return h.createQuery("SELECT COUNT(*) FROM jobs WHERE submitted_at >= :from").bind("from", t(from)).mapTo(Long.class).one();
    }

    // ---- mapping --------------------------------------------------------------------------------------------

    private JobView view(ResultSet rs) throws SQLException {
        Instant submitted = instant(rs, "submitted_at");
        Instant assigned = instant(rs, "assigned_at");
        Instant started = instant(rs, "started_at");
        Instant completed = instant(rs, "completed_at");
        Long wait = assigned == null ? null : Math.max(0, assigned.toEpochMilli() - submitted.toEpochMilli());
        Long run = started == null || completed == null ? null : Math.max(0, completed.toEpochMilli() - started.toEpochMilli());
        return new JobView(rs.getString("job_id"), rs.getString("job_type"), rs.getString("queue"), rs.getString("status"),
                rs.getInt("priority"), rs.getString("worker_id"), rs.getString("worker_gpu_model"), rs.getInt("min_gpu_count"),
                rs.getString("gpu_model"), rs.getObject("min_gpu_memory_mb", Integer.class), rs.getInt("attempts"),
                rs.getInt("max_attempts"), rs.getObject("progress", Double.class), submitted, instant(rs, "available_at"),
                assigned, started, instant(rs, "lease_expires_at"), completed, rs.getString("last_error"),
                rs.getString("error_signature"), json(rs.getString("payload")), json(rs.getString("result")),
                rs.getString("submitted_by"), wait, run, null);
    }

    JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            // Stored by this code as JSON; a row edited by hand is shown as text rather than failing the page.
            return mapper.getNodeFactory().textNode(text);
        }
    }

    static OffsetDateTime t(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime o = rs.getObject(col, OffsetDateTime.class);
        return o == null ? null : o.toInstant();
    }
}
