package dev.opsdeck.console.charts;

import java.time.Duration;
import java.util.Map;

/**
 * Where a view model sends chart points, by chart id and series name. The view gives {@link #of(Map)} of its charts;
 * view-model tests record the calls. Keeps the view models free of {@code Node}s. UI thread only.
 */
public interface ChartSink {
    /** Appends one point. */
    void add(String chart, String series, long timeMillis, double value);

    /** Replaces a series with the given points (time order). */
    void setAll(String chart, String series, double[] timesMillis, double[] values, int n);

    /** Removes every series of every chart, e.g. when another worker is selected. */
    void clear();

    /** The visible time range of every chart. */
    void window(Duration visible);

    /** A view's charts by id as a sink (the map may still be filled after this call). */
    static ChartSink of(Map<String, TimeChart> charts) {
        return new ChartSink() {
            @Override
            public void add(String chart, String series, long timeMillis, double value) {
                charts.get(chart).add(series, timeMillis, value);
            }

            @Override
            public void setAll(String chart, String series, double[] timesMillis, double[] values, int n) {
                charts.get(chart).setAll(series, timesMillis, values, n);
            }

            @Override
            public void clear() {
                charts.values().forEach(TimeChart::clear);
            }

            @Override
            public void window(Duration visible) {
                charts.values().forEach(c -> c.window(visible));
            }
        };
    }

    /** A sink that drops everything (before the view is attached). */
    ChartSink NONE = new ChartSink() {
        @Override
        public void add(String chart, String series, long timeMillis, double value) { }

        @Override
        public void setAll(String chart, String series, double[] timesMillis, double[] values, int n) { }

        @Override
        public void clear() { }

        @Override
        public void window(Duration visible) { }
    };
}
