package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.http.ApiException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** GPU history at the resolution that fits the range, the worker's error timeline, and reward history. */
final class HistoryService {
    static final int MAX_POINTS = 50_000;

    private final WorkerRepository repo;
    private final FleetQueries fleet;
    private final WorkerSettings settings;
    private final Clock clock;

    /** One point of a series as the API shows it (averages over the bucket; raw: the sample). */
    record PointView(Instant t, int samples, Double utilizationPercent, Double utilizationMax, Double memoryUsedMb, Double temperatureC,
                     Double temperatureMax, Double powerWatts) {
    }

    HistoryService(WorkerRepository repo, FleetQueries fleet, WorkerSettings settings, Clock clock) {
        this.repo = repo;
        this.fleet = fleet;
        this.settings = settings;
        this.clock = clock;
    }

    Map<String, Object> gpuHistory(String workerId, Integer gpu, Duration range, Resolution asked) {
        fleet.requireExists(workerId);
        Resolution res = asked == Resolution.AUTO ? Resolution.forRange(range) : asked;
        if (res == Resolution.RAW && range.compareTo(Resolution.RAW_MAX) > 0) {
            throw ApiException.invalidField("resolution", "raw is available for ranges up to 6h; use 1m or 1h (or auto)");
        }
        if (res == Resolution.MINUTE && range.compareTo(Resolution.MINUTE_MAX) > 0) {
            throw ApiException.invalidField("resolution", "1m is available for ranges up to 14d; use 1h (or auto)");
        }
        Instant to = clock.instant();
        Instant from = to.minus(range);
        List<WorkerRepository.Point> points;
        switch (res) {
            case RAW:
                points = repo.rawSeries(workerId, gpu, from, to.plusMillis(1), MAX_POINTS);
                break;
            case MINUTE:
                points = repo.tierSeries(WorkerRepository.Tier.MINUTE, workerId, gpu, from.truncatedTo(ChronoUnit.MINUTES), to, MAX_POINTS);
                break;
            default:
                points = repo.tierSeries(WorkerRepository.Tier.HOUR, workerId, gpu, from.truncatedTo(ChronoUnit.HOURS), to, MAX_POINTS);
        }
        Map<Integer, List<Object>> byGpu = new TreeMap<>();
        for (WorkerRepository.Point p : points) {
            byGpu.computeIfAbsent(p.gpuIndex(), k -> new ArrayList<>()).add(new PointView(p.at(), p.samples(), FleetQueries.round(p.utilization()),
                    FleetQueries.round(p.utilizationMax()), FleetQueries.round(p.memoryUsed()), FleetQueries.round(p.temperature()),
                    FleetQueries.round(p.temperatureMax()), FleetQueries.round(p.power())));
        }
        List<Object> series = new ArrayList<>();
        byGpu.forEach((i, pts) -> series.add(Map.of("gpu_index", i, "points", pts)));
        List<Object> events = new ArrayList<>();
        for (WorkerRepository.ErrorRow e : repo.errorEvents(workerId, gpu, from, to.plusMillis(1), 1000)) {
            events.add(FleetQueries.errorView(e));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "gpu");
        m.put("worker_id", workerId);
        m.put("gpu", gpu);
        m.put("from", from);
        m.put("to", to);
        m.put("range_seconds", range.toSeconds());
        m.put("resolution", res.id());
        m.put("resolution_requested", asked.id());
        m.put("truncated", points.size() >= MAX_POINTS);
        // Rollup tiers trail the raw samples by up to one rollup run; say how far they reach.
        m.put("rolled_up_until", res == Resolution.RAW ? null : repo.rolledUpUntil());
        m.put("retention", retention());
        m.put("series", series);
        m.put("events", events);
        return m;
    }

    Map<String, Object> retention() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("raw_hours", settings.rawRetention().toHours());
        r.put("1m_days", settings.minuteRetention().toDays());
        r.put("1h_days", settings.hourRetention().toDays());
        return r;
    }

    /**
     * A worker's heartbeat timeline over the range: each heartbeat, and the gaps longer than {@code late_after}
     * (the stretches the uptime counts as down), so a console can draw both.
     */
    Map<String, Object> heartbeatHistory(String workerId, Duration range) {
        fleet.requireExists(workerId);
        if (range.compareTo(Duration.ofDays(7)) > 0) {
            throw ApiException.invalidField("range", "heartbeat history is available for ranges up to 7d");
        }
        Instant to = clock.instant();
        Instant from = to.minus(range);
        List<WorkerRepository.HeartbeatRow> rows = repo.heartbeats(workerId, from, to.plusMillis(1), MAX_POINTS);
        List<Object> gaps = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            Duration gap = Duration.between(rows.get(i - 1).at(), rows.get(i).at());
            if (gap.compareTo(settings.lateAfter()) > 0) {
                gaps.add(Map.of("from", rows.get(i - 1).at(), "to", rows.get(i).at(), "seconds", gap.toSeconds(),
                        "restarted", rows.get(i).bootId() != null && !rows.get(i).bootId().equals(rows.get(i - 1).bootId())));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "heartbeats");
        m.put("worker_id", workerId);
        m.put("from", from);
        m.put("to", to);
        m.put("late_after_seconds", settings.lateAfter().toSeconds());
        m.put("truncated", rows.size() >= MAX_POINTS);
        m.put("heartbeats", rows);
        m.put("gaps", gaps);
        return m;
    }

    /** Reward claims per day over the range (all workers, or one). */
    Map<String, Object> rewardHistory(String workerId, Duration range) {
        if (workerId != null) {
            fleet.requireExists(workerId);
        }
        Instant to = clock.instant();
        Instant from = to.minus(range);
        Map<Instant, BigDecimal[]> days = new TreeMap<>();
        List<WorkerRepository.ClaimRow> claims = repo.claims(workerId, from, MAX_POINTS, 0);
        for (WorkerRepository.ClaimRow c : claims) {
            BigDecimal[] d = days.computeIfAbsent(c.claimedAt().truncatedTo(ChronoUnit.DAYS), k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            d[0] = d[0].add(BigDecimal.ONE);
            d[1] = d[1].add(c.amount());
        }
        List<Object> points = new ArrayList<>();
        days.forEach((day, v) -> points.add(Map.of("day", day, "claims", v[0].intValue(), "amount", v[1].stripTrailingZeros().toPlainString())));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "rewards");
        m.put("worker_id", workerId);
        m.put("from", from);
        m.put("to", to);
        m.put("resolution", "1d");
        m.put("truncated", claims.size() >= MAX_POINTS);
        m.put("points", points);
        return m;
    }
}
