package dev.opsdeck.backend.workers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * 24-hour uptime of every worker, refreshed periodically in one query: the gauge and the workers list read it
 * instead of summing hourly credit per worker on every scrape or page.
 */
final class UptimeBoard {
    private final WorkerRepository repo;
    private final FleetCache cache;
    private final WorkerSettings settings;
    private final Clock clock;
    private volatile Map<String, Double> uptime24h = Map.of();

    UptimeBoard(WorkerRepository repo, FleetCache cache, WorkerSettings settings, Clock clock) {
        this.repo = repo;
        this.cache = cache;
        this.settings = settings;
        this.clock = clock;
    }

    void refresh() {
        Instant now = clock.instant();
        Duration day = UptimeCalculator.WINDOWS.get("24h");
        Map<String, Map<Instant, Double>> all = repo.coverageAll(now.minus(day).truncatedTo(ChronoUnit.HOURS));
        Map<String, Double> out = new HashMap<>();
        for (WorkerSnapshot s : cache.all()) {
            UptimeCalculator.Result r = UptimeCalculator.compute(all.getOrDefault(s.workerId(), Map.of()), s.registeredAt(),
                    s.lastHeartbeat(), now, day, settings.lateAfter());
            if (r.percent() != null) {
                out.put(s.workerId(), r.percent());
            }
        }
        uptime24h = out;
    }

    Map<String, Double> uptime24h() {
        return uptime24h;
    }
}
