package dev.opsdeck.backend.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.jobs.JobRecords.ClaimedJob;
import dev.opsdeck.backend.jobs.JobRecords.Submitted;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Submission and the worker side of the queue: claim, progress, results. */
final class JobRoutes {
    private final JobQueue queue;
    private final JobValidation validation;
    private final JobsSettings settings;
    private final ObjectMapper mapper;

    JobRoutes(JobQueue queue, JobValidation validation, JobsSettings settings, ObjectMapper mapper) {
        this.queue = queue;
        this.validation = validation;
        this.settings = settings;
        this.mapper = mapper;
    }

    void register(Routes r) {
        r.post("/api/jobs", Access.WORKER, RateCategory.JOB_SUBMISSION,
                "Submit a job (job_type, queue, priority, gpu_count, gpu_model, min_gpu_memory_mb, payload, max_attempts)", this::submit);
        r.post("/api/jobs/batch", Access.WORKER, RateCategory.JOB_SUBMISSION, "Submit up to 500 jobs at once, all or none", this::submitBatch);
        r.post("/api/worker/jobs/claim", Access.WORKER, RateCategory.HEARTBEAT,
                "Worker poll: lease up to max_jobs jobs that fit its GPUs", this::claim);
        r.post("/api/worker/jobs/{job_id}/progress", Access.WORKER, RateCategory.HEARTBEAT,
                "Report progress of a running job and extend its lease", this::progress);
        r.post("/api/worker/jobs/{job_id}/result", Access.WORKER, RateCategory.HEARTBEAT,
                "Report the result of an attempt (idempotent per lease)", this::result);
        r.post("/api/worker/jobs/results", Access.WORKER, RateCategory.HEARTBEAT,
                "Report several results at once; each is applied on its own", this::results);
    }

    private void submit(Context ctx) {
        NewJob job = validation.submit(Json.body(ctx, mapper, JobRequests.Submit.class), "");
        Submitted s = queue.submit(List.of(job), Params.principal(ctx).name()).get(0);
        ctx.status(s.created() ? 201 : 200).json(s);
    }

    private void submitBatch(Context ctx) {
        List<NewJob> jobs = validation.batch(Json.body(ctx, mapper, JobRequests.SubmitBatch.class));
        List<Submitted> out = queue.submit(jobs, Params.principal(ctx).name());
        ctx.status(201).json(Map.of("jobs", out, "created", out.stream().filter(Submitted::created).count()));
    }

    private void claim(Context ctx) {
        JobRequests.Claim c = Json.body(ctx, mapper, JobRequests.Claim.class);
        String worker = JobValidation.workerId("worker_id", c.workerId());
        int max = JobValidation.range("max_jobs", c.maxJobs(), 1, 1, 500);
        Duration lease = lease(c.leaseSeconds());
        String q = JobValidation.optionalName("queue", c.queue());
        List<ClaimedJob> jobs = queue.claim(worker, max, lease, q);
        ctx.json(Map.of("worker_id", worker, "jobs", jobs));
    }

    private void progress(Context ctx) {
        String jobId = JobValidation.jobId(ctx.pathParam("job_id"));
        JobRequests.Progress p = Json.body(ctx, mapper, JobRequests.Progress.class);
        String worker = JobValidation.workerId("worker_id", p.workerId());
        String token = JobValidation.leaseToken(p.leaseToken());
        if (p.progress() != null && (p.progress().isNaN() || p.progress() < 0 || p.progress() > 1)) {
            throw ApiException.invalidField("progress", "must be a fraction between 0 and 1");
        }
        ctx.json(queue.progress(jobId, worker, token, p.progress(), lease(p.leaseSeconds())));
    }

    private void result(Context ctx) {
        String jobId = JobValidation.jobId(ctx.pathParam("job_id"));
        JobRequests.Result r = Json.body(ctx, mapper, JobRequests.Result.class);
        ctx.json(apply(jobId, r, ""));
    }

    private void results(Context ctx) {
        JobRequests.ResultBatch b = Json.body(ctx, mapper, JobRequests.ResultBatch.class);
        if (b.results() == null || b.results().isEmpty() || b.results().size() > JobValidation.MAX_BATCH) {
            throw ApiException.invalidField("results", "must hold 1 to " + JobValidation.MAX_BATCH + " results");
        }
        // Check every item's shape first so a malformed request changes nothing.
        for (int i = 0; i < b.results().size(); i++) {
            var item = b.results().get(i);
            if (item == null) {
                throw ApiException.invalidField("results[" + i + "]", "must be an object");
            }
            String p = "results[" + i + "].";
            JobValidation.jobId(JobValidation.required(p + "job_id", item.jobId()));
            validateResult(item.toResult(), p);
        }
        List<JobQueue.Report> reports = new ArrayList<>();
        for (var item : b.results()) {
            reports.add(new JobQueue.Report(item.jobId(), item.workerId(), item.leaseToken(), "completed".equals(item.status()),
                    item.result(), item.error(), item.retryable() == null || item.retryable()));
        }
        List<Object> out = queue.reportBatch(reports);
        ctx.json(Map.of("results", out));
    }

    private JobRecords.ReportOutcome apply(String jobId, JobRequests.Result r, String prefix) {
        boolean completed = validateResult(r, prefix);
        return queue.report(jobId, r.workerId(), r.leaseToken(), completed, r.result(), r.error(), r.retryable() == null || r.retryable());
    }

    /** Validates a result; returns true for completed, false for failed. */
    private static boolean validateResult(JobRequests.Result r, String prefix) {
        JobValidation.workerId(prefix + "worker_id", r.workerId());
        JobValidation.required(prefix + "lease_token", r.leaseToken());
        String status = JobValidation.required(prefix + "status", r.status());
        if (!status.equals("completed") && !status.equals("failed")) {
            throw ApiException.invalidField(prefix + "status", "must be 'completed' or 'failed'");
        }
        if (r.error() != null && r.error().length() > 8_000) {
            throw ApiException.invalidField(prefix + "error", "must be at most 8000 characters");
        }
        if (r.result() != null && r.result().toString().length() > JobValidation.MAX_PAYLOAD_CHARS) {
            throw ApiException.invalidField(prefix + "result", "must be at most " + JobValidation.MAX_PAYLOAD_CHARS + " characters of JSON");
        }
        return status.equals("completed");
    }

    private Duration lease(Integer seconds) {
        return seconds == null ? settings.defaultLease() : Duration.ofSeconds(JobValidation.range("lease_seconds", seconds, 60, 1, 86_400));
    }
}
