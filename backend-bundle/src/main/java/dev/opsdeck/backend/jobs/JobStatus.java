package dev.opsdeck.backend.jobs;

import java.util.List;

/** The states of a job in the queue, as stored in {@code jobs.status}. */
public final class JobStatus {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    /** The last attempt failed and a retry waits out its backoff; claimable once {@code available_at} passes. */
    public static final String FAILED = "failed";
    /** Retries ran out (or the error was not retryable); kept with its last error until an operator requeues it. */
    public static final String DEAD = "dead";
    public static final String COMPLETED = "completed";
    public static final String CANCELLED = "cancelled";

    public static final List<String> ALL = List.of(QUEUED, RUNNING, FAILED, DEAD, COMPLETED, CANCELLED);

    private JobStatus() {
    }
}
