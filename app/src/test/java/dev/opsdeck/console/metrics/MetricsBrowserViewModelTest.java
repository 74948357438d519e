package dev.opsdeck.console.metrics;

import dev.opsdeck.console.fx.ManualUiExecutor;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The browser's logic without a toolkit: rows kept in place, search, rates and quantiles from real scrapes. */
class MetricsBrowserViewModelTest {
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final MutableClock clock = new MutableClock();
    private final List<String> answers = new ArrayList<>();
    private final List<ScrapeTarget> asked = new ArrayList<>();
    private final MetricsBrowserViewModel vm = new MetricsBrowserViewModel(target -> {
        asked.add(target);
        if (answers.isEmpty()) {
            throw new IllegalStateException("cannot scrape " + target + ": connection refused");
        }
        return answers.remove(0);
    }, ui, clock);

    private static String exposition(double requests, double le01, double le1, double inf) {
        return """
                # HELP http_requests_total Requests.
                # TYPE http_requests_total counter
                http_requests_total{path="/a"} %s
                # HELP latency_seconds Latency.
                # TYPE latency_seconds histogram
                latency_seconds_bucket{le="0.1"} %s
                latency_seconds_bucket{le="1"} %s
                latency_seconds_bucket{le="+Inf"} %s
                latency_seconds_sum 1
                latency_seconds_count %s
                # TYPE temperature gauge
                temperature 42.5
                """.formatted(requests, le01, le1, inf, inf);
    }

    /** One scrape per interval, 3 s of (fake) time apart. */
    private void scrapes(String... texts) {
        answers.addAll(List.of(texts));
        vm.activate();
        for (int i = 1; i < texts.length; i++) {
            clock.advance(MetricsBrowserViewModel.INTERVAL);
            ui.advance(MetricsBrowserViewModel.INTERVAL);
        }
    }

    @Test
    void rowsUpdateInPlaceAndSearchNarrowsThem() {
        scrapes(exposition(10, 0, 0, 0), exposition(16, 0, 0, 0));
        MetricRow counter = vm.rows().get(0);
        assertThat(counter.name()).isEqualTo("http_requests_total");
        assertThat(counter.getValue()).isEqualTo(16);
        assertThat(vm.rows()).hasSize(7);
        assertThat(vm.summaryProperty().get()).isEqualTo("3 families, 7 samples");

        vm.searchProperty().set("LATENCY");
        assertThat(vm.rows()).extracting(MetricRow::familyName).containsOnly("latency_seconds");
        vm.searchProperty().set("path=\"/a\"");
        assertThat(vm.rows()).containsExactly(counter); // the same row object: selection survives refreshes
    }

    @Test
    void countersChartAsRatesAndHistogramsAsQuantiles() {
        scrapes(exposition(10, 0, 0, 0), exposition(16, 10, 20, 20), exposition(22, 20, 40, 40));
        vm.chart(vm.rows().get(0));
        DerivedSeries.Chart rate = vm.chartProperty().get();
        assertThat(rate.title()).isEqualTo("rate(http_requests_total{path=\"/a\"})");
        assertThat(rate.unit()).isEqualTo("/s");
        assertThat(rate.lines().get(0).values()).containsExactly(2.0, 2.0); // 6 more every 3 s

        MetricRow bucket = vm.rows().stream().filter(r -> r.name().equals("latency_seconds_bucket")).findFirst().orElseThrow();
        vm.chart(bucket);
        DerivedSeries.Chart q = vm.chartProperty().get();
        assertThat(q.unit()).isEqualTo("s");
        assertThat(q.lines()).extracting(DerivedSeries.Line::name).containsExactly("p50", "p90", "p99");
        // 10 of 20 new observations below 0.1 s, the other 10 up to 1 s: the median is the 0.1 s bound.
        assertThat(q.lines().get(0).values()[1]).isCloseTo(0.1, within(1e-9));
        assertThat(q.lines().get(1).values()[1]).isCloseTo(0.1 + 0.9 * 0.8, within(1e-9));

        // The chart follows the next scrape.
        answers.add(exposition(40, 20, 40, 40));
        clock.advance(MetricsBrowserViewModel.INTERVAL);
        ui.advance(MetricsBrowserViewModel.INTERVAL);
        assertThat(vm.chartProperty().get().lines().get(0).n()).isEqualTo(3);
    }

    @Test
    void aFailedScrapeIsSaidInWordsAndAnotherTargetStartsAfresh() {
        scrapes(exposition(1, 0, 0, 0));
        assertThat(vm.addTarget("not a url at all")).isFalse();
        assertThat(vm.errorProperty().get()).contains("is not a target URL");

        assertThat(vm.addTarget("127.0.0.1:9100")).isTrue();
        assertThat(asked.get(asked.size() - 1).toString()).isEqualTo("http://127.0.0.1:9100/metrics");
        assertThat(vm.rowCount()).isZero();
        assertThat(vm.errorProperty().get()).isEqualTo("cannot scrape http://127.0.0.1:9100/metrics: connection refused");
        assertThat(vm.targets()).hasSize(2);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
