package dev.opsdeck.console.jobs;

import dev.opsdeck.console.fx.Columns;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.jobs.JobModels.FailureGroup;
import dev.opsdeck.console.shell.Session;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

import java.text.MessageFormat;

/** Controller of JobsFailures.fxml: the failure groups and the confirmation of a bulk requeue with its count. */
final class FailuresView {
    private final FailuresViewModel viewModel;
    private final Resources resources;
    private final Session session;

    @FXML private Label message;
    @FXML private Label error;
    @FXML private TableView<FailureGroup> groups;
    @FXML private TableColumn<FailureGroup, String> newestColumn;
    @FXML private TableColumn<FailureGroup, String> statusColumn;
    @FXML private TableColumn<FailureGroup, String> countColumn;
    @FXML private TableColumn<FailureGroup, String> signatureColumn;
    @FXML private TableColumn<FailureGroup, String> workerColumn;
    @FXML private TableColumn<FailureGroup, String> gpuColumn;
    @FXML private TableColumn<FailureGroup, String> sampleColumn;
    @FXML private Button requeueButton;
    @FXML private VBox confirm;
    @FXML private Label question;
    @FXML private Button confirmButton;

    FailuresView(FailuresViewModel viewModel, Resources resources, Session session) {
        this.viewModel = viewModel;
        this.resources = resources;
        this.session = session;
    }

    Parent load() {
        return resources.loadView("JobsFailures.fxml", this);
    }

    @FXML
    private void initialize() {
        ViewSupport.bind(viewModel.feedback(), message, error, resources);
        groups.setItems(viewModel.groups());
        groups.setPlaceholder(new Label(resources.text("jobs.failures.empty")));
        Columns.text(newestColumn, g -> Format.time(g.newestAt()));
        Columns.text(statusColumn, g -> resources.text("jobs.status." + g.status()));
        Columns.text(countColumn, g -> Long.toString(g.count()));
        Columns.text(signatureColumn, FailureGroup::errorSignature);
        Columns.text(workerColumn, g -> Format.orDash(g.workerId()));
        Columns.text(gpuColumn, g -> Format.orDash(g.gpuModel()));
        Columns.text(sampleColumn, g -> Format.orDash(g.sampleError()));
        ViewSupport.keepSelection(groups, FailureGroup::key, false, g -> { });
        ViewSupport.adminAction(requeueButton, session, Bindings.createBooleanBinding(() -> !viewModel.feedback().busyProperty().get()
                        && groups.getSelectionModel().getSelectedItem() != null && viewModel.pendingProperty().get() == null,
                viewModel.feedback().busyProperty(), groups.getSelectionModel().selectedItemProperty(), viewModel.pendingProperty()));
        confirm.visibleProperty().bind(viewModel.pendingProperty().isNotNull());
        confirm.managedProperty().bind(confirm.visibleProperty());
        viewModel.pendingProperty().addListener((obs, old, g) -> {
            if (g != null) {
                long n = viewModel.pendingCountProperty().get();
                question.setText(MessageFormat.format(resources.text("jobs.failures.question"), n,
                        resources.text("jobs.status." + g.status()), g.errorSignature(),
                        g.workerId() == null ? resources.text("jobs.failures.anyWorker") : g.workerId(),
                        g.gpuModel() == null ? resources.text("jobs.failures.anyGpu") : g.gpuModel()));
                confirmButton.setText(MessageFormat.format(resources.text("jobs.failures.confirm"), n));
                confirmButton.setDisable(n == 0);
                confirmButton.requestFocus();
            }
        });
    }

    @FXML private void preview() { viewModel.previewRequeue(groups.getSelectionModel().getSelectedItem()); }
    @FXML private void confirmRequeue() { viewModel.confirmRequeue(); }
    @FXML private void dismiss() { viewModel.dismissRequeue(); }
    @FXML private void refresh() { viewModel.refresh(); }
}
