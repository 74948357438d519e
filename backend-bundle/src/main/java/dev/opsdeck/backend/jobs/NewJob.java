package dev.opsdeck.backend.jobs;

/** A validated job submission, ready to insert. {@code payload} is JSON text or null. */
public record NewJob(String jobId, String jobType, String queue, int priority, int gpuCount, String gpuModel,
                     Integer minGpuMemoryMb, String payload, int maxAttempts) {
}
