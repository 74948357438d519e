package dev.opsdeck.console.jobs;

import dev.opsdeck.console.fx.Columns;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.jobs.JobModels.Attempt;
import dev.opsdeck.console.jobs.JobModels.JobDetail;
import dev.opsdeck.console.jobs.JobModels.JobRow;
import dev.opsdeck.console.shell.Session;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.text.MessageFormat;
import java.util.List;

/** Controller of JobsRecent.fxml: the filter bar, the paged table and the selected job's detail. */
final class RecentJobsView {
    private static final List<String> STATUSES = List.of("", "queued", "running", "failed", "dead", "completed", "cancelled");

    private final RecentJobsViewModel viewModel;
    private final Resources resources;
    private final Session session;

    @FXML private Label statusLabel;
    @FXML private Label typeLabel;
    @FXML private Label workerLabel;
    @FXML private ComboBox<String> statusFilter;
    @FXML private TextField typeFilter;
    @FXML private TextField workerFilter;
    @FXML private Button newerButton;
    @FXML private Button olderButton;
    @FXML private Label pageLabel;
    @FXML private Label message;
    @FXML private Label error;
    @FXML private TableView<JobRow> jobs;
    @FXML private TableColumn<JobRow, String> idColumn;
    @FXML private TableColumn<JobRow, String> typeColumn;
    @FXML private TableColumn<JobRow, String> statusColumn;
    @FXML private TableColumn<JobRow, String> workerColumn;
    @FXML private TableColumn<JobRow, String> attemptsColumn;
    @FXML private TableColumn<JobRow, String> submittedColumn;
    @FXML private TableColumn<JobRow, String> runColumn;
    @FXML private VBox detailPane;
    @FXML private Label detailTitle;
    @FXML private GridPane detailGrid;
    @FXML private Label detailError;
    @FXML private Button retryButton;
    @FXML private Button cancelButton;
    @FXML private VBox cancelConfirm;
    @FXML private Label cancelQuestion;
    @FXML private TableView<Attempt> attempts;
    @FXML private TableColumn<Attempt, String> attemptColumn;
    @FXML private TableColumn<Attempt, String> attemptWorkerColumn;
    @FXML private TableColumn<Attempt, String> attemptGpuColumn;
    @FXML private TableColumn<Attempt, String> attemptOutcomeColumn;
    @FXML private TableColumn<Attempt, String> attemptDurationColumn;
    @FXML private TableColumn<Attempt, String> attemptErrorColumn;

    RecentJobsView(RecentJobsViewModel viewModel, Resources resources, Session session) {
        this.viewModel = viewModel;
        this.resources = resources;
        this.session = session;
    }

    Parent load() {
        return resources.loadView("JobsRecent.fxml", this);
    }

    @FXML
    private void initialize() {
        statusLabel.setLabelFor(statusFilter);
        typeLabel.setLabelFor(typeFilter);
        workerLabel.setLabelFor(workerFilter);
        statusFilter.getItems().setAll(STATUSES);
        statusFilter.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null || s.isEmpty() ? resources.text("jobs.filter.all") : resources.text("jobs.status." + s);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        statusFilter.valueProperty().bindBidirectional(viewModel.statusProperty());
        typeFilter.textProperty().bindBidirectional(viewModel.jobTypeProperty());
        workerFilter.textProperty().bindBidirectional(viewModel.workerIdProperty());
        newerButton.disableProperty().bind(viewModel.offsetProperty().isEqualTo(0));
        olderButton.disableProperty().bind(viewModel.hasMoreProperty().not());
        pageLabel.textProperty().bind(Bindings.createStringBinding(() -> MessageFormat.format(resources.text("jobs.page.range"),
                viewModel.offsetProperty().get() + 1, viewModel.offsetProperty().get() + viewModel.jobs().size()),
                viewModel.offsetProperty(), viewModel.jobs()));
        ViewSupport.bind(viewModel.feedback(), message, error, resources);

        jobs.setItems(viewModel.jobs());
        jobs.setPlaceholder(new Label(resources.text("jobs.recent.empty")));
        Columns.text(idColumn, JobRow::jobId);
        Columns.text(typeColumn, JobRow::jobType);
        Columns.text(statusColumn, r -> resources.text("jobs.status." + r.status()));
        Columns.text(workerColumn, r -> Format.orDash(r.workerId()));
        Columns.text(attemptsColumn, r -> r.attempts() + " / " + r.maxAttempts());
        Columns.text(submittedColumn, r -> Format.time(r.submittedAt()));
        Columns.text(runColumn, r -> Format.duration(r.runMs()));
        // A refreshed version of the selected job (new status) reloads its detail, so Retry/Cancel stay right.
        ViewSupport.keepSelection(jobs, JobRow::jobId, true, viewModel::select);

        attempts.setPlaceholder(new Label(resources.text("jobs.detail.noAttempts")));
        Columns.text(attemptColumn, a -> Integer.toString(a.attempt()));
        Columns.text(attemptWorkerColumn, a -> Format.orDash(a.workerId()));
        Columns.text(attemptGpuColumn, a -> Format.orDash(a.gpuModel()));
        Columns.text(attemptOutcomeColumn, a -> Format.orDash(a.outcome()));
        Columns.text(attemptDurationColumn, a -> Format.duration(a.durationMs()));
        Columns.text(attemptErrorColumn, a -> Format.orDash(a.error()));

        detailPane.visibleProperty().bind(viewModel.detailProperty().isNotNull());
        viewModel.detailProperty().addListener((obs, old, d) -> showDetail(d));
        BooleanBinding idle = viewModel.feedback().busyProperty().not();
        ViewSupport.adminAction(retryButton, session, Bindings.createBooleanBinding(() -> idle.get()
                && viewModel.detailProperty().get() != null && viewModel.detailProperty().get().job().retryable(), idle, viewModel.detailProperty()));
        ViewSupport.adminAction(cancelButton, session, Bindings.createBooleanBinding(() -> idle.get()
                && viewModel.detailProperty().get() != null && viewModel.detailProperty().get().job().cancellable(), idle, viewModel.detailProperty()));
        cancelConfirm.visibleProperty().bind(viewModel.confirmingCancelProperty());
        cancelConfirm.managedProperty().bind(cancelConfirm.visibleProperty());
    }

    private void showDetail(JobDetail d) {
        detailGrid.getChildren().clear();
        if (d == null) {
            attempts.getItems().clear();
            return;
        }
        JobRow j = d.job();
        detailTitle.setText(MessageFormat.format(resources.text("jobs.detail.title"), j.jobId(), resources.text("jobs.status." + j.status())));
        cancelQuestion.setText(MessageFormat.format(resources.text("jobs.detail.cancelQuestion"), j.jobId()));
        String[][] rows = {
                {"jobs.detail.type", j.jobType() + " \u00b7 " + j.queue()},
                {"jobs.detail.attemptsOf", j.attempts() + " / " + j.maxAttempts()},
                {"jobs.detail.worker", Format.orDash(j.workerId())},
                {"jobs.detail.gpu", Format.orDash(j.gpuModel())},
                {"jobs.detail.submitted", Format.time(j.submittedAt()) + "  (" + Format.orDash(d.submittedBy()) + ")"},
                {"jobs.detail.started", Format.time(d.startedAt())},
                {"jobs.detail.completed", Format.time(j.completedAt())},
                {"jobs.detail.wait", Format.duration(d.queueWaitMs())},
                {"jobs.detail.run", Format.duration(j.runMs())},
                {"jobs.detail.signature", Format.orDash(j.errorSignature())},
        };
        for (int i = 0; i < rows.length; i++) {
            Label key = new Label(resources.text(rows[i][0]));
            key.getStyleClass().add("muted");
            // Keys are short and must be read whole; the value column takes the remaining width and wraps.
            key.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label value = new Label(rows[i][1]);
            value.setWrapText(true);
            detailGrid.addRow(i, key, value);
        }
        detailError.setText(j.lastError() == null ? "" : j.lastError());
        detailError.setVisible(j.lastError() != null);
        detailError.setManaged(j.lastError() != null);
        attempts.getItems().setAll(d.attempts());
    }

    @FXML private void apply() { viewModel.applyFilter(); }
    @FXML private void newer() { viewModel.newer(); }
    @FXML private void older() { viewModel.older(); }
    @FXML private void retry() { viewModel.retry(); }
    @FXML private void askCancel() { viewModel.askCancel(); }
    @FXML private void confirmCancel() { viewModel.confirmCancel(); }
    @FXML private void keepJob() { viewModel.keepJob(); }
}
