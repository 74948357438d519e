package dev.opsdeck.backend.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.audit.AuditTrail;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read routes for dashboards and operators, and the audited operator actions on jobs. */
final class JobAdminRoutes {
    private final JobQueue queue;
    private final JobStats stats;
    private final AuditTrail audit;
    private final ObjectMapper mapper;

    JobAdminRoutes(JobQueue queue, JobStats stats, AuditTrail audit, ObjectMapper mapper) {
        this.queue = queue;
        this.stats = stats;
        this.audit = audit;
        this.mapper = mapper;
    }

    void register(Routes r) {
        r.get("/queue-status", Access.DASHBOARD, RateCategory.STATUS,
                "Queued, running, failed, dead per queue; active workers busy/idle", ctx -> ctx.json(stats.queueStatus()));
        r.get("/api/jobs/analytics", Access.DASHBOARD, RateCategory.ANALYTICS, "Job completion analytics", ctx -> ctx.json(stats.analytics()));
        r.get("/api/jobs/recent", Access.DASHBOARD, RateCategory.ANALYTICS,
                "Recent jobs, newest first (status, job_type, worker_id, queue, error_signature, limit, offset)", this::recent);
        r.get("/api/jobs/{job_id}", Access.DASHBOARD, RateCategory.STATUS, "One job with its attempts, worker, GPU, timings, error",
                ctx -> ctx.json(stats.detail(JobValidation.jobId(ctx.pathParam("job_id")))));
        r.get("/admin/jobs/statistics", Access.ADMIN, RateCategory.ANALYTICS,
                "Throughput, durations p50/p95/p99, failure rate by type over time (hours, bucket_minutes)", ctx -> ctx.json(
                        stats.statistics(Params.intParam(ctx, "hours", 24, 1, 24 * 30), Params.intParam(ctx, "bucket_minutes", 60, 1, 1440))));
        r.get("/admin/jobs/failures", Access.ADMIN, RateCategory.ANALYTICS,
                "Failed and dead jobs grouped by error signature, worker and GPU, newest first",
                ctx -> ctx.json(Map.of("groups", stats.failureGroups(Params.intParam(ctx, "limit", 100, 1, 1000)))));
        r.post("/admin/jobs/{job_id}/retry", Access.ADMIN, RateCategory.DEFAULT, "Requeue a failed, dead or cancelled job", this::retry);
        r.post("/admin/jobs/{job_id}/cancel", Access.ADMIN, RateCategory.DEFAULT, "Cancel a queued or running job", this::cancel);
        r.post("/admin/jobs/requeue", Access.ADMIN, RateCategory.DEFAULT,
                "Requeue a filtered group of failed/dead jobs; dry_run (default true) previews the count", this::requeue);
    }

    private void recent(Context ctx) {
        String status = Params.text(ctx, "status", 32);
        if (status != null && !JobStatus.ALL.contains(status)) {
            throw ApiException.invalidField("status", "must be one of " + String.join(", ", JobStatus.ALL));
        }
        ctx.json(stats.recent(status, Params.text(ctx, "job_type", 64), Params.text(ctx, "worker_id", 128),
                Params.text(ctx, "queue", 64), Params.text(ctx, "error_signature", 160),
                Params.intParam(ctx, "limit", 50, 1, 500), Params.intParam(ctx, "offset", 0, 0, 1_000_000)));
    }

    private void retry(Context ctx) {
        String id = JobValidation.jobId(ctx.pathParam("job_id"));
        Map<String, Object> r = audited(ctx, "jobs.retry", Map.of("job_id", id), () -> queue.retry(id));
        ctx.json(r);
    }

    private void cancel(Context ctx) {
        String id = JobValidation.jobId(ctx.pathParam("job_id"));
        ctx.json(audited(ctx, "jobs.cancel", Map.of("job_id", id), () -> queue.cancel(id)));
    }

    private void requeue(Context ctx) {
        JobRequests.Requeue q = Json.body(ctx, mapper, JobRequests.Requeue.class);
        String status = q.status() == null ? JobStatus.DEAD : q.status();
        if (!List.of(JobStatus.DEAD, JobStatus.FAILED, JobStatus.CANCELLED).contains(status)) {
            throw ApiException.invalidField("status", "must be dead, failed or cancelled");
        }
        boolean dryRun = q.dryRun() == null || q.dryRun();
        if (q.expectedCount() != null && q.expectedCount() < 0) {
            throw ApiException.invalidField("expected_count", "must not be negative");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("status", status);
        params.put("error_signature", q.errorSignature());
        params.put("worker_id", q.workerId());
        params.put("gpu_model", q.gpuModel());
        params.put("job_type", q.jobType());
        params.put("dry_run", dryRun);
        params.put("expected_count", q.expectedCount());
        ctx.json(audited(ctx, "jobs.requeue", params, () -> queue.requeueGroup(status, blank(q.errorSignature()), blank(q.workerId()),
                blank(q.gpuModel()), blank(q.jobType()), dryRun, q.expectedCount())));
    }

    private Map<String, Object> audited(Context ctx, String action, Map<String, ?> params, java.util.function.Supplier<Map<String, Object>> op) {
        String who = Params.principal(ctx).name();
        try {
            Map<String, Object> r = op.get();
            audit.record(who, action, params, Boolean.TRUE.equals(r.get("dry_run")) ? "dry_run" : "ok", ctx.ip());
            return r;
        } catch (ApiException e) {
            audit.record(who, action, params, "refused: " + e.code(), ctx.ip());
            throw e;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
