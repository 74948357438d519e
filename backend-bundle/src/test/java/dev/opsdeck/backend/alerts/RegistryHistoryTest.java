package dev.opsdeck.backend.alerts;

import dev.opsdeck.backend.alerts.expr.Matcher;
import dev.opsdeck.backend.alerts.expr.Sample;
import dev.opsdeck.backend.platform.Metrics;
import io.prometheus.metrics.core.metrics.Counter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The history reads series under the names /metrics exposes, for every metric type the domains register. */
class RegistryHistoryTest {
    private final Metrics metrics = new Metrics();
    private final RegistryHistory history = new RegistryHistory(metrics.registry());

    @Test
    void untypedTotalGaugesCountersAndHistogramsAreReadByTheirExposedNames() {
        AtomicInteger workers = new AtomicInteger(0);
        metrics.untypedGauge("active_workers_total", "Connected workers", workers::get);
        Counter jobs = Counter.builder().name("jobs_completed_total").help("jobs").labelNames("status").register(metrics.registry());
        jobs.labelValues("failed").inc(3);
        metrics.recordRequest("/api/jobs/recent", "GET", 200, 0.3);

        Set<String> wanted = Set.of("active_workers_total", "jobs_completed_total", "dashboard_request_duration_seconds_bucket");
        history.record(1_000, wanted);
        assertThat(history.instant("active_workers_total", List.of(), 1_000)).extracting(Sample::value).containsExactly(0.0);
        assertThat(history.instant("jobs_completed_total", List.of(new Matcher("status", "=", "failed")), 1_000))
                .extracting(Sample::value).containsExactly(3.0);
        List<Sample> buckets = history.instant("dashboard_request_duration_seconds_bucket",
                List.of(new Matcher("endpoint", "=", "/api/jobs/recent")), 1_000);
        assertThat(buckets).extracting(s -> s.labels().get("le")).contains("0.25", "0.5", "+Inf");
        assertThat(buckets).filteredOn(s -> s.labels().get("le").equals("0.25")).extracting(Sample::value).containsExactly(0.0);
        assertThat(buckets).filteredOn(s -> s.labels().get("le").equals("0.5")).extracting(Sample::value).containsExactly(1.0);
        assertThat(buckets).filteredOn(s -> s.labels().get("le").equals("+Inf")).extracting(Sample::value).containsExactly(1.0);
    }

    @Test
    void onlyWantedSeriesAreKeptAndOldPointsAreDropped() {
        metrics.untypedGauge("active_workers_total", "Connected workers", () -> 4);
        history.retention(0); // clamps to the 5 m lookback
        history.record(0, Set.of("active_workers_total"));
        history.record(400_000, Set.of("active_workers_total"));
        assertThat(history.range("active_workers_total", List.of(), -1, 400_000)).singleElement()
                .satisfies(r -> assertThat(r.points()).hasSize(1));
        history.record(401_000, Set.of());
        assertThat(history.instant("active_workers_total", List.of(), 401_000)).isEmpty();
        assertThat(history.instant("jvm_memory_used_bytes", List.of(), 401_000)).isEmpty();
    }
}
