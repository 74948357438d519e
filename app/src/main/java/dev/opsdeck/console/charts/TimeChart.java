package dev.opsdeck.console.charts;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's live time-series chart: bounded buffer per series, top-N series plus an "others" mean when
 * there are many, LTTB downsampling to the pixels available, redrawn at most once per frame however many points
 * arrive. Use on the UI thread only.
 */
public final class TimeChart {
    static final int TOP_N = 8;
    static final String OTHERS = "others (mean)";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final Map<String, SeriesBuffer> series = new LinkedHashMap<>();
    private final int capacity;
    private final NumberAxis time = new NumberAxis();
    private final NumberAxis value = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(time, value);
    private Duration window = Duration.ofMinutes(15);
    private boolean redrawPending;

    /**
     * @param title    shown above the plot
     * @param unit     value axis label, e.g. {@code %} or {@code W}
     * @param capacity points kept per series (older ones are dropped)
     */
    public TimeChart(String title, String unit, int capacity) {
        this.capacity = capacity;
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.getStyleClass().add("time-chart");
        value.setLabel(unit);
        value.setForceZeroInRange(true);
        time.setAutoRanging(false);
        time.setMinorTickVisible(false);
        time.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number millis) {
                return HH_MM.format(Instant.ofEpochMilli(millis.longValue()));
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException("axis labels are not parsed");
            }
        });
    }

    public Node node() {
        return chart;
    }

    /** Appends one point to {@code name}; the redraw happens once per frame. */
    public void add(String name, long timeMillis, double v) {
        series.computeIfAbsent(name, n -> new SeriesBuffer(capacity)).add(timeMillis, v);
        requestRedraw();
    }

    /** Replaces the points of {@code name} (e.g. a history query) with the given ones, in time order. */
    public void setAll(String name, double[] timesMillis, double[] values, int n) {
        SeriesBuffer buffer = new SeriesBuffer(Math.max(capacity, 2));
        for (int i = 0; i < n; i++) {
            buffer.add(timesMillis[i], values[i]);
        }
        series.put(name, buffer);
        requestRedraw();
    }

    /** Removes every series, e.g. when another worker is selected. */
    public void clear() {
        series.clear();
        requestRedraw();
    }

    /** The visible time range, ending at the newest point. */
    public void window(Duration visible) {
        this.window = visible;
        requestRedraw();
    }

    /** Number of series held (including those folded into "others" on screen). */
    public int seriesCount() {
        return series.size();
    }

    private void requestRedraw() {
        if (!redrawPending) {
            redrawPending = true;
            Platform.runLater(this::redraw);
        }
    }

    private void redraw() {
        redrawPending = false;
        double to = series.values().stream().filter(b -> b.size() > 0).mapToDouble(SeriesBuffer::lastTime).max().orElse(System.currentTimeMillis());
        double from = to - window.toMillis();
        time.setLowerBound(from);
        time.setUpperBound(to);
        time.setTickUnit(Math.max(1, window.toMillis() / 6.0));
        int pixels = (int) Math.max(50, chart.getWidth() > 0 ? chart.getWidth() : 600);

        List<String> top = series.size() <= TOP_N + 1 ? new ArrayList<>(series.keySet()) : TopN.select(series, TOP_N, from, to);
        List<XYChart.Series<Number, Number>> drawn = new ArrayList<>();
        int largest = series.values().stream().mapToInt(SeriesBuffer::capacity).max().orElse(capacity);
        double[] xs = new double[largest];
        double[] ys = new double[largest];
        double[] ox = new double[pixels];
        double[] oy = new double[pixels];
        for (String name : top) {
            SeriesBuffer buffer = series.get(name);
            int n = buffer.copyRange(from, to, xs, ys);
            int m = Lttb.downsample(xs, ys, n, pixels, ox, oy);
            drawn.add(toSeries(name, ox, oy, m));
        }
        if (top.size() < series.size()) {
            int steps = Math.min(pixels, 200);
            double[] others = TopN.othersMean(series, top, from, to, steps, xs, ys);
            double[] tx = new double[steps];
            for (int i = 0; i < steps; i++) {
                tx[i] = from + (to - from) * i / (steps - 1);
            }
            drawn.add(toSeries(OTHERS, tx, others, steps));
        }
        chart.getData().setAll(drawn);
    }

    private static XYChart.Series<Number, Number> toSeries(String name, double[] xs, double[] ys, int n) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(ys[i])) {
                points.add(new XYChart.Data<>(xs[i], ys[i]));
            }
        }
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        s.getData().setAll(points);
        return s;
    }
}
