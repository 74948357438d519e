package dev.opsdeck.backend.jobs;

import dev.opsdeck.backend.api.BackendConfig;

import java.time.Duration;

/**
 * Queue tuning read once from configuration; each value is checked by {@link BackendConfig#number} so a bad
 * value stops startup with the variable named.
 *
 * @param defaultLease       lease a claim gets when the worker asks for none ({@code JOBS_LEASE_SECONDS})
 * @param maxAttempts        attempts per job unless the submitter says otherwise ({@code JOBS_MAX_ATTEMPTS})
 * @param backoffBase        wait before the first retry, doubled per further attempt ({@code JOBS_RETRY_BACKOFF_MS})
 * @param backoffMax         cap of that wait ({@code JOBS_RETRY_BACKOFF_MAX_MS})
 * @param activeWindow       a worker whose last heartbeat is older is not given jobs ({@code JOBS_WORKER_ACTIVE_SECONDS})
 * @param reaperInterval     how often expired leases are looked for ({@code JOBS_REAPER_INTERVAL_MS})
 * @param metricsRefresh     how often the database-backed gauges are recomputed ({@code JOBS_METRICS_REFRESH_MS})
 * @param failureRateWindow  window of the {@code jobs_failure_rate} gauge ({@code JOBS_FAILURE_RATE_WINDOW_MINUTES})
 */
public record JobsSettings(Duration defaultLease, int maxAttempts, Duration backoffBase, Duration backoffMax,
                           Duration activeWindow, Duration reaperInterval, Duration metricsRefresh,
                           int failureRateWindow) {

    public static JobsSettings from(BackendConfig c) {
        return new JobsSettings(
                Duration.ofSeconds(c.number("JOBS_LEASE_SECONDS", 60, 1, 86_400)),
                (int) c.number("JOBS_MAX_ATTEMPTS", 3, 1, 100),
                Duration.ofMillis(c.number("JOBS_RETRY_BACKOFF_MS", 5_000, 0, 3_600_000)),
                Duration.ofMillis(c.number("JOBS_RETRY_BACKOFF_MAX_MS", 300_000, 0, 86_400_000)),
                Duration.ofSeconds(c.number("JOBS_WORKER_ACTIVE_SECONDS", 120, 1, 86_400)),
                Duration.ofMillis(c.number("JOBS_REAPER_INTERVAL_MS", 2_000, 50, 600_000)),
                Duration.ofMillis(c.number("JOBS_METRICS_REFRESH_MS", 5_000, 100, 600_000)),
                (int) c.number("JOBS_FAILURE_RATE_WINDOW_MINUTES", 5, 1, 1_440));
    }

    /** Backoff before attempt {@code attemptsSoFar + 1}: base * 2^(attempts-1), capped. */
    public Duration backoffAfter(int attemptsSoFar) {
        long base = backoffBase.toMillis();
        int shift = Math.max(0, Math.min(30, attemptsSoFar - 1));
        long ms = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
        return Duration.ofMillis(Math.min(ms, backoffMax.toMillis()));
    }
}
