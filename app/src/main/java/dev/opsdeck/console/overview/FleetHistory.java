package dev.opsdeck.console.overview;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The last minutes of every fleet series, kept by the view model so the chart can be redrawn from scratch when
 * the set of top workers changes (a chart cannot drop one series). Small: a few hundred points per worker.
 */
final class FleetHistory {
    private final long keepMillis;
    private final Map<String, Deque<double[]>> series = new HashMap<>();

    FleetHistory(long keepMillis) {
        this.keepMillis = keepMillis;
    }

    void add(String name, long t, double v) {
        Deque<double[]> d = series.computeIfAbsent(name, k -> new ArrayDeque<>());
        if (!d.isEmpty() && d.peekLast()[0] > t) {
            return; // late duplicate of a poll or a sample: the chart wants time order
        }
        d.addLast(new double[]{t, v});
        while (d.peekFirst()[0] < t - keepMillis) {
            d.removeFirst();
        }
    }

    /** Mean of {@code name} since {@code from}; NaN without points. */
    double mean(String name, long from) {
        Deque<double[]> d = series.get(name);
        if (d == null) {
            return Double.NaN;
        }
        double sum = 0;
        int n = 0;
        for (double[] p : d) {
            if (p[0] >= from) {
                sum += p[1];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Times and values of {@code name} as two arrays (for a chart's setAll). */
    double[][] points(String name) {
        Deque<double[]> d = series.getOrDefault(name, new ArrayDeque<>());
        double[][] out = new double[2][d.size()];
        int i = 0;
        for (double[] p : d) {
            out[0][i] = p[0];
            out[1][i++] = p[1];
        }
        return out;
    }

    Iterable<String> names() {
        return series.keySet();
    }
}
