package dev.opsdeck.console.metrics;

import dev.opsdeck.console.charts.SeriesBuffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the chart of a metric shows, computed from the scrapes kept so far: a gauge as it is, a counter (and a
 * histogram's or summary's {@code _sum}/{@code _count}) as its per-second rate between scrapes, a histogram as
 * its p50/p90/p99 over the observations made between two scrapes (as {@code histogram_quantile(rate(...))}).
 */
public final class DerivedSeries {
    static final double[] QUANTILES = {0.5, 0.9, 0.99};

    /** One line: its name and points in time order. */
    public record Line(String name, double[] times, double[] values, int n) { }

    /** A chart: title, unit and lines. */
    public record Chart(String title, String unit, List<Line> lines) { }

    private DerivedSeries() {
    }

    /** The chart of {@code row}'s series from the scrapes in {@code history}. */
    static Chart of(MetricRow row, ScrapeHistory history) {
        String base = row.familyName();
        boolean histogramBucket = row.type() == MetricType.HISTOGRAM && row.name().equals(base + "_bucket");
        if (histogramBucket) {
            Map<String, String> rest = new TreeMap<>(row.labels());
            rest.remove("le");
            return new Chart(base + labelText(rest) + " quantiles", unitOf(base), quantiles(base, rest, history));
        }
        SeriesBuffer b = history.get(row.key());
        boolean rate = row.type() == MetricType.COUNTER
                || ((row.type() == MetricType.HISTOGRAM || row.type() == MetricType.SUMMARY)
                && (row.name().endsWith("_sum") || row.name().endsWith("_count")));
        if (!rate) {
            return new Chart(row.key(), unitOf(base), List.of(copy(row.key(), b)));
        }
        String unit = row.name().endsWith("_count") || row.type() == MetricType.COUNTER && !row.name().endsWith("_seconds_total")
                ? "/s" : unitOf(base) + "/s";
        return new Chart("rate(" + row.key() + ")", unit, List.of(rates("rate", b)));
    }

    private static Line copy(String name, SeriesBuffer b) {
        int n = b == null ? 0 : b.size();
        double[] t = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = b.timeAt(i);
            v[i] = b.valueAt(i);
        }
        return new Line(name, t, v, n);
    }

    private static Line rates(String name, SeriesBuffer b) {
        int n = b == null ? 0 : Math.max(0, b.size() - 1);
        double[] t = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = b.timeAt(i + 1);
            v[i] = SeriesMath.rate(b.valueAt(i), b.valueAt(i + 1), (b.timeAt(i + 1) - b.timeAt(i)) / 1000.0);
        }
        return new Line(name, t, v, n);
    }

    /** p50/p90/p99 at each scrape from the increase of every bucket since the scrape before. */
    private static List<Line> quantiles(String base, Map<String, String> rest, ScrapeHistory history) {
        Map<Double, SeriesBuffer> buckets = new TreeMap<>();
        String name = base + "_bucket";
        for (ScrapeHistory.Series s : history.all()) {
            if (!s.name().equals(name) || !s.labels().containsKey("le")) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>(s.labels());
            String le = labels.remove("le");
            if (labels.equals(rest)) {
                try {
                    buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), s.points());
                } catch (NumberFormatException e) {
                    // a bucket bound that is not a number cannot be placed; the others still give a quantile
                }
            }
        }
        SeriesBuffer any = buckets.isEmpty() ? null : buckets.values().iterator().next();
        int n = any == null ? 0 : Math.max(0, any.size() - 1);
        List<Line> out = new ArrayList<>();
        for (double q : QUANTILES) {
            double[] t = new double[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                double time = any.timeAt(i + 1);
                double before = any.timeAt(i);
                List<SeriesMath.Bucket> increase = new ArrayList<>();
                for (var e : buckets.entrySet()) {
                    SeriesBuffer b = e.getValue();
                    int now = b.nearest(time);
                    int then = b.nearest(before);
                    if (now >= 0 && then >= 0 && b.timeAt(now) == time && b.timeAt(then) == before) {
                        increase.add(new SeriesMath.Bucket(e.getKey(), Math.max(0, b.valueAt(now) - b.valueAt(then))));
                    }
                }
                t[i] = time;
                v[i] = SeriesMath.histogramQuantile(q, increase);
            }
            out.add(new Line(String.format(Locale.ROOT, "p%s", trim(q * 100)), t, v, n));
        }
        return out;
    }

    private static String trim(double pct) {
        return pct == Math.rint(pct) ? Long.toString((long) pct) : Double.toString(pct);
    }

    /** Prometheus naming: the base unit is the last word of the name ({@code _seconds}, {@code _bytes}). */
    static String unitOf(String family) {
        String f = family.endsWith("_total") ? family.substring(0, family.length() - 6) : family;
        if (f.endsWith("_seconds")) {
            return "s";
        }
        if (f.endsWith("_bytes")) {
            return "bytes";
        }
        if (f.endsWith("_ratio")) {
            return "ratio";
        }
        return "";
    }

    private static String labelText(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        Map<String, String> sorted = new LinkedHashMap<>(new TreeMap<>(labels));
        StringBuilder b = new StringBuilder("{");
        sorted.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(k).append("=\"").append(v).append('"'));
        return b.append('}').toString();
    }
}
