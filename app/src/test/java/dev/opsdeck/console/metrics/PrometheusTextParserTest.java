package dev.opsdeck.console.metrics;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Fixtures are saved output of real exporters (node_exporter 1.5.0, Prometheus 2.42.0, this backend). */
class PrometheusTextParserTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = PrometheusTextParserTest.class.getResourceAsStream(name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static MetricFamily family(List<MetricFamily> fs, String name) {
        Optional<MetricFamily> f = fs.stream().filter(x -> x.name().equals(name)).findFirst();
        assertThat(f).as("family " + name).isPresent();
        return f.get();
    }

    @Test
    void theFormatSpecificationExampleParsesWithEscapesTimestampsAndInfinities() throws IOException {
        List<MetricFamily> fs = PrometheusTextParser.parse(fixture("exposition_format_example.txt"));
        MetricFamily req = family(fs, "http_requests_total");
        assertThat(req.type()).isEqualTo(MetricType.COUNTER);
        assertThat(req.help()).isEqualTo("The total number of HTTP requests.");
        assertThat(req.samples()).hasSize(2);
        assertThat(req.samples().get(0).labels()).containsEntry("method", "post").containsEntry("code", "200");
        assertThat(req.samples().get(0).value()).isEqualTo(1027);
        assertThat(req.samples().get(0).timestampMs()).isEqualTo(1395066363000L);
        assertThat(req.samples().get(1).value()).isEqualTo(3);

        Sample msdos = family(fs, "msdos_file_access_time_seconds").samples().get(0);
        assertThat(msdos.labels().get("path")).isEqualTo("C:\\DIR\\FILE.TXT");
        assertThat(msdos.labels().get("error")).isEqualTo("Cannot find file:\n\"FILE.TXT\"");
        assertThat(msdos.value()).isEqualTo(1.458255915e9);
        assertThat(family(fs, "msdos_file_access_time_seconds").type()).isEqualTo(MetricType.UNTYPED);

        Sample minimal = family(fs, "metric_without_timestamp_and_labels").samples().get(0);
        assertThat(minimal.value()).isEqualTo(12.47);
        assertThat(minimal.timestampMs()).isNull();

        Sample weird = family(fs, "something_weird").samples().get(0);
        assertThat(weird.value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(weird.timestampMs()).isEqualTo(-3982045L);

        MetricFamily hist = family(fs, "http_request_duration_seconds");
        assertThat(hist.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(hist.samples()).hasSize(8);
        assertThat(SeriesMath.bucketsOf(hist, Map.of())).hasSize(6);
        // 50th percentile: rank 72160 falls in (0.1, 0.2] with 33444 below and 66948 inside.
        assertThat(SeriesMath.histogramQuantile(0.5, SeriesMath.bucketsOf(hist, Map.of())))
                .isCloseTo(0.1 + 0.1 * (72160 - 33444) / 66948.0, within(1e-9));

        MetricFamily summary = family(fs, "rpc_duration_seconds");
        assertThat(summary.type()).isEqualTo(MetricType.SUMMARY);
        assertThat(summary.samples()).hasSize(7);
        assertThat(summary.samples().get(6).name()).isEqualTo("rpc_duration_seconds_count");
        assertThat(summary.samples().get(5).value()).isEqualTo(1.7560473e+07);
    }

    @Test
    void aRealNodeExporterScrapeParses() throws IOException {
        List<MetricFamily> fs = PrometheusTextParser.parse(fixture("node_exporter_1.5.txt"));
        assertThat(fs.size()).isGreaterThan(100);
        MetricFamily cpu = family(fs, "node_cpu_seconds_total");
        assertThat(cpu.type()).isEqualTo(MetricType.COUNTER);
        assertThat(cpu.samples()).allSatisfy(s -> assertThat(s.labels()).containsKeys("cpu", "mode"));
        assertThat(family(fs, "go_gc_duration_seconds").type()).isEqualTo(MetricType.SUMMARY);
        assertThat(family(fs, "node_load1").type()).isEqualTo(MetricType.GAUGE);
        // Every sample belongs to a family of the same base name.
        assertThat(fs).allSatisfy(f -> assertThat(f.samples()).allSatisfy(s -> assertThat(s.name()).startsWith(f.name())));
    }

    @Test
    void aRealPrometheusServerScrapeParsesIncludingNaNQuantiles() throws IOException {
        List<MetricFamily> fs = PrometheusTextParser.parse(fixture("prometheus_2.42.txt"));
        MetricFamily q = family(fs, "prometheus_engine_query_duration_seconds");
        assertThat(q.type()).isEqualTo(MetricType.SUMMARY);
        assertThat(q.samples()).anySatisfy(s -> {
            assertThat(s.labels()).containsKey("quantile");
            assertThat(s.value()).isNaN();
        });
        assertThat(family(fs, "prometheus_tsdb_compaction_chunk_range_seconds").type()).isEqualTo(MetricType.HISTOGRAM);
    }

    @Test
    void thisBackendsScrapeParses() throws IOException {
        List<MetricFamily> fs = PrometheusTextParser.parse(fixture("opsdeck_backend.txt"));
        assertThat(family(fs, "dashboard_requests_total").type()).isEqualTo(MetricType.COUNTER);
        assertThat(family(fs, "websocket_subscribers_total").type()).isEqualTo(MetricType.UNTYPED);
        MetricFamily d = family(fs, "dashboard_request_duration_seconds");
        assertThat(d.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(SeriesMath.bucketsOf(d, Map.of("endpoint", "/health"))).isNotEmpty();
    }

    @Test
    void brokenLinesAreRefusedWithTheirLineNumber() {
        assertThatThrownBy(() -> PrometheusTextParser.parse("ok 1\nbad{a=\"x} 1\n"))
                .isInstanceOf(ExpositionParseException.class).hasMessageStartingWith("line 2: ");
        assertThatThrownBy(() -> PrometheusTextParser.parse("x{a=\"1\",a=\"2\"} 1")).hasMessageContaining("twice");
        assertThatThrownBy(() -> PrometheusTextParser.parse("x one")).hasMessageContaining("invalid value");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x bogus\n")).hasMessageContaining("unknown metric type");
        assertThatThrownBy(() -> PrometheusTextParser.parse("1x 1")).hasMessageContaining("invalid metric name");
        assertThatThrownBy(() -> PrometheusTextParser.parse("x 1 12.5")).hasMessageContaining("invalid timestamp");
    }

    @Test
    void whitespaceTrailingCommasAndCarriageReturnsAreTolerated() {
        List<MetricFamily> fs = PrometheusTextParser.parse("# HELP a Help with \\\\ and \\n.\r\n# TYPE a gauge\r\na{ x=\"1\" , } \t 2.5e-3\r\n");
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).help()).isEqualTo("Help with \\ and \n.");
        assertThat(fs.get(0).samples().get(0).labels()).containsEntry("x", "1");
        assertThat(fs.get(0).samples().get(0).value()).isEqualTo(0.0025);
    }

    @Test
    void countersBecomeRatesAcrossResets() {
        assertThat(SeriesMath.rate(100, 160, 30)).isEqualTo(2.0);
        assertThat(SeriesMath.rate(100, 30, 10)).isEqualTo(3.0);
        assertThat(SeriesMath.rate(1, 2, 0)).isNaN();
    }
}
