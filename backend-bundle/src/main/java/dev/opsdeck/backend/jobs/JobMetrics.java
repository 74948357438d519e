package dev.opsdeck.backend.jobs;

import dev.opsdeck.backend.platform.Metrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;

import java.time.Duration;
import java.util.Map;

/**
 * The job metrics on {@code /metrics}. Counters count what this coordinator did (sum them across
 * coordinators); the gauges come from the shared database through {@link JobSnapshot}, so every coordinator
 * reports the same cluster-wide value.
 *
 * <ul>
 *   <li>{@code jobs_pending_total} (untyped, as the dashboard guide names it): queued + waiting to retry</li>
 *   <li>{@code jobs_completed_total{status}}: finished attempts by outcome (completed, failed, timed_out, cancelled)</li>
 *   <li>{@code jobs_submitted_total}: jobs accepted</li>
 *   <li>{@code jobs_running}, {@code jobs_dead}: jobs in those states</li>
 *   <li>{@code jobs_failure_rate{job_type}}: failed or timed-out attempts / finished attempts over the window</li>
 *   <li>{@code jobs_queue_wait_seconds}: submission to first assignment</li>
 * </ul>
 */
public final class JobMetrics {
    private final Counter completed;
    private final Counter submitted;
    private final Histogram queueWait;
    private volatile JobSnapshot snapshot = JobSnapshot.EMPTY;

    public JobMetrics(Metrics metrics) {
        var registry = metrics.registry();
        completed = Counter.builder().name("jobs_completed_total")
                .help("Finished job attempts by outcome: completed, failed, timed_out (lease expired), cancelled")
                .labelNames("status").register(registry);
        for (String s : new String[]{"completed", "failed", "timed_out", "cancelled"}) {
            completed.labelValues(s); // present at 0 so rate() and alert rules see the series from the start
        }
        submitted = Counter.builder().name("jobs_submitted_total").help("Jobs accepted into the queue").register(registry);
        queueWait = Histogram.builder().name("jobs_queue_wait_seconds").help("Time from submission to first assignment")
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300)
                .classicOnly().register(registry);
        metrics.untypedGauge("jobs_pending_total", "Jobs waiting for a worker (queued or waiting to retry)",
                () -> snapshot.pending());
        GaugeWithCallback.builder().name("jobs_running").help("Jobs running on a worker")
                .callback(cb -> cb.call(snapshot.running())).register(registry);
        GaugeWithCallback.builder().name("jobs_dead").help("Jobs whose retries ran out, kept with their last error")
                .callback(cb -> cb.call(snapshot.dead())).register(registry);
        GaugeWithCallback.builder().name("jobs_failure_rate")
                .help("Failed or timed-out attempts / finished attempts per job type over the recent window")
                .labelNames("job_type")
                .callback(cb -> {
                    for (Map.Entry<String, Double> e : snapshot.failureRate().entrySet()) {
                        cb.call(e.getValue(), e.getKey());
                    }
                }).register(registry);
    }

    void submitted(int n) {
        if (n > 0) {
            submitted.inc(n);
        }
    }

    void attemptFinished(String outcome) {
        completed.labelValues(outcome).inc();
    }

    void queueWait(Duration d) {
        queueWait.observe(Math.max(0, d.toNanos()) / 1e9);
    }

    void update(JobSnapshot s) {
        this.snapshot = s;
    }

    JobSnapshot snapshot() {
        return snapshot;
    }

    /** Database-derived values, recomputed periodically rather than on every scrape. */
    record JobSnapshot(long pending, long running, long dead, Map<String, Double> failureRate) {
        static final JobSnapshot EMPTY = new JobSnapshot(0, 0, 0, Map.of());
    }
}
