package dev.opsdeck.console.metrics;

import dev.opsdeck.console.charts.TimeChart;
import dev.opsdeck.console.fx.Resources;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

import java.util.Locale;

/** Controller of Metrics.fxml: binds the {@link MetricsBrowserViewModel} and feeds its chart to a {@link TimeChart}. */
public final class MetricsBrowserView {
    private final MetricsBrowserViewModel viewModel;
    private final Resources resources;
    private final TimeChart chart = new TimeChart("", "", MetricsBrowserViewModel.HISTORY);

    @FXML private Label targetLabel;
    @FXML private ComboBox<ScrapeTarget> targets;
    @FXML private TextField newTarget;
    @FXML private TextField search;
    @FXML private Label summary;
    @FXML private Label error;
    @FXML private TableView<MetricRow> table;
    @FXML private TableColumn<MetricRow, MetricRow> chartColumn;
    @FXML private TableColumn<MetricRow, String> nameColumn;
    @FXML private TableColumn<MetricRow, String> typeColumn;
    @FXML private TableColumn<MetricRow, String> labelsColumn;
    @FXML private TableColumn<MetricRow, Number> valueColumn;
    @FXML private TableColumn<MetricRow, String> helpColumn;
    @FXML private StackPane chartHolder;
    @FXML private Label chartHint;

    public MetricsBrowserView(MetricsBrowserViewModel viewModel, Resources resources) {
        this.viewModel = viewModel;
        this.resources = resources;
    }

    public Parent load() {
        Parent root = resources.loadView("Metrics.fxml", this);
        // Ctrl+F jumps to the search while the page has the focus; a filter on the page, not a scene accelerator,
        // so other screens can bind the same keys to their own search.
        KeyCodeCombination find = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (find.match(e)) {
                search.requestFocus();
                e.consume();
            }
        });
        return root;
    }

    @FXML
    private void initialize() {
        targetLabel.setLabelFor(targets);
        targets.setItems(viewModel.targets());
        targets.valueProperty().bindBidirectional(viewModel.targetProperty());
        targets.setConverter(new StringConverter<>() {
            @Override
            public String toString(ScrapeTarget t) {
                return t == null ? "" : t.isBackend() ? resources.text("metrics.target.backend") : t.toString();
            }

            @Override
            public ScrapeTarget fromString(String s) {
                return ScrapeTarget.parse(s).orElse(null);
            }
        });
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        summary.textProperty().bind(viewModel.summaryProperty());
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        SortedList<MetricRow> sorted = new SortedList<>(viewModel.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(new Label(resources.text("metrics.empty")));
        viewModel.searchProperty().addListener((obs, old, now) -> table.setPlaceholder(new Label(resources.text(
                now == null || now.isBlank() ? "metrics.empty" : "metrics.noMatch"))));
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        typeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().type().name().toLowerCase(Locale.ROOT)));
        labelsColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().labelsText()));
        helpColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().help()));
        valueColumn.setCellValueFactory(c -> c.getValue().valueProperty());
        valueColumn.setCellFactory(c -> new ValueCell());
        chartColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        chartColumn.setCellFactory(c -> new ChartButtonCell());
        table.setRowFactory(t -> {
            TableRow<MetricRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    viewModel.chart(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                viewModel.chart(table.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });

        chart.node().setId("metricsChart");
        // Scrapes are 3 s apart and a series is usually charted soon after the page opens: two minutes show them
        // at a readable scale; the range picker reaches the ten minutes kept.
        chart.window(java.time.Duration.ofMinutes(2));
        viewModel.chartProperty().addListener((obs, old, now) -> show(now));
    }

    @FXML
    private void addTarget() {
        if (viewModel.addTarget(newTarget.getText())) {
            newTarget.clear();
        }
    }

    /** Replaces the chart's lines with the view model's; the chart keeps its range, pause and legend choices. */
    private void show(DerivedSeries.Chart c) {
        if (c == null) {
            chart.clear();
            chartHolder.getChildren().setAll(chartHint);
            return;
        }
        if (!chartHolder.getChildren().contains(chart.node())) {
            chartHolder.getChildren().setAll(chart.node());
        }
        chart.title(c.title());
        chart.unit(c.unit());
        chart.clear();
        for (DerivedSeries.Line line : c.lines()) {
            chart.setAll(line.name(), line.times(), line.values(), line.n());
        }
    }

    /** One click charts the row's series. */
    private final class ChartButtonCell extends TableCell<MetricRow, MetricRow> {
        private final Button button = new Button(resources.text("metrics.chart"));

        ChartButtonCell() {
            button.getStyleClass().add("metrics-chart-button");
            button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            button.setTooltip(new Tooltip(resources.text("metrics.chart.tooltip")));
            button.setFocusTraversable(false); // Enter on the row does the same from the keyboard
            button.setOnAction(e -> viewModel.chart(getItem()));
        }

        @Override
        protected void updateItem(MetricRow row, boolean empty) {
            super.updateItem(row, empty);
            setGraphic(empty || row == null ? null : button);
        }
    }

    /** Values right-aligned and readable: integers without a fraction, others with six significant digits. */
    private static final class ValueCell extends TableCell<MetricRow, Number> {
        @Override
        protected void updateItem(Number v, boolean empty) {
            super.updateItem(v, empty);
            setText(empty || v == null ? null : format(v.doubleValue()));
        }

        static String format(double v) {
            if (Double.isNaN(v)) {
                return "NaN";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "+Inf" : "-Inf";
            }
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            return String.format(Locale.ROOT, "%.6g", v);
        }
    }
}
