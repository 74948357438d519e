package dev.opsdeck.backend.workers;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a batch of ingest requests into rows, judging each against what the coordinator knew before it
 * (restarts, first heartbeats, uptime credit, new double-bit ECC errors). Requests in one batch see each other's
 * effect in arrival order through an overlay that replaces the cache only after the commit.
 */
final class BatchPlan {
    final List<Rows.Heartbeat> heartbeats = new ArrayList<>();
    final List<Rows.Worker> workers = new ArrayList<>();
    final List<Rows.Sample> samples = new ArrayList<>();
    final List<Rows.ErrorEvent> errors = new ArrayList<>();
    final Map<String, WorkerSnapshot> overlay = new LinkedHashMap<>();
    private final Map<String, Double> coverage = new LinkedHashMap<>();
    private final Map<String, Rows.Sample> latest = new LinkedHashMap<>();
    private final FleetCache cache;
    private final WorkerSettings settings;

    BatchPlan(FleetCache cache, WorkerSettings settings) {
        this.cache = cache;
        this.settings = settings;
    }

    private WorkerSnapshot known(String id) {
        WorkerSnapshot s = overlay.get(id);
        return s != null ? s : cache.get(id);
    }

    IngestResults.Heartbeat heartbeat(HeartbeatRequest hb, Instant at) {
        WorkerSnapshot prev = known(hb.workerId());
        boolean joined = prev == null;
        boolean restart = !joined && restarted(prev, hb);
        int restarts = joined ? 0 : prev.restartCount() + (restart ? 1 : 0);
        int interval = hb.intervalSeconds() != null ? hb.intervalSeconds()
                : prev != null ? prev.intervalSeconds() : (int) settings.heartbeatInterval().toSeconds();
        heartbeats.add(new Rows.Heartbeat(hb.workerId(), at, hb.status() == null ? "online" : hb.status(), hb.bootId(),
                hb.uptimeSeconds(), hb.activeJobs() == null ? 0 : hb.activeJobs(), hb.cpuPercent(), hb.memoryPercent()));
        // A worker row is inserted once per batch at most; later heartbeats of the same new worker update it.
        boolean insert = joined && workers.stream().noneMatch(w -> w.isNew() && w.workerId().equals(hb.workerId()));
        workers.add(new Rows.Worker(insert, hb.workerId(), at, hb, restarts, interval));
        if (prev != null && prev.lastHeartbeat() != null) {
            credit(hb.workerId(), prev.lastHeartbeat(), at);
        }
        Instant registered = prev != null ? prev.registeredAt() : at;
        overlay.put(hb.workerId(), new WorkerSnapshot(hb.workerId(), registered, at,
                hb.bootId() != null ? hb.bootId() : prev != null ? prev.bootId() : null,
                hb.uptimeSeconds() != null ? hb.uptimeSeconds() : prev != null ? prev.uptimeSeconds() : null,
                restarts, interval, hb.activeJobs() == null ? 0 : hb.activeJobs(), prev != null ? prev.gpus() : Map.of()));
        return new IngestResults.Heartbeat(hb.workerId(), at, WorkerState.ONLINE.id(), joined, restart, restarts,
                interval);
    }

    /** A new boot id, or an uptime counter that went back, means the worker restarted since its last heartbeat. */
    static boolean restarted(WorkerSnapshot prev, HeartbeatRequest hb) {
        if (hb.bootId() != null && prev.bootId() != null && !hb.bootId().equals(prev.bootId())) {
            return true;
        }
        return hb.uptimeSeconds() != null && prev.uptimeSeconds() != null && hb.uptimeSeconds() < prev.uptimeSeconds();
    }

    /**
     * The gap rule: a heartbeat credits the time since the previous one as up, but at most {@code late_after};
     * the rest of a longer gap counts as down. Credit is split across the hours it spans.
     */
    private void credit(String workerId, Instant prev, Instant now) {
        if (!now.isAfter(prev)) {
            return;
        }
        Duration gap = Duration.between(prev, now);
        Instant start = gap.compareTo(settings.lateAfter()) > 0 ? now.minus(settings.lateAfter()) : prev;
        Instant t = start;
        while (t.isBefore(now)) {
            Instant hour = t.truncatedTo(ChronoUnit.HOURS);
            Instant end = hour.plus(Duration.ofHours(1));
            Instant until = end.isBefore(now) ? end : now;
            double secs = Duration.between(t, until).toNanos() / 1e9;
            coverage.merge(workerId + "\n" + hour, secs, Double::sum);
            t = until;
        }
    }

    IngestResults.Metrics metrics(String workerId, Instant at, List<GpuMetricsRequest.Sample> gpus) {
        WorkerSnapshot prev = known(workerId);
        Map<Integer, WorkerSnapshot.GpuSnapshot> next = new HashMap<>(prev.gpus());
        int events = 0;
        for (GpuMetricsRequest.Sample g : gpus) {
            Rows.Sample row = new Rows.Sample(workerId, at, g);
            samples.add(row);
            latest.merge(row.gpuKey(), row, Rows.Sample::newer);
            WorkerSnapshot.GpuSnapshot old = prev.gpus().get(g.index());
            if (g.eccDbe() != null && g.eccDbe() > 0) {
                long before = old != null && old.eccDbe() != null ? old.eccDbe() : 0L;
                // A counter below the last one was reset (driver reload): everything it shows now is new.
                long fresh = g.eccDbe() >= before ? g.eccDbe() - before : g.eccDbe();
                if (fresh > 0) {
                    errors.add(new Rows.ErrorEvent(workerId, g.index(), "ecc_dbe", fresh,
                            fresh + " new double-bit (uncorrectable) ECC error" + (fresh == 1 ? "" : "s") + ", volatile total " + g.eccDbe(), at));
                    events++;
                }
            }
            for (GpuMetricsRequest.XidEvent x : g.xids()) {
                errors.add(new Rows.ErrorEvent(workerId, g.index(), "xid", x.code(), x.message(), x.occurredAt()));
                events++;
            }
            Long dbe = g.eccDbe() != null ? g.eccDbe() : old != null ? old.eccDbe() : null;
            next.put(g.index(), new WorkerSnapshot.GpuSnapshot(g.utilization(), g.temperature(), dbe));
        }
        overlay.put(workerId, prev.withGpus(Map.copyOf(next)));
        return new IngestResults.Metrics(workerId, at, gpus.size(), events);
    }

    List<Rows.Coverage> coverageRows() {
        List<Rows.Coverage> out = new ArrayList<>(coverage.size());
        coverage.forEach((k, v) -> {
            int nl = k.indexOf('\n');
            out.add(new Rows.Coverage(k.substring(0, nl), Instant.parse(k.substring(nl + 1)), v));
        });
        return out;
    }

    List<Rows.Sample> latestRows() {
        return new ArrayList<>(latest.values());
    }

    int rows() {
        return heartbeats.size() + samples.size();
    }
}
