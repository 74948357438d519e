package dev.opsdeck.console.charts;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The plot: one {@link Canvas} with the axes, grid and lines of a {@link ChartFrame}. A Canvas, not a
 * {@code LineChart}, because a LineChart turns every point into a scene-graph node and re-lays them out on each
 * update; docs/BENCHMARKS.md ("Console charts") has the side-by-side figures that decided it.
 *
 * <p>Redraws happen inside the layout pass of a pulse, at most once per frame, and only when marked dirty or
 * resized, so a chart whose page is hidden (not in a scene) costs nothing.
 */
final class CanvasPlot extends Region {
    static final double LEFT = 56;
    static final double RIGHT = 12;
    static final double TOP = 18;
    static final double BOTTOM = 22;
    /** Colour-blind safe (Okabe-Ito based), readable on the light and the dark theme. */
    private static final Color[] PALETTE = {Color.web("#0072B2"), Color.web("#E69F00"), Color.web("#009E73"),
            Color.web("#CC79A7"), Color.web("#56B4E9"), Color.web("#D55E00"), Color.web("#8E6BBF"), Color.web("#B8860B")};

    private final Canvas canvas = new Canvas();
    private final IntFunction<ChartFrame> frames;
    private final Consumer<ChartFrame> drawn;
    /** Styled by the theme: the canvas takes its text and grid colours from these (never shown). */
    private final Label textStyle = new Label();
    private final Label gridStyle = new Label();
    private final Label markerStyle = new Label();
    private java.util.List<Marker> markers = java.util.List.of();
    private final Map<String, Integer> colours = new HashMap<>();
    private String unit = "";
    private boolean dirty = true;
    private ChartFrame frame;
    private long lastDrawNanos;
    private long lastComputeNanos;

    /**
     * @param frames computes the frame for the given plot width in pixels
     * @param drawn  told after each redraw (the legend follows the lines drawn)
     */
    CanvasPlot(IntFunction<ChartFrame> frames, Consumer<ChartFrame> drawn) {
        this.frames = frames;
        this.drawn = drawn;
        getStyleClass().add("time-chart-plot");
        textStyle.getStyleClass().add("time-chart-axis");
        gridStyle.getStyleClass().add("time-chart-grid");
        markerStyle.getStyleClass().add("time-chart-marker");
        for (Label l : new Label[] {textStyle, gridStyle, markerStyle}) {
            l.setManaged(false);
            l.setVisible(false);
        }
        getChildren().addAll(canvas, textStyle, gridStyle, markerStyle);
        setMinSize(120, 80);
        setPrefSize(600, 260);
    }

    /** A labelled moment on the time axis. */
    record Marker(double time, String label) { }

    void markers(java.util.List<Marker> now) {
        markers = now;
        invalidate();
    }

    void unit(String unit) {
        this.unit = unit == null ? "" : unit;
        invalidate();
    }

    /** Schedules a redraw in the next pulse. */
    void invalidate() {
        if (!dirty) {
            dirty = true;
            requestLayout();
        }
    }

    /** The frame last drawn (null before the first draw). */
    ChartFrame frame() {
        return frame;
    }

    /** How long the last redraw took on the UI thread, for the benchmark. */
    long lastDrawNanos() {
        return lastDrawNanos;
    }

    /** How long computing the last frame (ranking, "others", LTTB) took, part of {@link #lastDrawNanos()}. */
    long lastComputeNanos() {
        return lastComputeNanos;
    }

    /** Colour of a line in the last frame (legend swatches use it too). */
    Paint colour(ChartFrame.Line line) {
        if (line.others()) {
            return textFill().deriveColor(0, 1, 1, 0.45);
        }
        Integer i = colours.get(line.name());
        return PALETTE[(i == null ? 0 : i) % PALETTE.length];
    }

    double plotWidth() {
        return Math.max(1, getWidth() - LEFT - RIGHT);
    }

    double plotHeight() {
        return Math.max(1, getHeight() - TOP - BOTTOM);
    }

    /** Time at horizontal position {@code x} of this region, for the tooltip. */
    double timeAt(double x) {
        ChartFrame f = frame;
        return f == null ? Double.NaN : f.from() + (x - LEFT) / plotWidth() * (f.to() - f.from());
    }

    double xOf(double time) {
        ChartFrame f = frame;
        return LEFT + (time - f.from()) / (f.to() - f.from()) * plotWidth();
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            dirty = true;
        }
        if (dirty && w > 0 && h > 0) {
            dirty = false;
            long start = System.nanoTime();
            frame = frames.apply((int) plotWidth());
            lastComputeNanos = System.nanoTime() - start;
            assignColours(frame);
            draw(frame);
            lastDrawNanos = System.nanoTime() - start;
            drawn.accept(frame);
        }
    }

    /** A line keeps its colour while it stays on the chart, even when the ranking reorders the lines. */
    private void assignColours(ChartFrame f) {
        Map<String, Integer> next = new HashMap<>();
        boolean[] used = new boolean[PALETTE.length];
        for (ChartFrame.Line l : f.lines()) {
            Integer c = colours.get(l.name());
            if (c != null && !used[c % PALETTE.length]) {
                next.put(l.name(), c);
                used[c % PALETTE.length] = true;
            }
        }
        for (ChartFrame.Line l : f.lines()) {
            if (!l.others() && !next.containsKey(l.name())) {
                int free = 0;
                while (free < used.length - 1 && used[free]) {
                    free++;
                }
                used[free] = true;
                next.put(l.name(), free);
            }
        }
        colours.clear();
        colours.putAll(next);
    }

    private Color textFill() {
        return textStyle.getTextFill() instanceof Color c ? c : Color.GRAY;
    }

    private void draw(ChartFrame f) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        Color text = textFill();
        Color grid = gridStyle.getTextFill() instanceof Color c ? c : Color.LIGHTGRAY;
        double pw = plotWidth();
        double ph = plotHeight();
        g.setFont(Font.font(11));
        g.setLineWidth(1);

        double min = Double.isNaN(f.min()) ? 0 : f.min();
        double max = Double.isNaN(f.max()) ? 1 : f.max();
        if (max - min < 1e-12) {
            max = min + Math.max(1, Math.abs(min) * 0.1);
        }
        double vStep = Axes.valueStep(max - min, Math.max(2, (int) (ph / 40)));
        min = Math.floor(min / vStep) * vStep;
        max = Math.ceil(max / vStep) * vStep;

        // Value grid and labels.
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double v = min; v <= max + vStep / 2; v += vStep) {
            double y = Math.round(TOP + ph - (v - min) / (max - min) * ph) + 0.5;
            g.setStroke(grid);
            g.strokeLine(LEFT, y, LEFT + pw, y);
            g.setFill(text);
            g.fillText(Axes.valueLabel(Math.abs(v) < vStep / 1e6 ? 0 : v), LEFT - 6, y);
        }
        // Time grid and labels.
        long tStep = Axes.timeStep(f.to() - f.from(), Math.max(2, (int) (pw / 90)));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double t = Math.ceil(f.from() / tStep) * tStep; t <= f.to(); t += tStep) {
            double x = Math.round(xOf(t)) + 0.5;
            g.setStroke(grid);
            g.strokeLine(x, TOP, x, TOP + ph);
            g.setFill(text);
            String label = Axes.timeLabel(t, tStep);
            double half = label.length() * 3.3; // about half the label's width at 11 px
            if (x + half <= canvas.getWidth() && x - half >= 0) { // a clipped label reads as another time
                g.fillText(label, x, TOP + ph + 4);
            }
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(unit, 4, 2);

        g.save();
        g.beginPath();
        g.rect(LEFT, TOP, pw, ph);
        g.clip();
        double scaleX = pw / (f.to() - f.from());
        double scaleY = ph / (max - min);
        for (ChartFrame.Line l : f.lines()) {
            if (l.hidden()) {
                continue;
            }
            // "others" is told apart by width and transparency, not by dashes: dashed strokes cost the software
            // renderer several times a solid one.
            g.setStroke(colour(l));
            g.setLineWidth(l.others() ? 3 : 1.25);
            g.beginPath();
            boolean pen = false;
            for (int i = 0; i < l.n(); i++) {
                double v = l.ys()[i];
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    pen = false; // a gap stays a gap
                    continue;
                }
                double x = LEFT + (l.xs()[i] - f.from()) * scaleX;
                double y = TOP + ph - (v - min) * scaleY;
                if (pen) {
                    g.lineTo(x, y);
                } else {
                    g.moveTo(x, y);
                    pen = true;
                }
            }
            g.stroke();
        }
        drawMarkers(g, f, ph);
        g.restore();
        g.setStroke(grid);
        g.strokeRect(LEFT + 0.5, TOP + 0.5, pw - 1, ph - 1);
    }

    /** Markers as vertical lines with their label, staggered so markers close together stay readable. */
    private void drawMarkers(GraphicsContext g, ChartFrame f, double ph) {
        Color colour = markerStyle.getTextFill() instanceof Color c ? c : Color.web("#cf222e");
        g.setStroke(colour);
        g.setFill(colour);
        g.setLineWidth(1.5);
        g.setTextBaseline(VPos.TOP);
        int i = 0;
        for (Marker m : markers) {
            if (m.time() < f.from() || m.time() > f.to()) {
                continue;
            }
            double x = Math.round(xOf(m.time())) + 0.5;
            g.strokeLine(x, TOP, x, TOP + ph);
            double width = m.label().length() * 6.2;
            boolean flip = x + 4 + width > LEFT + plotWidth();
            g.setTextAlign(flip ? TextAlignment.RIGHT : TextAlignment.LEFT);
            g.fillText(m.label(), flip ? x - 4 : x + 4, TOP + 4 + (i++ % 3) * 14);
        }
        g.setTextAlign(TextAlignment.LEFT);
    }
}
