package dev.opsdeck.console.charts.bench;

import dev.opsdeck.console.charts.ChartFrame;
import dev.opsdeck.console.charts.SeriesBuffer;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first TimeChart's renderer, kept for the benchmark: the same buffers, top-N + others and LTTB as the Canvas
 * chart ({@link ChartFrame}), drawn by a JavaFX {@code LineChart} whose series are replaced on each update.
 */
final class LineChartView {
    private final Map<String, SeriesBuffer> series = new LinkedHashMap<>();
    private final int capacity;
    private final double windowMillis;
    private final NumberAxis time = new NumberAxis();
    private final NumberAxis value = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(time, value);
    private boolean dirty;

    LineChartView(String title, int capacity, double windowMillis) {
        this.capacity = capacity;
        this.windowMillis = windowMillis;
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        value.setForceZeroInRange(true);
        time.setAutoRanging(false);
        time.setMinorTickVisible(false);
    }

    LineChart<Number, Number> node() {
        return chart;
    }

    void add(String name, long t, double v) {
        series.computeIfAbsent(name, n -> new SeriesBuffer(capacity)).add(t, v);
        dirty = true;
    }

    /** Rebuilds the chart's series when points arrived (called once per pulse, as the Canvas chart redraws). */
    void redrawIfDirty() {
        if (!dirty) {
            return;
        }
        dirty = false;
        double to = 0;
        for (SeriesBuffer b : series.values()) {
            to = Math.max(to, b.lastTime());
        }
        int pixels = (int) Math.max(50, chart.getWidth() > 0 ? chart.getWidth() : 600);
        ChartFrame frame = ChartFrame.compute(series, Set.of(), to, windowMillis, pixels, 8);
        time.setLowerBound(frame.from());
        time.setUpperBound(frame.to());
        time.setTickUnit(windowMillis / 6);
        List<XYChart.Series<Number, Number>> drawn = new ArrayList<>();
        for (ChartFrame.Line line : frame.lines()) {
            List<XYChart.Data<Number, Number>> points = new ArrayList<>(line.n());
            for (int i = 0; i < line.n(); i++) {
                if (!Double.isNaN(line.ys()[i])) {
                    points.add(new XYChart.Data<>(line.xs()[i], line.ys()[i]));
                }
            }
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(line.name());
            s.getData().setAll(points);
            drawn.add(s);
        }
        chart.getData().setAll(drawn);
    }
}
