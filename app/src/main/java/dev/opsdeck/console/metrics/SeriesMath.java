package dev.opsdeck.console.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How a chart turns raw samples into something to read: counters as per-second rates, histograms as quantiles. */
public final class SeriesMath {
    private SeriesMath() {
    }

    /**
     * Per-second increase between two scrapes of a counter. A drop means the counter restarted (a process
     * restart), so the new value is the increase since then - as Prometheus's {@code rate()} treats resets.
     */
    public static double rate(double previous, double current, double seconds) {
        if (seconds <= 0 || Double.isNaN(previous) || Double.isNaN(current)) {
            return Double.NaN;
        }
        double increase = current >= previous ? current - previous : current;
        return increase / seconds;
    }

    /** One cumulative bucket: upper bound {@code le} and the count of observations at or below it. */
    public record Bucket(double le, double count) {
    }

    /**
     * The {@code q}-quantile from cumulative histogram buckets, interpolating linearly inside the bucket as
     * Prometheus's {@code histogram_quantile} does. Returns NaN without observations; the highest finite bound
     * when the quantile falls in the +Inf bucket.
     */
    public static double histogramQuantile(double q, List<Bucket> buckets) {
        if (buckets.isEmpty() || q < 0 || q > 1) {
            return Double.NaN;
        }
        List<Bucket> b = new ArrayList<>(buckets);
        b.sort(Comparator.comparingDouble(Bucket::le));
        if (b.get(b.size() - 1).le() != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        double total = b.get(b.size() - 1).count();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        int i = 0;
        while (i < b.size() - 1 && b.get(i).count() < rank) {
            i++;
        }
        if (i == b.size() - 1) {
            return b.size() >= 2 ? b.get(b.size() - 2).le() : Double.NaN;
        }
        double upper = b.get(i).le();
        double lower = i == 0 ? 0 : b.get(i - 1).le();
        double countBelow = i == 0 ? 0 : b.get(i - 1).count();
        double inBucket = b.get(i).count() - countBelow;
        if (inBucket <= 0) {
            return upper;
        }
        return lower + (upper - lower) * (rank - countBelow) / inBucket;
    }

    /** The buckets of one histogram series from its family's samples (those whose other labels match). */
    public static List<Bucket> bucketsOf(MetricFamily family, java.util.Map<String, String> seriesLabels) {
        List<Bucket> out = new ArrayList<>();
        for (Sample s : family.samples()) {
            if (!s.name().endsWith("_bucket") || !s.labels().containsKey("le")) {
                continue;
            }
            var others = new java.util.HashMap<>(s.labels());
            String le = others.remove("le");
            if (others.equals(seriesLabels)) {
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                out.add(new Bucket(bound, s.value()));
            }
        }
        return out;
    }
}
