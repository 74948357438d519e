package dev.opsdeck.console.charts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Picks the series worth a line of their own. With hundreds of workers a chart of every series is unreadable;
 * the {@code n} series with the highest mean over the visible range get lines, the rest are drawn as one
 * "others" band (their mean per time step).
 */
public final class TopN {
    private TopN() {
    }

    /** Keys of the top {@code n} series by mean over [from, to], highest first. */
    public static List<String> select(Map<String, SeriesBuffer> series, int n, double from, double to) {
        List<Map.Entry<String, Double>> ranked = new ArrayList<>();
        for (var e : series.entrySet()) {
            double m = e.getValue().mean(from, to);
            if (!Double.isNaN(m)) {
                ranked.add(Map.entry(e.getKey(), m));
            }
        }
        ranked.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, ranked.size()); i++) {
            out.add(ranked.get(i).getKey());
        }
        return out;
    }

    /**
     * The "others" aggregate: mean of every series not in {@code top}, bucketed into {@code steps} equal time
     * steps over [from, to]. Steps with no data are NaN (drawn as gaps).
     */
    public static double[] othersMean(Map<String, SeriesBuffer> series, List<String> top, double from, double to, int steps,
                                      double[] scratchT, double[] scratchV) {
        return othersMean(series, top, from, to, steps);
    }

    /** As above; the buffers are summed in place (no copies), so no scratch arrays are needed. */
    public static double[] othersMean(Map<String, SeriesBuffer> series, List<String> top, double from, double to, int steps) {
        double[] sum = new double[steps];
        int[] count = new int[steps];
        java.util.Set<String> drawn = new java.util.HashSet<>(top);
        for (var e : series.entrySet()) {
            if (!drawn.contains(e.getKey())) {
                e.getValue().accumulate(from, to, steps, sum, count);
            }
        }
        double[] out = new double[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
        }
        return out;
    }
}
