package dev.opsdeck.console.ops;

import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.shell.Session;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/** Controller of OpsCleanup.fxml: binds {@link CleanupViewModel}. */
final class CleanupView {
    private final CleanupViewModel vm;
    private final OpsApi api;
    private final Session session;
    private final Resources resources;

    @FXML private Label daysLabel;
    @FXML private TextField days;
    @FXML private Button previewButton;
    @FXML private Button deleteButton;
    @FXML private ProgressIndicator spinner;
    @FXML private Label message;
    @FXML private Label error;
    @FXML private VBox confirmBox;
    @FXML private TableView<CleanupCount> table;
    @FXML private TableColumn<CleanupCount, String> tableColumn;
    @FXML private TableColumn<CleanupCount, String> ruleColumn;
    @FXML private TableColumn<CleanupCount, Long> rowsColumn;

    CleanupView(OperationsViewModel ops, Session session, Resources resources) {
        this.vm = ops.cleanup();
        this.api = ops.api();
        this.session = session;
        this.resources = resources;
    }

    Parent load() {
        return resources.loadView("OpsCleanup.fxml", this);
    }

    @FXML
    private void initialize() {
        daysLabel.setLabelFor(days);
        days.textProperty().bindBidirectional(vm.daysProperty());
        previewButton.disableProperty().bind(session.adminProperty().not().or(vm.busyProperty()));
        // Delete needs a current preview with something in it, and no confirmation already open.
        deleteButton.disableProperty().bind(session.adminProperty().not().or(vm.busyProperty())
                .or(vm.confirmation().openProperty())
                .or(Bindings.createBooleanBinding(() -> vm.previewedProperty().get() == null || vm.previewedProperty().get().total() == 0,
                        vm.previewedProperty())));
        Tooltip why = new Tooltip();
        why.textProperty().bind(session.adminOnlyReason());
        previewButton.tooltipProperty().bind(Bindings.when(session.adminProperty()).then((Tooltip) null).otherwise(why));
        deleteButton.tooltipProperty().bind(previewButton.tooltipProperty());
        spinner.visibleProperty().bind(vm.busyProperty());
        OperationsView.message(message, vm.messageProperty());
        OperationsView.message(error, vm.errorProperty());
        ConfirmationPane.build(confirmBox, vm.confirmation(), resources, "cleanup", vm::cancel);
        table.setItems(vm.counts());
        table.setPlaceholder(new Label(resources.text("ops.cleanup.empty")));
        tableColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().table()));
        ruleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().rule()));
        rowsColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rows()));
    }

    @FXML private void preview() { vm.preview(); }

    @FXML
    private void delete() {
        OperationsView.environment(api).ifPresent(vm::requestDelete);
    }
}
