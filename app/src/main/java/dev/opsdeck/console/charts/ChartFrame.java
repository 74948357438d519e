package dev.opsdeck.console.charts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one redraw shows, computed from the buffers without any toolkit: the visible time range, the lines
 * (top-N series after LTTB, plus the "others" mean when there are more series than lines worth drawing) and the
 * value range of the lines that are not hidden. Kept apart from the renderer so a benchmark can feed the same
 * frame to a Canvas and to a {@code LineChart} and compare the renderers alone.
 *
 * @param from   start of the visible range (epoch millis)
 * @param to     end of the visible range (epoch millis)
 * @param lines  the lines in legend order (top series by mean first, "others" last), hidden ones included
 * @param min    lowest visible value (0 when zero is lower, so bars of magnitude read right), NaN without data
 * @param max    highest visible value, NaN without data
 * @param folded how many series the "others" line stands for (0 when there is none)
 */
public record ChartFrame(double from, double to, List<Line> lines, double min, double max, int folded) {

    /** Label of the aggregate line. */
    public static final String OTHERS = "others";

    /**
     * One line as drawn: its points after downsampling (NaN values are gaps).
     *
     * @param others true for the aggregate of the series without a line of their own
     * @param hidden true when switched off in the legend (listed so it can be switched back on)
     */
    public record Line(String name, double[] xs, double[] ys, int n, boolean others, boolean hidden) {
    }

    /**
     * Computes a frame.
     *
     * @param series all series by name (insertion order breaks ties in the ranking)
     * @param hidden names switched off in the legend
     * @param to     end of the range; {@code from = to - windowMillis}
     * @param pixels horizontal pixels available: a line gets at most one point per two pixels (LTTB keeps the
     *               peaks; twice as many points look the same and cost the software renderer about 1.6x,
     *               docs/BENCHMARKS.md "Console charts")
     * @param topN   lines of their own when there are more than {@code topN + 1} series
     */
    public static ChartFrame compute(Map<String, SeriesBuffer> series, Set<String> hidden, double to, double windowMillis,
                                     int pixels, int topN) {
        return compute(series, hidden, to, windowMillis, pixels, topN, true);
    }

    /**
     * As above; {@code zeroBased} false lets the value range follow the data (block heights in the millions would
     * otherwise draw as one flat line at the top).
     */
    public static ChartFrame compute(Map<String, SeriesBuffer> series, Set<String> hidden, double to, double windowMillis,
                                     int pixels, int topN, boolean zeroBased) {
        double from = to - windowMillis;
        int px = Math.max(8, pixels);
        List<String> top = series.size() <= topN + 1 ? new ArrayList<>(series.keySet()) : TopN.select(series, topN, from, to);
        int largest = 2;
        for (SeriesBuffer b : series.values()) {
            largest = Math.max(largest, b.size());
        }
        double[] xs = new double[largest];
        double[] ys = new double[largest];
        List<Line> lines = new ArrayList<>(top.size() + 1);
        for (String name : top) {
            int n = series.get(name).copyRange(from, to, xs, ys);
            double[] ox = new double[Math.min(n, Math.max(8, px / 2))];
            double[] oy = new double[ox.length];
            int m = Lttb.downsample(xs, ys, n, Math.max(8, px / 2), ox, oy);
            lines.add(new Line(name, ox, oy, m, false, hidden.contains(name)));
        }
        int folded = series.size() - top.size();
        if (folded > 0) {
            lines.add(others(series, top, from, to, Math.max(2, Math.min(px / 2, 400)), hidden.contains(OTHERS)));
        }
        double min = Double.NaN;
        double max = Double.NaN;
        for (Line l : lines) {
            if (l.hidden()) {
                continue;
            }
            for (int i = 0; i < l.n(); i++) {
                double v = l.ys()[i];
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    continue;
                }
                min = Double.isNaN(min) ? v : Math.min(min, v);
                max = Double.isNaN(max) ? v : Math.max(max, v);
            }
        }
        if (!Double.isNaN(min) && zeroBased) {
            min = Math.min(min, 0);
            max = Math.max(max, 0);
        }
        return new ChartFrame(from, to, Collections.unmodifiableList(lines), min, max, Math.max(0, folded));
    }

    /**
     * The mean of every series without a line of its own, per time bucket. Buckets are aligned to round times
     * (10 s buckets for an hour on ~800 pixels) so each series' cached bucket sums stay valid as the window
     * slides; see {@link SeriesBuffer#accumulateAligned}. One point per two pixels at most: as fine as a mean
     * of many series is worth drawing.
     */
    private static Line others(Map<String, SeriesBuffer> series, List<String> top, double from, double to, int steps,
                               boolean hide) {
        long width = Axes.bucketWidth((to - from) / steps);
        long first = Math.floorDiv((long) from, width);
        long last = Math.floorDiv((long) to, width);
        int n = (int) (last - first + 1);
        double[] sums = new double[n];
        int[] counts = new int[n];
        Set<String> drawn = new java.util.HashSet<>(top);
        for (var e : series.entrySet()) {
            if (!drawn.contains(e.getKey())) {
                e.getValue().accumulateAligned(width, first, last, sums, counts);
            }
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = Math.max(from, Math.min(to, (first + i + 0.5) * width));
            ys[i] = counts[i] == 0 ? Double.NaN : sums[i] / counts[i];
        }
        return new Line(OTHERS, xs, ys, n, true, hide);
    }
}
