package dev.opsdeck.console.chain;

import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

import java.util.Optional;

/** Finds the XY chart inside a {@code TimeChart} node, which may be the chart itself or a wrapper around it. */
final class PlotLookup {
    private PlotLookup() {
    }

    static Optional<XYChart<?, ?>> find(Node node) {
        if (node instanceof XYChart<?, ?> xy) {
            return Optional.of(xy);
        }
        return node.lookup(".chart") instanceof XYChart<?, ?> xy ? Optional.of(xy) : Optional.empty();
    }

    /**
     * Block heights are in the hundreds or millions: with zero forced into the range, a head three blocks ahead
     * of the index is a flat line. Lets the height axis range around the data instead.
     */
    static void tightValueAxis(Node node) {
        find(node).ifPresent(xy -> {
            if (xy.getYAxis() instanceof NumberAxis y) {
                y.setForceZeroInRange(false);
            }
        });
    }
}
