package dev.opsdeck.backend.jobs;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** Request bodies of the job routes (snake_case on the wire). Validation happens in {@link JobValidation}. */
public final class JobRequests {
    private JobRequests() {
    }

    /**
     * A job to run. {@code job_id} is optional; when given, a retried submission with the same id returns the
     * existing job instead of queueing a second one.
     */
    public record Submit(String jobId, String jobType, String queue, Integer priority, Integer gpuCount,
                         String gpuModel, Integer minGpuMemoryMb, JsonNode payload, Integer maxAttempts) {
    }

    public record SubmitBatch(List<Submit> jobs) {
    }

    /** A worker asking for work: up to {@code max_jobs} jobs, each leased for {@code lease_seconds}. */
    public record Claim(String workerId, Integer maxJobs, Integer leaseSeconds, String queue) {
    }

    /** Progress of a running job; also extends its lease. */
    public record Progress(String workerId, String leaseToken, Double progress, Integer leaseSeconds) {
    }

    /** The outcome of one attempt: {@code status} is {@code completed} or {@code failed}. */
    public record Result(String workerId, String leaseToken, String status, JsonNode result, String error,
                         Boolean retryable) {
    }

    /** Several results in one request (workers that finish jobs in bursts); each is applied on its own. */
    public record ResultBatch(List<BatchedResult> results) {
    }

    public record BatchedResult(String jobId, String workerId, String leaseToken, String status, JsonNode result,
                                String error, Boolean retryable) {
        Result toResult() {
            return new Result(workerId, leaseToken, status, result, error, retryable);
        }
    }

    /** A filtered group of failed jobs to put back in the queue; {@code dry_run} only counts them. */
    public record Requeue(String status, String errorSignature, String workerId, String gpuModel, String jobType,
                          Boolean dryRun, Integer expectedCount) {
    }
}
