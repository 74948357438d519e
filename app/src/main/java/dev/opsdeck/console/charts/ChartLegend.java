package dev.opsdeck.console.charts;

import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.layout.FlowPane;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** The chart's legend: one check box per line drawn, with its colour; unticking one hides that line. */
final class ChartLegend {
    private final FlowPane pane = new FlowPane(10, 2);
    private final CanvasPlot plot;
    private final BiConsumer<String, Boolean> setHidden;
    private final List<String> names = new ArrayList<>();

    /** @param setHidden called with a line's name and true to hide it, false to show it again */
    ChartLegend(CanvasPlot plot, BiConsumer<String, Boolean> setHidden) {
        this.plot = plot;
        this.setHidden = setHidden;
        pane.getStyleClass().add("time-chart-legend");
    }

    Node node() {
        return pane;
    }

    /** Follows a redraw; rebuilds the entries only when the lines changed: a live chart must not churn nodes every frame. */
    void update(ChartFrame f) {
        List<String> now = new ArrayList<>();
        for (ChartFrame.Line l : f.lines()) {
            now.add(TimeChart.legendLabel(l, f));
        }
        if (now.equals(names)) {
            for (int i = 0; i < f.lines().size(); i++) {
                ((Rectangle) ((CheckBox) pane.getChildren().get(i)).getGraphic()).setFill(plot.colour(f.lines().get(i)));
            }
            return;
        }
        names.clear();
        names.addAll(now);
        List<Node> items = new ArrayList<>();
        for (int i = 0; i < f.lines().size(); i++) {
            ChartFrame.Line line = f.lines().get(i);
            CheckBox item = new CheckBox(now.get(i));
            item.setGraphic(new Rectangle(12, 3, plot.colour(line)));
            item.setSelected(!line.hidden());
            item.getStyleClass().add("time-chart-legend-item");
            item.setUserData(line.name());
            item.selectedProperty().addListener((obs, was, on) -> setHidden.accept(line.name(), !on));
            items.add(item);
        }
        pane.getChildren().setAll(items);
    }
}
