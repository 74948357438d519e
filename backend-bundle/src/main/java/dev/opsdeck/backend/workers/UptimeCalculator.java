package dev.opsdeck.backend.workers;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Uptime over a window from the hourly credit the ingest writer books per heartbeat.
 * The rule, also returned by the API in words ({@link #METHOD}): each heartbeat credits the time since the
 * previous heartbeat as up, capped at {@code late_after}; the rest of a longer gap is down. The time since the
 * last heartbeat is credited the same way. The window starts at the later of (now - window) and the worker's
 * first heartbeat; the hour at the window's far edge is pro-rated.
 */
final class UptimeCalculator {
    static final String METHOD = "Each heartbeat credits the time since the previous heartbeat as up, at most late_after_seconds; "
            + "the rest of a longer gap counts as down. Time since the last heartbeat is credited the same way. "
            + "The window starts at the later of (now - window) and the worker's first heartbeat. "
            + "Credit is kept per hour, so the hour at the window's far edge is pro-rated.";

    static final Map<String, Duration> WINDOWS = windows();

    private UptimeCalculator() {
    }

    private static Map<String, Duration> windows() {
        Map<String, Duration> m = new LinkedHashMap<>();
        m.put("1h", Duration.ofHours(1));
        m.put("24h", Duration.ofHours(24));
        m.put("7d", Duration.ofDays(7));
        return m;
    }

    /** Credited and elapsed seconds of one window. */
    record Result(double coveredSeconds, double windowSeconds) {
        Double percent() {
            if (windowSeconds <= 0) {
                return null;
            }
            return Math.round(Math.min(100.0, 100.0 * coveredSeconds / windowSeconds) * 100) / 100.0;
        }
    }

    static Result compute(Map<Instant, Double> hourly, Instant registeredAt, Instant lastHeartbeat, Instant now,
                          Duration window, Duration lateAfter) {
        Instant windowStart = now.minus(window);
        Instant start = registeredAt != null && registeredAt.isAfter(windowStart) ? registeredAt : windowStart;
        double covered = 0;
        for (Map.Entry<Instant, Double> e : hourly.entrySet()) {
            Instant hour = e.getKey();
            Instant end = hour.plus(Duration.ofHours(1));
            if (!end.isAfter(windowStart)) {
                continue;
            }
            if (hour.isBefore(windowStart)) {
                covered += e.getValue() * Duration.between(windowStart, end).toMillis() / 3_600_000.0;
            } else {
                covered += e.getValue();
            }
        }
        if (lastHeartbeat != null && now.isAfter(lastHeartbeat)) {
            Duration since = Duration.between(lastHeartbeat, now);
            covered += Math.min(since.toMillis(), lateAfter.toMillis()) / 1000.0;
        }
        double elapsed = Math.max(0, Duration.between(start, now).toMillis() / 1000.0);
        return new Result(Math.min(covered, elapsed), elapsed);
    }
}
