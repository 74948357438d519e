package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.Metrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/** The validator dashboard guide's worker metrics, by their exact names. */
final class WorkerMetrics {
    private final Counter heartbeats;

    WorkerMetrics(Metrics metrics, FleetCache cache, StateTracker tracker, Supplier<Map<String, Double>> uptime24h,
                  WorkerSettings settings, Clock clock) {
        heartbeats = Counter.builder().name("worker_heartbeats_total").help("Heartbeats received (committed)")
                .register(metrics.registry());
        GaugeWithCallback.builder().name("worker_uptime_percent").help("Worker uptime over the last 24 h, by worker ID")
                .labelNames("worker")
                .callback(cb -> uptime24h.get().forEach((w, v) -> cb.call(v, w)))
                .register(metrics.registry());
        metrics.untypedGauge("active_workers_total", "Connected workers (online or late)", tracker::active);
        // Only GPUs of workers that answer: a departed worker's last utilisation would read as load that is not there.
        GaugeWithCallback.builder().name("gpu_utilization_percent").help("GPU usage by worker and GPU index")
                .labelNames("worker", "gpu")
                .callback(cb -> {
                    Instant now = clock.instant();
                    for (WorkerSnapshot s : cache.all()) {
                        if (WorkerState.of(s.lastHeartbeat(), now, settings).canBeBusy()) {
                            s.gpus().forEach((i, g) -> cb.call(g.utilization(), s.workerId(), Integer.toString(i)));
                        }
                    }
                })
                .register(metrics.registry());
    }

    void heartbeats(int n) {
        if (n > 0) {
            heartbeats.inc(n);
        }
    }
}
