package dev.opsdeck.backend.platform;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The backend's Prometheus registry (one per backend, never the static default, so two backends
 * in one JVM - as in tests - do not share counters) and the HTTP metrics of the dashboard guide.
 */
public final class Metrics {
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram requestDuration;

    public Metrics() {
        JvmMetrics.builder().register(registry);
        requests = Counter.builder()
                .name("dashboard_requests_total")
                .help("API requests by endpoint, method and status")
                .labelNames("endpoint", "method", "status")
                .register(registry);
        requestDuration = Histogram.builder()
                .name("dashboard_request_duration_seconds")
                .help("API latency by endpoint")
                .labelNames("endpoint")
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .classicOnly()
                .register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** Records one request; {@code endpoint} is the route template, never the raw path (bounded label set). */
    public void recordRequest(String endpoint, String method, int status, double seconds) {
        requests.labelValues(endpoint, method, Integer.toString(status)).inc();
        requestDuration.labelValues(endpoint).observe(seconds);
    }

    /**
     * Registers a gauge whose name ends in {@code _total} as the guide names it
     * ({@code active_workers_total}, {@code websocket_subscribers_total}, {@code jobs_pending_total}).
     * Exposed as {@code untyped}: Prometheus reads it as a gauge and {@code promtool check metrics}
     * accepts the suffix, which it refuses on a typed gauge.
     */
    public void untypedGauge(String name, String help, DoubleSupplier value) {
        registry.register(() -> UnknownSnapshot.builder().name(name).help(help)
                .dataPoint(UnknownSnapshot.UnknownDataPointSnapshot.builder().value(value.getAsDouble()).build())
                .build());
    }

    /** Like {@link #untypedGauge(String, String, DoubleSupplier)} with one data point per label set. */
    public void untypedGaugeFamily(String name, String help, Supplier<Map<Labels, Double>> values) {
        registry.register(() -> {
            UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(name).help(help);
            values.get().forEach((labels, v) -> b.dataPoint(
                    UnknownSnapshot.UnknownDataPointSnapshot.builder().labels(labels).value(v).build()));
            return b.build();
        });
    }

    /** The exposition in Prometheus text format 0.0.4. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Scrape as text, for tests and the console's own diagnostics. */
    public String scrapeText() {
        return new String(scrape(), StandardCharsets.UTF_8);
    }
}
