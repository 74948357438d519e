package dev.opsdeck.backend.alerts;

import dev.opsdeck.backend.alerts.expr.Matcher;
import dev.opsdeck.backend.alerts.expr.Point;
import dev.opsdeck.backend.alerts.expr.RangeSeries;
import dev.opsdeck.backend.alerts.expr.Sample;
import dev.opsdeck.backend.alerts.expr.SampleSource;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A short memory of the backend's own registry: each evaluation records the series the rules read, under
 * the names {@code /metrics} exposes them with ({@code _total}, {@code _bucket} with cumulative {@code le},
 * {@code _count}, {@code _sum}), so an expression reads here exactly what a real Prometheus would scrape.
 * Only series of names some rule references are kept, for {@code retentionMillis} (the longest range a rule
 * asks for plus a margin): a handful of deques, not a time-series database.
 */
public final class RegistryHistory implements SampleSource {
    /** Prometheus's default staleness window: a series without a point for 5 m is gone. */
    static final long LOOKBACK_MILLIS = 5 * 60_000;
    /** The longest range a rule may ask for: bounds the memory this history can take. */
    static final long MAX_RANGE_SECONDS = 3600;

    private final PrometheusRegistry registry;
    private final Map<String, Map<Map<String, String>, Deque<Point>>> series = new HashMap<>();
    private volatile long retentionMillis = 15 * 60_000;

    public RegistryHistory(PrometheusRegistry registry) {
        this.registry = registry;
    }

    public void retention(long millis) {
        this.retentionMillis = Math.max(millis, LOOKBACK_MILLIS);
    }

    /** Scrapes the series named in {@code wanted} and appends them at {@code atMillis}. */
    public synchronized void record(long atMillis, Set<String> wanted) {
        if (wanted.isEmpty()) {
            series.clear();
            return;
        }
        // The registry filters by family before collecting, so JVM and other unread metrics cost nothing here.
        var snapshots = registry.scrape(name -> wanted.stream().anyMatch(w -> w.startsWith(name) || name.startsWith(w)));
        for (MetricSnapshot s : snapshots) {
            flatten(s, (name, labels, value) -> {
                if (wanted.contains(name)) {
                    series.computeIfAbsent(name, k -> new HashMap<>())
                            .computeIfAbsent(labels, k -> new ArrayDeque<>()).addLast(new Point(atMillis, value));
                }
            });
        }
        long oldest = atMillis - retentionMillis;
        series.keySet().retainAll(wanted);
        for (var byLabels : series.values()) {
            byLabels.values().forEach(d -> {
                while (!d.isEmpty() && d.peekFirst().atMillis() < oldest) {
                    d.pollFirst();
                }
            });
            byLabels.values().removeIf(Deque::isEmpty);
        }
    }

    @Override
    public synchronized List<Sample> instant(String name, List<Matcher> matchers, long atMillis) {
        List<Sample> out = new ArrayList<>();
        for (var e : matching(name, matchers).entrySet()) {
            Point latest = null;
            for (Point p : e.getValue()) {
                if (p.atMillis() <= atMillis) {
                    latest = p;
                }
            }
            if (latest != null && atMillis - latest.atMillis() <= LOOKBACK_MILLIS) {
                out.add(new Sample(e.getKey(), latest.value()));
            }
        }
        return out;
    }

    @Override
    public synchronized List<RangeSeries> range(String name, List<Matcher> matchers, long fromMillis, long toMillis) {
        List<RangeSeries> out = new ArrayList<>();
        for (var e : matching(name, matchers).entrySet()) {
            List<Point> pts = new ArrayList<>();
            for (Point p : e.getValue()) {
                if (p.atMillis() > fromMillis && p.atMillis() <= toMillis) {
                    pts.add(p);
                }
            }
            if (!pts.isEmpty()) {
                out.add(new RangeSeries(e.getKey(), pts));
            }
        }
        return out;
    }

    private Map<Map<String, String>, Deque<Point>> matching(String name, List<Matcher> matchers) {
        Map<Map<String, String>, Deque<Point>> out = new HashMap<>();
        series.getOrDefault(name, Map.of()).forEach((labels, points) -> {
            if (matchers.stream().allMatch(m -> m.matches(labels))) {
                out.put(labels, points);
            }
        });
        return out;
    }

    interface SeriesSink {
        void accept(String name, Map<String, String> labels, double value);
    }

    /** One registry family as the flat series {@code /metrics} shows. */
    static void flatten(MetricSnapshot s, SeriesSink sink) {
        String base = s.getMetadata().getPrometheusName();
        for (DataPointSnapshot dp : s.getDataPoints()) {
            Map<String, String> labels = labels(dp.getLabels());
            if (s instanceof CounterSnapshot) {
                String name = base.endsWith("_total") ? base : base + "_total";
                sink.accept(name, labels, ((CounterSnapshot.CounterDataPointSnapshot) dp).getValue());
            } else if (s instanceof GaugeSnapshot) {
                sink.accept(base, labels, ((GaugeSnapshot.GaugeDataPointSnapshot) dp).getValue());
            } else if (s instanceof UnknownSnapshot) {
                sink.accept(base, labels, ((UnknownSnapshot.UnknownDataPointSnapshot) dp).getValue());
            } else if (s instanceof HistogramSnapshot) {
                HistogramSnapshot.HistogramDataPointSnapshot h = (HistogramSnapshot.HistogramDataPointSnapshot) dp;
                ClassicHistogramBuckets buckets = h.getClassicBuckets();
                long cumulative = 0;
                for (int i = 0; i < buckets.size(); i++) {
                    // The model stores per-bucket counts; the exposition (and PromQL) sees them cumulative.
                    cumulative += buckets.getCount(i);
                    Map<String, String> withLe = new TreeMap<>(labels);
                    withLe.put("le", formatBound(buckets.getUpperBound(i)));
                    sink.accept(base + "_bucket", withLe, cumulative);
                }
                if (h.hasCount()) {
                    sink.accept(base + "_count", labels, h.getCount());
                }
                if (h.hasSum()) {
                    sink.accept(base + "_sum", labels, h.getSum());
                }
            } else if (s instanceof SummarySnapshot) {
                SummarySnapshot.SummaryDataPointSnapshot sm = (SummarySnapshot.SummaryDataPointSnapshot) dp;
                sm.getQuantiles().forEach(q -> {
                    Map<String, String> withQ = new TreeMap<>(labels);
                    withQ.put("quantile", formatBound(q.getQuantile()));
                    sink.accept(base, withQ, q.getValue());
                });
                if (sm.hasCount()) {
                    sink.accept(base + "_count", labels, sm.getCount());
                }
                if (sm.hasSum()) {
                    sink.accept(base + "_sum", labels, sm.getSum());
                }
            }
        }
    }

    private static Map<String, String> labels(Labels l) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < l.size(); i++) {
            m.put(l.getPrometheusName(i), l.getValue(i));
        }
        return m;
    }

    /** The {@code le}/{@code quantile} text Prometheus uses: {@code +Inf}, {@code 1.0}, {@code 0.005}. */
    static String formatBound(double d) {
        if (d == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        return Double.toString(d);
    }
}
