package dev.opsdeck.backend.alerts.expr;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The evaluator over a hand-filled source: the numbers here are worked out by hand, as Prometheus would give them. */
class EvaluatorTest {
    private final Fake source = new Fake();

    @Test
    void selectorsFilterByLabelsAndComparisonsFilterValues() {
        source.put("service_up", Map.of("service", "rpc-0"), 0, 0);
        source.put("service_up", Map.of("service", "rpc-1"), 0, 1);
        source.put("service_up", Map.of("service", "indexer"), 0, 0);
        List<Sample> down = eval("service_up{service=~\"rpc-.*\"} == 0", 10_000);
        assertThat(down).extracting(s -> s.labels().get("service")).containsExactly("rpc-0");
    }

    @Test
    void aSeriesWithoutAPointForFiveMinutesIsStale() {
        source.put("indexer_lag_seconds", Map.of(), 0, 500);
        assertThat(eval("indexer_lag_seconds > 300", 60_000)).hasSize(1);
        assertThat(eval("indexer_lag_seconds > 300", 301_000)).isEmpty();
    }

    @Test
    void rateCountsCounterResetsAsIncrease() {
        // 0 -> 30 -> (restart) 10 over 60 s: 40 requests in 60 s
        source.put("jobs_completed_total", Map.of("status", "ok"), 0, 0);
        source.put("jobs_completed_total", Map.of("status", "ok"), 30_000, 30);
        source.put("jobs_completed_total", Map.of("status", "ok"), 60_000, 10);
        assertThat(eval("rate(jobs_completed_total[5m])", 60_000).get(0).value()).isCloseTo(40 / 60.0, within(1e-9));
    }

    @Test
    void failureRatioDividesMatchingSums() {
        source.put("jobs_completed_total", Map.of("status", "failed"), 0, 0);
        source.put("jobs_completed_total", Map.of("status", "failed"), 60_000, 30);
        source.put("jobs_completed_total", Map.of("status", "completed"), 0, 0);
        source.put("jobs_completed_total", Map.of("status", "completed"), 60_000, 70);
        List<Sample> r = eval("sum(rate(jobs_completed_total{status=\"failed\"}[5m])) / sum(rate(jobs_completed_total[5m])) > 0.1", 60_000);
        assertThat(r).hasSize(1);
        assertThat(r.get(0).value()).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void histogramQuantileInterpolatesInsideTheBucketLikePrometheus() {
        // 100 requests in 60 s: 50 under 0.1 s, 40 more under 1 s, 10 more under 2.5 s.
        bucket("0.1", 0, 50);
        bucket("1.0", 0, 90);
        bucket("2.5", 0, 100);
        bucket("+Inf", 0, 100);
        // rank 0.99*100/60 falls in (1, 2.5]: 1 + 1.5 * (99-90)/10 = 2.35 s
        List<Sample> r = eval("histogram_quantile(0.99, rate(dashboard_request_duration_seconds_bucket[5m]))", 60_000);
        assertThat(r).hasSize(1);
        assertThat(r.get(0).value()).isCloseTo(2.35, within(1e-9));
        assertThat(r.get(0).labels()).containsEntry("endpoint", "/x").doesNotContainKey("le");
        // p50 lies in the first bucket, interpolated from 0
        assertThat(eval("histogram_quantile(0.5, rate(dashboard_request_duration_seconds_bucket[5m]))", 60_000).get(0).value())
                .isCloseTo(0.1, within(1e-9));
    }

    @Test
    void aggregationGroupsByTheNamedLabels() {
        source.put("gpu_utilization_percent", Map.of("worker", "a", "gpu", "0"), 0, 10);
        source.put("gpu_utilization_percent", Map.of("worker", "a", "gpu", "1"), 0, 30);
        source.put("gpu_utilization_percent", Map.of("worker", "b", "gpu", "0"), 0, 90);
        List<Sample> r = eval("avg by (worker) (gpu_utilization_percent) > 50", 1_000);
        assertThat(r).extracting(s -> s.labels().get("worker")).containsExactly("b");
        assertThat(eval("count(gpu_utilization_percent)", 1_000).get(0).value()).isEqualTo(3);
    }

    private void bucket(String le, long ignored, double count) {
        Map<String, String> l = new TreeMap<>(Map.of("endpoint", "/x", "le", le));
        source.put("dashboard_request_duration_seconds_bucket", l, 0, 0);
        source.put("dashboard_request_duration_seconds_bucket", l, 60_000, count);
    }

    private List<Sample> eval(String promql, long at) {
        return new Evaluator(source, at).vector(ExprParser.parse(promql));
    }

    /** An in-memory source with the same window rules as the registry history. */
    static final class Fake implements SampleSource {
        private final Map<String, Map<Map<String, String>, List<Point>>> data = new HashMap<>();

        void put(String name, Map<String, String> labels, long at, double v) {
            data.computeIfAbsent(name, k -> new HashMap<>()).computeIfAbsent(new TreeMap<>(labels), k -> new ArrayList<>()).add(new Point(at, v));
        }

        @Override
        public List<Sample> instant(String name, List<Matcher> matchers, long at) {
            List<Sample> out = new ArrayList<>();
            data.getOrDefault(name, Map.of()).forEach((labels, pts) -> {
                Point last = null;
                for (Point p : pts) {
                    if (p.atMillis() <= at) {
                        last = p;
                    }
                }
                if (last != null && at - last.atMillis() <= 300_000 && matchers.stream().allMatch(m -> m.matches(labels))) {
                    out.add(new Sample(labels, last.value()));
                }
            });
            return out;
        }

        @Override
        public List<RangeSeries> range(String name, List<Matcher> matchers, long from, long to) {
            List<RangeSeries> out = new ArrayList<>();
            data.getOrDefault(name, Map.of()).forEach((labels, pts) -> {
                if (matchers.stream().allMatch(m -> m.matches(labels))) {
                    List<Point> in = pts.stream().filter(p -> p.atMillis() > from && p.atMillis() <= to).toList();
                    if (!in.isEmpty()) {
                        out.add(new RangeSeries(labels, in));
                    }
                }
            });
            return out;
        }
    }
}
