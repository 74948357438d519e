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
        double[] sum = new double[steps];
        int[] count = new int[steps];
        double width = (to - from) / steps;
        for (var e : series.entrySet()) {
            if (top.contains(e.getKey())) {
                continue;
            }
            int n = e.getValue().copyRange(from, to, scratchT, scratchV);
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(scratchV[i])) {
                    continue;
                }
                int b = Math.min(steps - 1, (int) ((scratchT[i] - from) / width));
                sum[b] += scratchV[i];
                count[b]++;
            }
        }
        double[] out = new double[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
        }
        return out;
    }
}
