package dev.opsdeck.console.workers;

import dev.opsdeck.console.fx.Columns;
import dev.opsdeck.console.fx.KeyedList;
import dev.opsdeck.console.charts.ChartSink;
import dev.opsdeck.console.charts.TimeChart;
import dev.opsdeck.console.fx.Resources;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;

import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Controller of WorkerDetail.fxml: the selected worker's charts and lists. It is the {@link ChartSink} of
 * {@link WorkerDetailViewModel}, routing each chart id to its {@link TimeChart}.
 */
public final class WorkerDetailView {
    static final int CAPACITY = 5_000;

    private final WorkerDetailViewModel viewModel;
    private final Resources resources;
    private final Map<String, TimeChart> charts = new LinkedHashMap<>();

    @FXML private Label title;
    @FXML private Label resolutionInfo;
    @FXML private Label rangeLabel;
    @FXML private ComboBox<String> range;
    @FXML private Label resolutionLabel;
    @FXML private ComboBox<String> resolution;
    @FXML private Label error;
    @FXML private TabPane tabs;
    @FXML private GridPane chartsGrid;
    @FXML private StackPane heartbeatSlot;
    @FXML private Label gapsCaption;
    @FXML private ListView<String> gaps;
    @FXML private Label rewardTotals;
    @FXML private TableView<WorkerDetail.Claim> claims;
    @FXML private TableColumn<WorkerDetail.Claim, String> claimTime;
    @FXML private TableColumn<WorkerDetail.Claim, String> claimAmount;
    @FXML private TableColumn<WorkerDetail.Claim, String> claimStatus;
    @FXML private TableColumn<WorkerDetail.Claim, String> claimTx;
    @FXML private TableView<WorkerDetail.GpuErrors> gpuErrors;
    @FXML private TableColumn<WorkerDetail.GpuErrors, String> gpuIndex;
    @FXML private TableColumn<WorkerDetail.GpuErrors, String> gpuModel;
    @FXML private TableColumn<WorkerDetail.GpuErrors, String> gpuXid1h;
    @FXML private TableColumn<WorkerDetail.GpuErrors, String> gpuXid24h;
    @FXML private TableColumn<WorkerDetail.GpuErrors, String> gpuDbe24h;
    @FXML private TableColumn<WorkerDetail.GpuErrors, String> gpuEcc;
    @FXML private TableView<WorkerDetail.ErrorEvent> events;
    @FXML private TableColumn<WorkerDetail.ErrorEvent, String> eventTime;
    @FXML private TableColumn<WorkerDetail.ErrorEvent, String> eventGpu;
    @FXML private TableColumn<WorkerDetail.ErrorEvent, String> eventKind;
    @FXML private TableColumn<WorkerDetail.ErrorEvent, String> eventMessage;
    @FXML private Label noSelection;

    public WorkerDetailView(WorkerDetailViewModel viewModel, Resources resources) {
        this.viewModel = viewModel;
        this.resources = resources;
    }

    public Parent load() {
        return resources.loadView("WorkerDetail.fxml", this);
    }

    @FXML
    private void initialize() {
        rangeLabel.setLabelFor(range);
        resolutionLabel.setLabelFor(resolution);
        range.getItems().setAll(WorkerDetailViewModel.RANGE_ORDER);
        range.valueProperty().bindBidirectional(viewModel.rangeProperty());
        resolution.getItems().setAll(WorkerDetailViewModel.RESOLUTIONS);
        resolution.valueProperty().bindBidirectional(viewModel.resolutionProperty());

        int column = 0;
        for (String metric : WorkerDetail.METRICS) {
            TimeChart chart = new TimeChart(resources.text("workers.chart." + metric), resources.text("workers.chart." + metric + ".unit"), CAPACITY);
            chart.node().setId("chart-" + metric);
            charts.put(metric, chart);
            chartsGrid.add(chart.node(), column++, 0);
        }
        TimeChart heartbeat = new TimeChart(resources.text("workers.chart.heartbeat"), "s", CAPACITY);
        heartbeat.node().setId("chart-heartbeat");
        charts.put(WorkerDetail.HEARTBEAT_CHART, heartbeat);
        heartbeatSlot.getChildren().setAll(heartbeat.node());
        viewModel.attach(ChartSink.of(charts));

        tabs.visibleProperty().bind(viewModel.workerProperty().isNotNull());
        noSelection.visibleProperty().bind(viewModel.workerProperty().isNull());
        title.textProperty().bind(Bindings.createStringBinding(() -> viewModel.workerProperty().get() == null ? ""
                : viewModel.workerProperty().get(), viewModel.workerProperty()));
        resolutionInfo.textProperty().bind(Bindings.createStringBinding(this::resolutionText, viewModel.dataProperty(),
                viewModel.loadingProperty()));
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Columns.text(claimTime, c -> Formats.time(c.claimedAt()));
        Columns.text(claimAmount, c -> c.amount() + " " + c.token());
        Columns.text(claimStatus, WorkerDetail.Claim::status);
        Columns.text(claimTx, c -> c.txHash() == null ? Formats.NONE : c.txHash());
        Columns.text(gpuIndex, g -> Integer.toString(g.gpu()));
        Columns.text(gpuModel, g -> g.model() == null ? Formats.NONE : g.model());
        Columns.text(gpuXid1h, g -> Long.toString(g.xid1h()));
        Columns.text(gpuXid24h, g -> Long.toString(g.xid24h()));
        Columns.text(gpuDbe24h, g -> Long.toString(g.dbe24h()));
        Columns.text(gpuEcc, g -> g.eccSbe() + " / " + g.eccDbe());
        Columns.text(eventTime, e -> Formats.time(e.at()));
        Columns.text(eventGpu, e -> Integer.toString(e.gpu()));
        Columns.text(eventKind, e -> e.kind() + " " + e.code());
        Columns.text(eventMessage, WorkerDetail.ErrorEvent::message);
        claims.setPlaceholder(new Label(resources.text("workers.claims.none")));
        gpuErrors.setPlaceholder(new Label(resources.text("workers.gpus.none")));
        events.setPlaceholder(new Label(resources.text("workers.events.none")));
        gaps.setPlaceholder(new Label(resources.text("workers.gaps.none")));
        viewModel.dataProperty().addListener((o, old, d) -> show(d));
    }

    private String resolutionText() {
        WorkerDetail d = viewModel.getData();
        if (viewModel.loadingProperty().get()) {
            return resources.text("workers.detail.loading");
        }
        return d == null ? "" : MessageFormat.format(resources.text(d.truncated() ? "workers.detail.resolution.truncated"
                : "workers.detail.resolution.info"), d.resolution());
    }

    private void show(WorkerDetail d) {
        List<String> gapLines = d == null ? List.of() : d.gaps().stream().map(g -> MessageFormat.format(
                resources.text(g.restarted() ? "workers.gap.restarted" : "workers.gap"), Formats.time(g.from()),
                Formats.age((double) g.seconds()))).toList();
        // Refreshed in place while shown (live): rows that stay keep the user's selection and scroll position.
        KeyedList.sync(gaps.getItems(), gapLines, g -> g);
        gapsCaption.setText(d == null ? "" : MessageFormat.format(resources.text("workers.gaps.caption"),
                d.heartbeatTimes().length + (d.heartbeatTimes().length > 0 ? 1 : 0), d.gaps().size()));
        rewardTotals.setText(d == null ? "" : MessageFormat.format(resources.text("workers.claims.totals"),
                d.claimedAmount(), d.pendingAmount()));
        KeyedList.sync(claims.getItems(), d == null ? List.of() : d.claims(), c -> c.claimedAt() + " " + c.txHash());
        KeyedList.sync(gpuErrors.getItems(), d == null ? List.of() : d.gpus(), WorkerDetail.GpuErrors::gpu);
        KeyedList.sync(events.getItems(), d == null ? List.of() : d.events(), e -> e.at() + " " + e.gpu() + " " + e.kind() + " " + e.code());
    }

    /** The per-GPU charts by metric id (tests look at their points). */
    Map<String, TimeChart> charts() {
        return charts;
    }
}
