package dev.opsdeck.console.chain;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.chart.ValueAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Line;

import java.util.ArrayList;
import java.util.List;

/**
 * Vertical reorg markers drawn over a time chart, in a transparent layer of this package: the shared
 * {@code TimeChart} stays untouched (its owner changes its internals), and the markers follow its time axis by
 * converting each mark's time to the axis's pixel position on every layout pass.
 */
final class ReorgMarkers {
    static final int KEEP = 100;

    private record Mark(long millis, Line line, Label label) {
    }

    private final List<Mark> marks = new ArrayList<>();
    private final Node chart;
    private final Pane overlay = new Pane() {
        @Override
        protected void layoutChildren() {
            super.layoutChildren(); // sizes the labels
            place();
        }
    };
    private final StackPane root;
    private ValueAxis<Number> axis;

    ReorgMarkers(Node chart) {
        this.chart = chart;
        overlay.setMouseTransparent(true);
        overlay.getStyleClass().add("reorg-overlay");
        root = new StackPane(chart, overlay);
        PlotLookup.find(chart).ifPresent(this::attach);
        PlotLookup.tightValueAxis(chart);
    }

    Node node() {
        return root;
    }

    /** Adds a marker at {@code epochMillis} (newest markers beyond {@link #KEEP} push out the oldest). */
    void mark(long epochMillis, String text) {
        Line line = new Line();
        line.getStyleClass().add("reorg-marker");
        Label label = new Label(text);
        label.getStyleClass().add("reorg-marker-label");
        marks.add(new Mark(epochMillis, line, label));
        overlay.getChildren().addAll(line, label);
        if (marks.size() > KEEP) {
            Mark old = marks.remove(0);
            overlay.getChildren().removeAll(old.line(), old.label());
        }
        overlay.requestLayout();
    }

    /** Markers on screen (inside the visible time range). */
    long visibleCount() {
        return marks.stream().filter(m -> m.line().isVisible()).count();
    }

    private void attach(XYChart<?, ?> xy) {
        if (xy.getXAxis() instanceof ValueAxis<?> a) {
            @SuppressWarnings("unchecked")
            ValueAxis<Number> numeric = (ValueAxis<Number>) a;
            this.axis = numeric;
            numeric.lowerBoundProperty().addListener(o -> overlay.requestLayout());
            numeric.upperBoundProperty().addListener(o -> overlay.requestLayout());
            numeric.widthProperty().addListener(o -> overlay.requestLayout());
        }
    }

    private void place() {
        Node plot = chart.lookup(".chart-plot-background");
        if (axis == null) {
            PlotLookup.find(chart).ifPresent(this::attach); // the chart may be wrapped and built later
        }
        if (axis == null || plot == null || overlay.getScene() == null) {
            marks.forEach(m -> visible(m, false));
            return;
        }
        Bounds area = overlay.sceneToLocal(plot.localToScene(plot.getBoundsInLocal()));
        for (int i = 0; i < marks.size(); i++) {
            Mark m = marks.get(i);
            boolean inRange = m.millis() >= axis.getLowerBound() && m.millis() <= axis.getUpperBound();
            Point2D p = overlay.sceneToLocal(axis.localToScene(axis.getDisplayPosition(m.millis()), 0));
            double x = Math.round(p.getX()) + 0.5;
            visible(m, inRange && x >= area.getMinX() && x <= area.getMaxX());
            m.line().setStartX(x);
            m.line().setEndX(x);
            m.line().setStartY(area.getMinY());
            m.line().setEndY(area.getMaxY());
            // Staggered so reorgs close together stay readable; labels flip left near the right edge.
            double w = m.label().getWidth();
            double lx = x + 4 + w > area.getMaxX() ? x - 4 - w : x + 4;
            m.label().relocate(lx, area.getMinY() + 4 + (i % 3) * (m.label().getHeight() + 2));
        }
    }

    private static void visible(Mark m, boolean v) {
        m.line().setVisible(v);
        m.label().setVisible(v);
    }
}
