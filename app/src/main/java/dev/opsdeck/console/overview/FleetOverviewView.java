package dev.opsdeck.console.overview;

import dev.opsdeck.console.charts.TimeChart;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.settings.TemperatureUnit;
import dev.opsdeck.console.charts.ChartSink;
import dev.opsdeck.console.workers.Formats;
import javafx.beans.value.ObservableObjectValue;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.text.MessageFormat;
import java.util.Map;

/** Controller of FleetOverview.fxml: the fleet tiles and charts; the {@link ChartSink} of its view model. */
public final class FleetOverviewView {
    private final ObservableObjectValue<TemperatureUnit> temperatureUnit;
    static final int CAPACITY = 2_000;

    private final FleetOverviewViewModel viewModel;
    private final Resources resources;
    private Map<String, TimeChart> charts;

    @FXML private Label activeWorkers;
    @FXML private Label activeWorkersCaption;
    @FXML private Label gpus;
    @FXML private Label utilization;
    @FXML private Label hottest;
    @FXML private Label hottestCaption;
    @FXML private Label offline;
    @FXML private VBox offlineTile;
    @FXML private Label error;
    @FXML private StackPane utilizationSlot;
    @FXML private StackPane activeSlot;

    /** @param temperatureUnit the Settings page's unit for the hottest-GPU tile (the backend reports °C) */
    public FleetOverviewView(FleetOverviewViewModel viewModel, Resources resources,
                             ObservableObjectValue<TemperatureUnit> temperatureUnit) {
        this.temperatureUnit = temperatureUnit;
        this.viewModel = viewModel;
        this.resources = resources;
    }

    public Parent load() {
        return resources.loadView("FleetOverview.fxml", this);
    }

    @FXML
    private void initialize() {
        TimeChart util = new TimeChart(resources.text("fleet.chart.utilization"), "%", CAPACITY);
        TimeChart active = new TimeChart(resources.text("fleet.chart.active"), resources.text("fleet.chart.active.unit"), CAPACITY);
        util.node().setId("fleetUtilizationChart");
        active.node().setId("activeWorkersChart");
        utilizationSlot.getChildren().setAll(util.node());
        activeSlot.getChildren().setAll(active.node());
        charts = Map.of(FleetOverviewViewModel.UTILIZATION_CHART, util, FleetOverviewViewModel.ACTIVE_CHART, active);
        viewModel.attach(ChartSink.of(charts));

        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        viewModel.tilesProperty().addListener((o, old, t) -> show(t));
        temperatureUnit.addListener((o, old, now) -> {
            if (viewModel.tilesProperty().get() != null) {
                show(viewModel.tilesProperty().get());
            }
        });
    }

    private void show(FleetOverviewViewModel.Tiles t) {
        activeWorkers.setText(Long.toString(t.activeWorkers()));
        activeWorkersCaption.setText(MessageFormat.format(resources.text("fleet.tile.active.of"), t.totalWorkers()));
        gpus.setText(t.activeGpus() + " / " + t.totalGpus());
        utilization.setText(Formats.number(t.utilization(), "%"));
        TemperatureUnit unit = temperatureUnit.get();
        hottest.setText(t.hottestTemperature() == null ? Formats.number(null, unit.symbol())
                : Formats.number(unit.convert(t.hottestTemperature()), unit.symbol()));
        hottestCaption.setText(t.hottestWorker() == null ? resources.text("fleet.tile.hottest")
                : MessageFormat.format(resources.text("fleet.tile.hottest.where"), t.hottestWorker(), t.hottestGpu()));
        offline.setText(Long.toString(t.offlineWorkers()));
        // Someone gone is worth a second look: the tile turns red, and its number says how many.
        if (t.offlineWorkers() > 0 && !offlineTile.getStyleClass().contains("alarm")) {
            offlineTile.getStyleClass().add("alarm");
        } else if (t.offlineWorkers() == 0) {
            offlineTile.getStyleClass().remove("alarm");
        }
    }
}
