package dev.opsdeck.backend.jobs;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** What the job routes answer with (serialised snake_case). */
public final class JobRecords {
    private JobRecords() {
    }

    /** A job as operators and dashboards see it. {@code attempt_history} is filled only in the detail view. */
    public record JobView(String jobId, String jobType, String queue, String status, int priority, String workerId,
                          String workerGpuModel, int gpuCount, String gpuModel, Integer minGpuMemoryMb, int attempts,
                          int maxAttempts, Double progress, Instant submittedAt, Instant availableAt, Instant assignedAt,
                          Instant startedAt, Instant leaseExpiresAt, Instant completedAt, String lastError,
                          String errorSignature, JsonNode payload, JsonNode result, String submittedBy,
                          Long queueWaitMs, Long runMs, List<Attempt> attemptHistory) {
        public JobView withAttempts(List<Attempt> a) {
            return new JobView(jobId, jobType, queue, status, priority, workerId, workerGpuModel, gpuCount, gpuModel,
                    minGpuMemoryMb, attempts, maxAttempts, progress, submittedAt, availableAt, assignedAt, startedAt,
                    leaseExpiresAt, completedAt, lastError, errorSignature, payload, result, submittedBy, queueWaitMs,
                    runMs, a);
        }
    }

    /** One claim of a job by a worker and how it ended. */
    public record Attempt(int attempt, String workerId, String gpuModel, String coordinator, Instant claimedAt,
                          Instant finishedAt, Long durationMs, String outcome, String error) {
    }

    /** A job handed to a worker: run it, report progress and the result with {@code lease_token}. */
    public record ClaimedJob(String jobId, String jobType, String queue, int priority, int attempt, int maxAttempts,
                             JsonNode payload, String leaseToken, Instant leaseExpiresAt, Instant submittedAt) {
    }

    /** The answer to a result report. {@code duplicate} is true when the same report had already been applied. */
    public record ReportOutcome(String jobId, String status, int attempts, boolean duplicate, Instant retryAt) {
    }

    /** The answer to a submission; {@code created} is false when the job_id already existed. */
    public record Submitted(String jobId, String status, boolean created, Instant submittedAt) {
    }

    /** A group of failed/dead jobs sharing error signature, worker and GPU, newest first. */
    public record FailureGroup(String errorSignature, String workerId, String gpuModel, String status, long count,
                               Instant newestAt, String sampleError) {
    }

    /** What a worker's capacity looks like to the matcher. */
    public record WorkerFit(String workerId, int gpuCount, String gpuModel, int gpuMemoryMb) {
    }
}
