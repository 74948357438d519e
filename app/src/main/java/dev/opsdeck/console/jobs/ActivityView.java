package dev.opsdeck.console.jobs;

import dev.opsdeck.console.fx.Columns;
import dev.opsdeck.console.charts.TimeChart;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.jobs.JobModels.Bucket;
import dev.opsdeck.console.jobs.JobModels.Payout;
import dev.opsdeck.console.jobs.JobModels.QueueStatus;
import dev.opsdeck.console.jobs.JobModels.Statistics;
import dev.opsdeck.console.jobs.JobModels.TypeStats;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;

import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Controller of JobsActivity.fxml: feeds the charts from {@link ActivityViewModel} and binds its tables. */
final class ActivityView {
    private final ActivityViewModel viewModel;
    private final Resources resources;
    private final TimeChart depth;
    private final TimeChart throughputChartModel;

    @FXML private Label error;
    @FXML private Label queued;
    @FXML private Label running;
    @FXML private Label failed;
    @FXML private Label dead;
    @FXML private Label workers;
    @FXML private Label throughput;
    @FXML private Label failureRate;
    @FXML private StackPane queueChart;
    @FXML private StackPane throughputChart;
    @FXML private TableView<TypeStats> types;
    @FXML private TableColumn<TypeStats, String> typeColumn;
    @FXML private TableColumn<TypeStats, String> finishedColumn;
    @FXML private TableColumn<TypeStats, String> rateColumn;
    @FXML private TableColumn<TypeStats, String> p50Column;
    @FXML private TableColumn<TypeStats, String> p95Column;
    @FXML private TableColumn<TypeStats, String> p99Column;
    @FXML private TableView<Payout> payouts;
    @FXML private TableColumn<Payout, String> payWorkerColumn;
    @FXML private TableColumn<Payout, String> payCountColumn;
    @FXML private TableColumn<Payout, String> payTotalColumn;
    @FXML private TableColumn<Payout, String> payPaidColumn;
    @FXML private TableColumn<Payout, String> payLastColumn;

    ActivityView(ActivityViewModel viewModel, Resources resources) {
        this.viewModel = viewModel;
        this.resources = resources;
        // 15 minutes of 3-second samples; the throughput history is one point per minute for an hour.
        this.depth = new TimeChart(resources.text("jobs.chart.depth"), resources.text("jobs.chart.jobs"), 300);
        this.throughputChartModel = new TimeChart(resources.text("jobs.chart.throughput"), resources.text("jobs.chart.perMinute"), 120);
        depth.window(Duration.ofMinutes(15));
        throughputChartModel.window(Duration.ofMinutes(60));
    }

    Parent load() {
        return resources.loadView("JobsActivity.fxml", this);
    }

    @FXML
    private void initialize() {
        queueChart.getChildren().add(depth.node());
        throughputChart.getChildren().add(throughputChartModel.node());
        error.textProperty().bind(viewModel.feedback().errorProperty());
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        viewModel.queueAtProperty().addListener((obs, old, at) -> sample(viewModel.queueProperty().get(), at));
        viewModel.statisticsProperty().addListener((obs, old, s) -> statistics(s));

        types.setItems(viewModel.types());
        types.setPlaceholder(new Label(resources.text("jobs.activity.noTypes")));
        Columns.text(typeColumn, TypeStats::jobType);
        Columns.text(finishedColumn, t -> Long.toString(t.finished()));
        Columns.text(rateColumn, t -> Format.percent(t.failureRate()));
        Columns.text(p50Column, t -> Format.duration(t.p50()));
        Columns.text(p95Column, t -> Format.duration(t.p95()));
        Columns.text(p99Column, t -> Format.duration(t.p99()));

        payouts.setItems(viewModel.payouts());
        payouts.setPlaceholder(new Label(resources.text("jobs.activity.noPayouts")));
        Columns.text(payWorkerColumn, Payout::workerId);
        Columns.text(payCountColumn, p -> Long.toString(p.workloads()));
        Columns.text(payTotalColumn, Payout::totalEth);
        Columns.text(payPaidColumn, Payout::paidEth);
        Columns.text(payLastColumn, p -> Format.time(p.lastAt()));
    }

    private void sample(QueueStatus q, Instant at) {
        if (q == null || at == null) {
            return;
        }
        long t = at.toEpochMilli();
        depth.add(resources.text("jobs.status.queued"), t, q.queued());
        depth.add(resources.text("jobs.status.running"), t, q.running());
        depth.add(resources.text("jobs.status.failed"), t, q.failed());
        depth.add(resources.text("jobs.status.dead"), t, q.dead());
        queued.setText(MessageFormat.format(resources.text("jobs.summary.queued"), q.queued()));
        running.setText(MessageFormat.format(resources.text("jobs.summary.running"), q.running()));
        failed.setText(MessageFormat.format(resources.text("jobs.summary.failed"), q.failed()));
        dead.setText(MessageFormat.format(resources.text("jobs.summary.dead"), q.dead()));
        workers.setText(MessageFormat.format(resources.text("jobs.summary.workers"), q.workersBusy(), q.workersBusy() + q.workersIdle()));
    }

    private void statistics(Statistics s) {
        if (s == null) {
            return;
        }
        throughput.setText(MessageFormat.format(resources.text("jobs.summary.throughput"), String.format(java.util.Locale.ROOT, "%.1f", s.throughputPerMinute())));
        failureRate.setText(MessageFormat.format(resources.text("jobs.summary.failureRate"), Format.percent(s.failureRate())));
        List<Bucket> b = s.series();
        double[] times = new double[b.size()];
        double[] completed = new double[b.size()];
        double[] failures = new double[b.size()];
        double per = Math.max(1, s.bucketMinutes());
        for (int i = 0; i < b.size(); i++) {
            times[i] = b.get(i).start().toEpochMilli();
            completed[i] = b.get(i).completed() / per;
            failures[i] = (b.get(i).finished() - b.get(i).completed()) / per;
        }
        throughputChartModel.setAll(resources.text("jobs.chart.completed"), times, completed, b.size());
        throughputChartModel.setAll(resources.text("jobs.chart.failedAttempts"), times, failures, b.size());
    }
}
