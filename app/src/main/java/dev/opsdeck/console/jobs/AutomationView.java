package dev.opsdeck.console.jobs;

import dev.opsdeck.console.fx.Columns;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.jobs.JobModels.Task;
import dev.opsdeck.console.shell.Session;
import javafx.beans.binding.BooleanBinding;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;

/** Controller of JobsAutomation.fxml. */
final class AutomationView {
    private final AutomationViewModel viewModel;
    private final Resources resources;
    private final Session session;

    @FXML private Label message;
    @FXML private Label error;
    @FXML private TableView<Task> tasks;
    @FXML private TableColumn<Task, String> nameColumn;
    @FXML private TableColumn<Task, String> enabledColumn;
    @FXML private TableColumn<Task, String> intervalColumn;
    @FXML private TableColumn<Task, String> nextColumn;
    @FXML private TableColumn<Task, String> lastColumn;
    @FXML private TableColumn<Task, String> resultColumn;
    @FXML private HBox editor;
    @FXML private Label intervalLabel;
    @FXML private TextField interval;
    @FXML private Label nextLabel;
    @FXML private TextField nextRun;
    @FXML private CheckBox enabled;
    @FXML private Button saveButton;
    @FXML private Button runButton;

    AutomationView(AutomationViewModel viewModel, Resources resources, Session session) {
        this.viewModel = viewModel;
        this.resources = resources;
        this.session = session;
    }

    Parent load() {
        return resources.loadView("JobsAutomation.fxml", this);
    }

    @FXML
    private void initialize() {
        intervalLabel.setLabelFor(interval);
        nextLabel.setLabelFor(nextRun);
        ViewSupport.bind(viewModel.feedback(), message, error, resources);
        tasks.setItems(viewModel.tasks());
        tasks.setPlaceholder(new Label(resources.text("jobs.automation.empty")));
        Columns.text(nameColumn, Task::name);
        Columns.text(enabledColumn, t -> resources.text(t.enabled() ? "jobs.automation.on" : "jobs.automation.off"));
        Columns.text(intervalColumn, t -> Format.interval(t.intervalSeconds()));
        Columns.text(nextColumn, t -> Format.time(t.nextRun()));
        Columns.text(lastColumn, t -> Format.time(t.lastRunAt()));
        Columns.text(resultColumn, t -> t.lastError() != null ? t.lastError() : Format.orDash(t.lastResult()));
        // Refreshes replace the row of the same task: keep what the operator is typing.
        ViewSupport.keepSelection(tasks, Task::name, false, viewModel::select);
        interval.textProperty().bindBidirectional(viewModel.intervalProperty());
        nextRun.textProperty().bindBidirectional(viewModel.nextRunProperty());
        enabled.selectedProperty().bindBidirectional(viewModel.enabledProperty());
        editor.disableProperty().bind(viewModel.selectedProperty().isNull());
        BooleanBinding idle = viewModel.feedback().busyProperty().not();
        ViewSupport.adminAction(saveButton, session, idle);
        ViewSupport.adminAction(runButton, session, idle);
    }

    @FXML private void save() {
        if (!saveButton.isDisabled()) {
            viewModel.save();
        }
    }

    @FXML private void run() { viewModel.runNow(); }
}
