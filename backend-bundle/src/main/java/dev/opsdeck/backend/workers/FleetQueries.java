package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.http.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dashboard reads: worker status and uptime, the fleet's workers and GPUs, network figures. */
final class FleetQueries {
    private final WorkerRepository repo;
    private final WorkerSettings settings;
    private final UptimeBoard uptime;
    private final IngestWriter writer;
    private final Clock clock;

    FleetQueries(WorkerRepository repo, WorkerSettings settings, UptimeBoard uptime, IngestWriter writer, Clock clock) {
        this.repo = repo;
        this.settings = settings;
        this.uptime = uptime;
        this.writer = writer;
        this.clock = clock;
    }

    /** The thresholds every state in an answer was judged by. */
    Map<String, Object> thresholds() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("expected_interval_seconds", settings.heartbeatInterval().toSeconds());
        m.put("late_after_seconds", settings.lateAfter().toSeconds());
        m.put("stale_after_seconds", settings.staleAfter().toSeconds());
        m.put("offline_after_seconds", settings.offlineAfter().toSeconds());
        m.put("rule", "state from the age of the last heartbeat: online below late_after, late below stale_after, "
                + "stale below offline_after, offline beyond; only online or late workers can be busy");
        return m;
    }

    WorkerRepository.WorkerRow require(String workerId) {
        WorkerRepository.WorkerRow w = repo.worker(workerId);
        if (w == null) {
            throw unknown(workerId);
        }
        return w;
    }

    /** Like {@link #require} when only existence matters (history reads: one indexed probe). */
    void requireExists(String workerId) {
        if (!repo.workerExists(workerId)) {
            throw unknown(workerId);
        }
    }

    private static ApiException unknown(String workerId) {
        return new ApiException(404, "unknown_worker", "no worker '" + workerId + "' has sent a heartbeat", Map.of("field", "worker"));
    }

    Map<String, Object> workerStatus(String workerId) {
        WorkerRepository.WorkerRow w = require(workerId);
        Instant now = clock.instant();
        Map<String, Object> m = workerView(w, now);
        m.put("thresholds", thresholds());
        m.put("uptime", uptimeWindows(w, now));
        Map<String, Long> c1h = repo.errorCounts(workerId, now.minus(Duration.ofHours(1)));
        Map<String, Long> c24h = repo.errorCounts(workerId, now.minus(Duration.ofHours(24)));
        List<Object> gpus = new ArrayList<>();
        for (WorkerRepository.GpuRow g : repo.gpus(workerId, 64, 0)) {
            gpus.add(gpuView(g, now, c1h, c24h));
        }
        m.put("gpus", gpus);
        m.put("errors", Map.of("last_1h", sumCounts(c1h), "last_24h", sumCounts(c24h)));
        List<Object> recent = new ArrayList<>();
        for (WorkerRepository.ErrorRow e : repo.errorEvents(workerId, null, now.minus(Duration.ofDays(7)), now.plusSeconds(1), 20)) {
            recent.add(errorView(e));
        }
        m.put("recent_errors", recent);
        return m;
    }

    /** Counts per state of the whole fleet, when no worker is named. */
    Map<String, Object> fleetStatus() {
        Instant now = clock.instant();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workers", stateCounts(now));
        m.put("thresholds", thresholds());
        return m;
    }

    Map<String, Object> uptime(String workerId) {
        WorkerRepository.WorkerRow w = require(workerId);
        Instant now = clock.instant();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("worker_id", workerId);
        m.put("state", WorkerState.of(w.lastHeartbeat(), now, settings).id());
        m.put("last_heartbeat", w.lastHeartbeat());
        m.put("first_heartbeat", w.registeredAt());
        m.put("restart_count", w.restartCount());
        m.put("windows", uptimeWindows(w, now));
        m.put("method", UptimeCalculator.METHOD);
        m.put("late_after_seconds", settings.lateAfter().toSeconds());
        return m;
    }

    private Map<String, Object> uptimeWindows(WorkerRepository.WorkerRow w, Instant now) {
        Map<Instant, Double> hourly = repo.coverage(w.workerId(), now.minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.HOURS));
        Map<String, Object> out = new LinkedHashMap<>();
        UptimeCalculator.WINDOWS.forEach((name, d) -> {
            UptimeCalculator.Result r = UptimeCalculator.compute(hourly, w.registeredAt(), w.lastHeartbeat(), now, d, settings.lateAfter());
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("uptime_percent", r.percent());
            v.put("up_seconds", Math.round(r.coveredSeconds()));
            v.put("observed_seconds", Math.round(r.windowSeconds()));
            out.put(name, v);
        });
        return out;
    }

    Map<String, Object> networkWorkers(WorkerState state, Page page) {
        Instant now = clock.instant();
        Instant[] range = ageRange(state, now);
        List<Object> items = new ArrayList<>();
        Map<String, Double> up = uptime.uptime24h();
        for (WorkerRepository.WorkerRow w : repo.workers(range[0], range[1], page.limit(), page.offset())) {
            Map<String, Object> v = workerView(w, now);
            v.put("uptime_24h_percent", up.get(w.workerId()));
            items.add(v);
        }
        Map<String, Object> m = page.wrap(items, repo.countWorkers(range[0], range[1]));
        m.put("state_filter", state == null ? null : state.id());
        m.put("thresholds", thresholds());
        List<Object> departed = new ArrayList<>();
        for (WorkerRepository.WorkerRow w : repo.departed(now.minus(settings.departedWindow()), now.minus(settings.offlineAfter()), 50)) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("worker_id", w.workerId());
            d.put("hostname", w.hostname());
            d.put("last_heartbeat", w.lastHeartbeat());
            d.put("gone_for_seconds", Duration.between(w.lastHeartbeat(), now).toSeconds());
            departed.add(d);
        }
        m.put("recently_departed", departed);
        m.put("recently_departed_window_hours", settings.departedWindow().toHours());
        return m;
    }

    /** States are ranges of heartbeat age: [after, before) of last_heartbeat, nulls unbounded. */
    private Instant[] ageRange(WorkerState s, Instant now) {
        if (s == null) {
            return new Instant[]{null, null};
        }
        switch (s) {
            case ONLINE: return new Instant[]{now.minus(settings.lateAfter()), null};
            case LATE: return new Instant[]{now.minus(settings.staleAfter()), now.minus(settings.lateAfter())};
            case STALE: return new Instant[]{now.minus(settings.offlineAfter()), now.minus(settings.staleAfter())};
            default: return new Instant[]{null, now.minus(settings.offlineAfter())};
        }
    }

    private Map<String, Object> stateCounts(Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        long total = 0;
        for (WorkerState s : WorkerState.values()) {
            Instant[] r = ageRange(s, now);
            long n = repo.countWorkers(r[0], r[1]);
            m.put(s.id(), n);
            total += n;
        }
        m.put("total", total);
        return m;
    }

    Map<String, Object> gpus(String workerId, Page page) {
        if (workerId != null) {
            requireExists(workerId);
        }
        Instant now = clock.instant();
        Map<String, Long> c1h = repo.errorCounts(workerId, now.minus(Duration.ofHours(1)));
        Map<String, Long> c24h = repo.errorCounts(workerId, now.minus(Duration.ofHours(24)));
        List<Object> items = new ArrayList<>();
        for (WorkerRepository.GpuRow g : repo.gpus(workerId, page.limit(), page.offset())) {
            items.add(gpuView(g, now, c1h, c24h));
        }
        Map<String, Object> m = page.wrap(items, repo.countGpus(workerId));
        m.put("worker", workerId);
        return m;
    }

    Map<String, Object> networkStats() {
        Instant now = clock.instant();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workers", stateCounts(now));
        WorkerRepository.GpuTotals t = repo.gpuTotals(now.minus(settings.staleAfter()));
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("total", t.gpus());
        g.put("active", t.activeGpus());
        g.put("avg_utilization_percent", round(t.avgUtilization()));
        g.put("max_temperature_c", round(t.maxTemperature()));
        g.put("power_watts", round(t.powerWatts()));
        m.put("gpus", g);
        WorkerRepository.GpuRow hot = repo.hottestGpu(now.minus(settings.staleAfter()));
        m.put("hottest_gpu", hot == null ? null : Map.of("worker_id", hot.workerId(), "gpu_index", hot.gpuIndex(),
                "temperature_c", hot.temperature()));
        m.put("errors_1h", sumCounts(repo.errorCounts(null, now.minus(Duration.ofHours(1)))));
        m.put("errors_24h", sumCounts(repo.errorCounts(null, now.minus(Duration.ofHours(24)))));
        Map<String, Double> up = uptime.uptime24h();
        m.put("avg_uptime_24h_percent", up.isEmpty() ? null : round(up.values().stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        m.put("ingest", Map.of("queued_requests", writer.queued(), "average_batch_rows", round(writer.averageBatchRows())));
        m.put("thresholds", thresholds());
        m.put("as_of", now);
        return m;
    }

    private Map<String, Object> workerView(WorkerRepository.WorkerRow w, Instant now) {
        WorkerState state = WorkerState.of(w.lastHeartbeat(), now, settings);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("worker_id", w.workerId());
        m.put("state", state.id());
        m.put("last_heartbeat", w.lastHeartbeat());
        m.put("heartbeat_age_seconds", w.lastHeartbeat() == null ? null : Duration.between(w.lastHeartbeat(), now).toMillis() / 1000.0);
        m.put("expected_interval_seconds", w.intervalSeconds());
        m.put("hostname", w.hostname());
        m.put("wallet_address", w.walletAddress());
        m.put("agent_version", w.agentVersion());
        m.put("gpu_model", w.gpuModel());
        m.put("gpu_count", Math.max(w.gpuCount(), w.gpusReporting()));
        m.put("registered_at", w.registeredAt());
        m.put("restart_count", w.restartCount());
        // An offline or stale worker is never shown busy: its last job count is history, kept apart.
        boolean live = state.canBeBusy();
        m.put("busy", live && w.activeJobs() > 0);
        m.put("active_jobs", live ? w.activeJobs() : 0);
        m.put("last_reported_active_jobs", w.activeJobs());
        m.put("cpu_percent", w.cpuPercent());
        m.put("memory_percent", w.memoryPercent());
        m.put("avg_gpu_utilization_percent", live ? round(w.avgUtilization()) : null);
        m.put("max_gpu_temperature_c", live ? round(w.maxTemperature()) : null);
        m.put("gpu_power_watts", live ? round(w.powerWatts()) : null);
        m.put("total_rewards", w.totalRewards() == null ? "0" : w.totalRewards().stripTrailingZeros().toPlainString());
        return m;
    }

    private Map<String, Object> gpuView(WorkerRepository.GpuRow g, Instant now, Map<String, Long> c1h, Map<String, Long> c24h) {
        Map<String, Object> m = new LinkedHashMap<>();
        WorkerState state = WorkerState.of(g.lastHeartbeat(), now, settings);
        m.put("worker_id", g.workerId());
        m.put("gpu_index", g.gpuIndex());
        m.put("model", g.model());
        m.put("worker_state", state.id());
        m.put("recorded_at", g.recordedAt());
        m.put("sample_age_seconds", Duration.between(g.recordedAt(), now).toSeconds());
        m.put("utilization_percent", g.utilization());
        m.put("memory_used_mb", g.memoryUsed());
        m.put("memory_total_mb", g.memoryTotal());
        m.put("temperature_c", g.temperature());
        m.put("power_watts", g.power());
        m.put("sm_clock_mhz", g.smClock());
        m.put("ecc_sbe_count", g.eccSbe());
        m.put("ecc_dbe_count", g.eccDbe());
        String key = g.workerId() + "/" + g.gpuIndex() + "/";
        m.put("errors_1h", Map.of("xid", c1h.getOrDefault(key + "xid", 0L), "ecc_dbe", c1h.getOrDefault(key + "ecc_dbe", 0L)));
        m.put("errors_24h", Map.of("xid", c24h.getOrDefault(key + "xid", 0L), "ecc_dbe", c24h.getOrDefault(key + "ecc_dbe", 0L)));
        return m;
    }

    static Map<String, Object> errorView(WorkerRepository.ErrorRow e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("worker_id", e.workerId());
        m.put("gpu_index", e.gpuIndex());
        m.put("kind", e.kind());
        m.put("code", e.code());
        m.put("message", e.message());
        m.put("occurred_at", e.occurredAt());
        return m;
    }

    private static Map<String, Object> sumCounts(Map<String, Long> counts) {
        long xid = 0;
        long dbe = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getKey().endsWith("/xid")) {
                xid += e.getValue();
            } else if (e.getKey().endsWith("/ecc_dbe")) {
                dbe += e.getValue();
            }
        }
        return Map.of("xid", xid, "ecc_dbe", dbe);
    }

    static Double round(Double d) {
        return d == null ? null : Math.round(d * 100) / 100.0;
    }
}
