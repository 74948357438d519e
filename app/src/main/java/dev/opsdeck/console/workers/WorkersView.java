package dev.opsdeck.console.workers;

import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.settings.TemperatureUnit;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

import java.math.BigDecimal;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Controller of Workers.fxml: binds the table, filters and departed list to {@link WorkersViewModel}. */
public final class WorkersView {
    private final WorkersViewModel viewModel;
    private final Resources resources;
    private final ObjectProperty<TemperatureUnit> temperatureUnit;

    @FXML private Label thresholds;
    @FXML private Label filterLabel;
    @FXML private TextField filter;
    @FXML private Label stateLabel;
    @FXML private ComboBox<String> stateFilter;
    @FXML private Label summary;
    @FXML private Label error;
    @FXML private TableView<WorkerRow> table;
    @FXML private TableColumn<WorkerRow, String> idColumn;
    @FXML private TableColumn<WorkerRow, String> stateColumn;
    @FXML private TableColumn<WorkerRow, Double> ageColumn;
    @FXML private TableColumn<WorkerRow, Double> uptimeColumn;
    @FXML private TableColumn<WorkerRow, Integer> gpusColumn;
    @FXML private TableColumn<WorkerRow, Double> utilColumn;
    @FXML private TableColumn<WorkerRow, Double> tempColumn;
    @FXML private TableColumn<WorkerRow, Double> powerColumn;
    @FXML private TableColumn<WorkerRow, BigDecimal> rewardsColumn;
    @FXML private Label departedCaption;
    @FXML private ListView<Departed> departedList;
    @FXML private StackPane detailSlot;

    /** @param temperatureUnit the Settings page's unit: the backend reports °C, the table shows the user's unit */
    public WorkersView(WorkersViewModel viewModel, Resources resources, ObjectProperty<TemperatureUnit> temperatureUnit) {
        this.temperatureUnit = temperatureUnit;
        this.viewModel = viewModel;
        this.resources = resources;
    }

    public Parent load() {
        return resources.loadView("Workers.fxml", this);
    }

    @FXML
    private void initialize() {
        filterLabel.setLabelFor(filter);
        stateLabel.setLabelFor(stateFilter);
        filter.textProperty().bindBidirectional(viewModel.filterTextProperty());
        List<String> states = new ArrayList<>(List.of(""));
        states.addAll(WorkerRow.STATES);
        stateFilter.getItems().setAll(states);
        stateFilter.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null || s.isEmpty() ? resources.text("workers.state.all") : s;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        stateFilter.valueProperty().bindBidirectional(viewModel.stateFilterProperty());

        thresholds.textProperty().bind(Bindings.createStringBinding(() -> {
            Thresholds t = viewModel.thresholdsProperty().get();
            return t == null ? "" : MessageFormat.format(resources.text("workers.thresholds"), t.expectedInterval(), t.lateAfter(),
                    t.staleAfter(), t.offlineAfter());
        }, viewModel.thresholdsProperty()));
        summary.textProperty().bind(Bindings.createStringBinding(() -> MessageFormat.format(resources.text("workers.summary"),
                viewModel.visibleRows().size(), viewModel.totalProperty().get()), viewModel.visibleRows(), viewModel.totalProperty()));
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        columns();
        SortedList<WorkerRow> sorted = new SortedList<>(viewModel.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(new Label(resources.text("workers.empty")));
        table.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> {
            if (row != null) {
                viewModel.detail().select(row.getId());
            }
        });

        departedList.setItems(viewModel.departed());
        departedList.setPlaceholder(new Label(resources.text("workers.departed.none")));
        departedList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Departed d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : MessageFormat.format(resources.text("workers.departed.item"), d.workerId(),
                        Formats.age((double) d.goneForSeconds())));
            }
        });
        departedCaption.textProperty().bind(Bindings.createStringBinding(() -> MessageFormat.format(
                resources.text("workers.departed.caption"), viewModel.departedWindowHoursProperty().get()),
                viewModel.departedWindowHoursProperty()));
        detailSlot.getChildren().setAll(new WorkerDetailView(viewModel.detail(), resources).load());
    }

    private void columns() {
        idColumn.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(c.getValue().getId()));
        stateColumn.setCellValueFactory(c -> c.getValue().stateProperty());
        stateColumn.setCellFactory(c -> new StateBadgeCell());
        stateColumn.setComparator(Comparator.comparingInt(WorkerRow::stateRank));
        value(ageColumn, WorkerRow::heartbeatAgeProperty, Formats::age);
        value(uptimeColumn, WorkerRow::uptime24hProperty, v -> Formats.number(v, "%"));
        value(gpusColumn, WorkerRow::gpusProperty, v -> Integer.toString(v));
        value(utilColumn, WorkerRow::utilizationProperty, v -> Formats.number(v, "%"));
        value(tempColumn, WorkerRow::temperatureProperty, v -> Formats.number(temperatureUnit.get().convert(v), temperatureUnit.get().symbol()));
        tempColumn.textProperty().bind(Bindings.createStringBinding(() -> MessageFormat.format(
                resources.text("workers.column.temperature"), temperatureUnit.get().symbol()), temperatureUnit));
        temperatureUnit.addListener((obs, old, now) -> table.refresh());
        value(powerColumn, WorkerRow::powerProperty, v -> Formats.number(v, "W"));
        value(rewardsColumn, WorkerRow::rewardsProperty, BigDecimal::toPlainString);
    }

    /** A column showing a row property through {@code format}; sorting uses the value, not the text. */
    private static <T> void value(TableColumn<WorkerRow, T> column, Function<WorkerRow, ObservableValue<T>> property,
                                  Function<T, String> format) {
        column.setCellValueFactory(c -> property.apply(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(T v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v == null ? Formats.NONE : format.apply(v));
            }
        });
        column.getStyleClass().add("numeric");
    }

    /**
     * Shows one worker: the filter narrows the table to it and it is selected as soon as its row is listed (at
     * once when it already is), which opens its detail pane.
     */
    public void showWorker(String workerId) {
        filter.setText(workerId);
        if (!selectRow(workerId)) {
            javafx.collections.ListChangeListener<WorkerRow> once = new javafx.collections.ListChangeListener<>() {
                @Override
                public void onChanged(Change<? extends WorkerRow> change) {
                    if (selectRow(workerId)) {
                        table.getItems().removeListener(this);
                    }
                }
            };
            table.getItems().addListener(once);
        }
    }

    private boolean selectRow(String workerId) {
        for (WorkerRow row : table.getItems()) {
            if (row.getId().equals(workerId)) {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
                table.requestFocus();
                return true;
            }
        }
        return false;
    }

    @FXML
    private void refresh() {
        viewModel.refresh();
        viewModel.detail().reload();
    }

    /** The state in words inside a coloured badge, so colour is never the only signal. */
    private static final class StateBadgeCell extends TableCell<WorkerRow, String> {
        private final Label badge = new Label();

        StateBadgeCell() {
            badge.getStyleClass().add("state-badge");
        }

        @Override
        protected void updateItem(String state, boolean empty) {
            super.updateItem(state, empty);
            if (empty || state == null) {
                setGraphic(null);
                return;
            }
            badge.setText(state);
            badge.getStyleClass().removeAll(WorkerRow.STATES);
            badge.getStyleClass().add(state);
            setGraphic(badge);
        }
    }
}
