package dev.opsdeck.console.charts;

import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The chart's hover: a crosshair and a tooltip with the exact buffered value of each visible line nearest the
 * pointer's time (the lines drawn are downsampled; the tooltip is not).
 */
final class HoverTooltip {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final CanvasPlot plot;
    private final Map<String, SeriesBuffer> series;
    private final Supplier<String> unit;
    private final Line crosshair = new Line();
    private final Label tooltip = new Label();
    private final Pane overlay = new Pane(crosshair, tooltip);

    HoverTooltip(CanvasPlot plot, Map<String, SeriesBuffer> series, Supplier<String> unit) {
        this.plot = plot;
        this.series = series;
        this.unit = unit;
        crosshair.getStyleClass().add("time-chart-crosshair");
        tooltip.getStyleClass().add("time-chart-tooltip");
        tooltip.setManaged(false);
        overlay.setMouseTransparent(true);
        overlay.setPickOnBounds(false);
        hide();
        plot.setOnMouseMoved(this::hover);
        plot.setOnMouseExited(e -> hide());
    }

    /** The layer to stack over the plot. */
    Pane overlay() {
        return overlay;
    }

    private void hover(MouseEvent e) {
        ChartFrame f = plot.frame();
        double x = e.getX();
        if (f == null || x < CanvasPlot.LEFT || x > CanvasPlot.LEFT + plot.plotWidth() || f.lines().isEmpty()) {
            hide();
            return;
        }
        double t = plot.timeAt(x);
        // The time of the point shown (of the first line), so time and values belong together.
        double shown = t;
        for (ChartFrame.Line line : f.lines()) {
            SeriesBuffer b = line.others() || line.hidden() ? null : series.get(line.name());
            int i = b == null ? -1 : b.nearest(t);
            if (i >= 0) {
                shown = b.timeAt(i);
                break;
            }
        }
        String u = unit.get();
        StringBuilder text = new StringBuilder(CLOCK.format(Instant.ofEpochMilli((long) shown)));
        for (ChartFrame.Line line : f.lines()) {
            if (line.hidden()) {
                continue;
            }
            double v = line.others() ? nearestOf(line, t) : exactAt(series.get(line.name()), t);
            text.append('\n').append(TimeChart.legendLabel(line, f)).append(": ").append(Axes.exact(v)).append(u.isEmpty() ? "" : " " + u);
        }
        tooltip.setText(text.toString());
        tooltip.autosize();
        double w = tooltip.getWidth();
        double left = x + 14 + w > plot.getWidth() ? x - 14 - w : x + 14;
        tooltip.relocate(Math.max(0, left), Math.max(0, Math.min(e.getY() + 10, plot.getHeight() - tooltip.getHeight())));
        crosshair.setStartX(x);
        crosshair.setEndX(x);
        crosshair.setStartY(CanvasPlot.TOP);
        crosshair.setEndY(CanvasPlot.TOP + plot.plotHeight());
        tooltip.setVisible(true);
        crosshair.setVisible(true);
    }

    private void hide() {
        tooltip.setVisible(false);
        crosshair.setVisible(false);
    }

    private static double exactAt(SeriesBuffer b, double t) {
        int i = b == null ? -1 : b.nearest(t);
        return i < 0 ? Double.NaN : b.valueAt(i);
    }

    private static double nearestOf(ChartFrame.Line line, double t) {
        double best = Double.NaN;
        double distance = Double.MAX_VALUE;
        for (int i = 0; i < line.n(); i++) {
            double d = Math.abs(line.xs()[i] - t);
            if (d < distance) {
                distance = d;
                best = line.ys()[i];
            }
        }
        return best;
    }
}
