package dev.opsdeck.console.alerts;

import dev.opsdeck.console.fx.Resources;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Controller of AlertsHistory.fxml: filters and a timeline of transitions, newest first. */
final class HistoryView {
    private final HistoryViewModel viewModel;
    private final Resources resources;

    @FXML private ComboBox<Integer> window;
    @FXML private ComboBox<String> rule;
    @FXML private ComboBox<String> severity;
    @FXML private Label summary;
    @FXML private Label error;
    @FXML private ListView<Transition> timeline;

    HistoryView(HistoryViewModel viewModel, Resources resources) {
        this.viewModel = viewModel;
        this.resources = resources;
    }

    Parent load() {
        return resources.loadView("AlertsHistory.fxml", this);
    }

    @FXML
    private void initialize() {
        window.getItems().setAll(HistoryViewModel.WINDOWS);
        window.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer h) {
                return h == null ? "" : h < 48 ? h + " h" : h / 24 + " days";
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        window.valueProperty().bindBidirectional(viewModel.hoursProperty());
        String any = resources.text("alerts.history.any");
        List<String> severities = new ArrayList<>(List.of(any));
        severities.addAll(Severity.ALL);
        severity.getItems().setAll(severities);
        severity.setValue(any);
        severity.valueProperty().addListener((o, a, b) -> viewModel.severityProperty().set(any.equals(b) || b == null ? "" : b));
        rule.getItems().setAll(any);
        rule.setValue(any);
        rule.valueProperty().addListener((o, a, b) -> viewModel.ruleProperty().set(any.equals(b) || b == null ? "" : b));
        summary.textProperty().bind(viewModel.summaryProperty());
        error.textProperty().bind(viewModel.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        timeline.setItems(viewModel.transitions());
        timeline.setPlaceholder(new Label(resources.text("alerts.history.empty")));
        timeline.setCellFactory(list -> new TransitionCell());
    }

    /** Offers the rule names the rules tab knows, keeping the current choice. */
    void rules(List<String> names) {
        String any = resources.text("alerts.history.any");
        String current = rule.getValue();
        List<String> items = new ArrayList<>(List.of(any));
        items.addAll(names);
        if (!items.equals(rule.getItems())) {
            rule.getItems().setAll(items);
            rule.setValue(items.contains(current) ? current : any);
        }
    }

    /** One point on the timeline: time, a dot coloured by the state entered, rule, the change, value and labels. */
    private static final class TransitionCell extends ListCell<Transition> {
        private final Label time = new Label();
        private final Label dot = new Label("\u25CF");
        private final Label sev = new Label();
        private final Label what = new Label();
        private final Label labels = new Label();
        private final HBox row;

        TransitionCell() {
            time.getStyleClass().add("timeline-time");
            what.getStyleClass().add("timeline-what");
            labels.getStyleClass().add("muted");
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            row = new HBox(10, time, dot, sev, new VBox(what, labels), gap);
            row.getStyleClass().add("timeline-row");
        }

        @Override
        protected void updateItem(Transition t, boolean empty) {
            super.updateItem(t, empty);
            if (empty || t == null) {
                setGraphic(null);
                return;
            }
            time.setText(Format.time(t.at()));
            dot.getStyleClass().setAll("label", "timeline-dot", "state-" + t.to());
            sev.setText(t.severity());
            Cells.style(sev, t.severity());
            what.setText(t.ruleName() + "   " + t.from() + " \u2192 " + t.to()
                    + (t.value() == null ? "" : "   value " + Format.value(t.value()))
                    + (t.note().isEmpty() ? "" : "   (" + t.note() + ")"));
            labels.setText(t.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
            setGraphic(row);
        }
    }
}
