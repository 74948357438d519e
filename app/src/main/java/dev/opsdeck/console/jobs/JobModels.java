package dev.opsdeck.console.jobs;

import java.time.Instant;
import java.util.List;

/** What the jobs screen shows, read from the backend's snake_case JSON by {@link JobsJson}. */
public final class JobModels {
    private JobModels() {
    }

    /** One row of the recent-jobs table ({@code GET /api/jobs/recent}). */
    public record JobRow(String jobId, String jobType, String queue, String status, String workerId, String gpuModel,
                         int attempts, int maxAttempts, Instant submittedAt, Instant completedAt, Long runMs,
                         String errorSignature, String lastError) {
        /** Failed (waiting for its retry), dead or cancelled: the backend accepts a retry. */
        public boolean retryable() {
            return "failed".equals(status) || "dead".equals(status) || "cancelled".equals(status);
        }

        /** Queued, failed or running: the backend accepts a cancel. */
        public boolean cancellable() {
            return "queued".equals(status) || "failed".equals(status) || "running".equals(status);
        }
    }

    /** One claim of a job by a worker and how it ended. */
    public record Attempt(int attempt, String workerId, String gpuModel, Instant claimedAt, Instant finishedAt,
                         Long durationMs, String outcome, String error) {
    }

    /** One job with its timings and attempts ({@code GET /api/jobs/{job_id}}). */
    public record JobDetail(JobRow job, Instant startedAt, Long queueWaitMs, String submittedBy, List<Attempt> attempts) {
    }

    /** A page of recent jobs and whether older ones exist. */
    public record JobPage(List<JobRow> jobs, int offset, boolean hasMore) {
    }

    /** Failed or dead jobs sharing error signature, worker and GPU ({@code GET /admin/jobs/failures}). */
    public record FailureGroup(String errorSignature, String workerId, String gpuModel, String status, long count,
                               Instant newestAt, String sampleError) {
        /** Stable identity of a group across refreshes. */
        public String key() {
            return status + "|" + errorSignature + "|" + workerId + "|" + gpuModel;
        }
    }

    /** Queue depth over every queue and the active workers ({@code GET /queue-status}). */
    public record QueueStatus(long queued, long running, long failed, long dead, long workersBusy, long workersIdle) {
    }

    /** Per job type over the statistics window: failure rate and completed durations. */
    public record TypeStats(String jobType, long finished, long failed, double failureRate, Long p50, Long p95, Long p99) {
    }

    /** Completed and finished attempts in one time bucket. */
    public record Bucket(Instant start, long completed, long finished) {
    }

    /** {@code GET /admin/jobs/statistics}. */
    public record Statistics(double throughputPerMinute, double failureRate, int bucketMinutes, List<TypeStats> types,
                             List<Bucket> series) {
    }

    /** Payout totals of one worker ({@code GET /api/workloads/payouts}). */
    public record Payout(String workerId, long workloads, String totalEth, String paidEth, double workloadMinutes,
                         Instant lastAt) {
    }

    /** One inventory pool's level ({@code GET /vtxos/stats}). */
    public record Pool(String assetId, long available, long allocated, long expired, int lowWatermark, int targetLevel,
                       boolean belowWatermark) {
    }

    /** Every pool and the replenishment monitor's state. */
    public record Inventory(List<Pool> pools, String monitorState, String monitorError) {
    }

    /** A recurring automation task ({@code GET /admin/automation/tasks}). */
    public record Task(String name, long intervalSeconds, boolean enabled, Instant nextRun, Instant lastRunAt,
                       String lastStatus, String lastResult, String lastError, long runCount) {
    }
}
