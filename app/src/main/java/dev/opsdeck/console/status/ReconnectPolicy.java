package dev.opsdeck.console.status;

import java.time.Duration;

/**
 * How often to probe and how to back off.
 *
 * @param interval              between probes while connected
 * @param maxDelay              cap of the exponential backoff, so an offline backend is noticed back within that time
 * @param failuresBeforeOffline consecutive failed probes after which the state is {@link ConnectionState#OFFLINE};
 *                              fewer are shown as reconnecting (one lost probe is not an outage)
 */
public record ReconnectPolicy(Duration interval, Duration maxDelay, int failuresBeforeOffline) {

    /** Probe every 2 s; back off 2, 4, 8, 16, 30 s; offline after 3 failures. */
    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30), 3);

    public ReconnectPolicy {
        if (interval.isNegative() || interval.isZero() || maxDelay.compareTo(interval) < 0 || failuresBeforeOffline < 1) {
            throw new IllegalArgumentException("invalid reconnect policy " + interval + "/" + maxDelay + "/" + failuresBeforeOffline);
        }
    }

    /** Delay before the next probe after {@code consecutiveFailures} failed probes (0 = healthy). */
    public Duration delayAfter(int consecutiveFailures) {
        if (consecutiveFailures <= 0) {
            return interval;
        }
        // Doubling from the interval; the shift is bounded so it cannot overflow before the cap applies.
        long millis = interval.toMillis() << Math.min(consecutiveFailures - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
