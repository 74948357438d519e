package dev.opsdeck.console.ops;

import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.shell.Session;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/** Controller of OpsBackups.fxml: binds {@link BackupsViewModel} and {@link BackupActionsViewModel}. */
final class BackupsView {
    private final BackupsViewModel vm;
    private final BackupActionsViewModel actions;
    private final OpsApi api;
    private final Session session;
    private final Resources resources;
    private final Clock clock;
    /** Where a download goes; tests replace the file chooser, which headless tests cannot drive. */
    private Function<Backup, Optional<Path>> saveTarget = this::chooseFile;

    @FXML private Button fullButton;
    @FXML private Button schemaButton;
    @FXML private ProgressBar progress;
    @FXML private Label progressText;
    @FXML private Label message;
    @FXML private Label error;
    @FXML private VBox confirmBox;
    @FXML private TableView<Backup> table;
    @FXML private TableColumn<Backup, String> idColumn;
    @FXML private TableColumn<Backup, String> typeColumn;
    @FXML private TableColumn<Backup, String> statusColumn;
    @FXML private TableColumn<Backup, String> sizeColumn;
    @FXML private TableColumn<Backup, String> ageColumn;
    @FXML private TableColumn<Backup, String> checksumColumn;
    @FXML private Button verifyButton;
    @FXML private Button downloadButton;
    @FXML private Button restoreButton;
    @FXML private Button deleteButton;
    @FXML private Label actionMessage;
    @FXML private Label actionError;
    @FXML private TextArea restoreText;
    @FXML private TableView<TableCheck> verifyTable;
    @FXML private TableColumn<TableCheck, String> checkTableColumn;
    @FXML private TableColumn<TableCheck, String> checkStatusColumn;
    @FXML private TableColumn<TableCheck, Long> checkExpectedColumn;
    @FXML private TableColumn<TableCheck, Long> checkActualColumn;

    BackupsView(OperationsViewModel ops, Session session, Resources resources, Clock clock) {
        this.vm = ops.backups();
        this.actions = ops.backupActions();
        this.api = ops.api();
        this.session = session;
        this.resources = resources;
        this.clock = clock;
    }

    Parent load() {
        return resources.loadView("OpsBackups.fxml", this);
    }

    void saveTarget(Function<Backup, Optional<Path>> target) {
        this.saveTarget = target;
    }

    @FXML
    private void initialize() {
        BooleanBinding notAdmin = session.adminProperty().not();
        adminOnly(fullButton, notAdmin.or(vm.creatingProperty()));
        adminOnly(schemaButton, notAdmin.or(vm.creatingProperty()));
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.creatingProperty().or(vm.progressTextProperty().isNotEmpty()));
        progressText.textProperty().bind(vm.progressTextProperty());
        OperationsView.message(message, vm.messageProperty());
        OperationsView.message(error, vm.errorProperty());
        OperationsView.message(actionMessage, actions.messageProperty());
        OperationsView.message(actionError, actions.errorProperty());
        ConfirmationPane.build(confirmBox, actions.confirmation(), resources, "backup", actions.confirmation()::cancel);

        table.setItems(vm.backups());
        table.setPlaceholder(new Label(resources.text("ops.backup.empty")));
        idColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().id()));
        typeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().type()));
        statusColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().status()));
        sizeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(OpsText.bytes(c.getValue().sizeBytes())));
        ageColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(OpsText.age(c.getValue().createdAt(), clock.instant())));
        checksumColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().sha256() == null ? "\u2014"
                : c.getValue().sha256().substring(0, Math.min(16, c.getValue().sha256().length())) + "\u2026"));

        BooleanBinding noCompleted = Bindings.createBooleanBinding(() -> selected() == null || !selected().completed(),
                table.getSelectionModel().selectedItemProperty(), vm.backups());
        BooleanBinding busy = Bindings.createBooleanBinding(() -> actions.busyProperty().get(), actions.busyProperty());
        adminOnly(verifyButton, notAdmin.or(noCompleted).or(busy));
        adminOnly(downloadButton, notAdmin.or(noCompleted).or(busy));
        adminOnly(restoreButton, notAdmin.or(noCompleted).or(busy));
        adminOnly(deleteButton, notAdmin.or(busy).or(table.getSelectionModel().selectedItemProperty().isNull()));

        restoreText.textProperty().bind(actions.restoreCommandProperty());
        restoreText.visibleProperty().bind(actions.restoreCommandProperty().isNotEmpty());
        restoreText.managedProperty().bind(restoreText.visibleProperty());
        verifyTable.setItems(actions.verifyTables());
        verifyTable.setPlaceholder(new Label(resources.text("ops.verify.empty")));
        checkTableColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().table()));
        checkStatusColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().status()));
        checkExpectedColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().expectedRows()));
        checkActualColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().actualRows()));
    }

    private void adminOnly(Button b, BooleanBinding disabled) {
        b.disableProperty().bind(disabled);
        Tooltip t = new Tooltip();
        t.textProperty().bind(session.adminOnlyReason());
        b.tooltipProperty().bind(Bindings.when(session.adminProperty()).then((Tooltip) null).otherwise(t));
    }

    private Backup selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    @FXML private void createFull() { vm.create("full"); }
    @FXML private void createSchema() { vm.create("schema"); }

    @FXML
    private void verify() {
        Optional.ofNullable(selected()).ifPresent(actions::verify);
    }

    @FXML
    private void restoreCommand() {
        Optional.ofNullable(selected()).ifPresent(actions::showRestoreCommand);
    }

    @FXML
    private void download() {
        Backup b = selected();
        if (b != null) {
            saveTarget.apply(b).ifPresent(file -> actions.download(b, file));
        }
    }

    @FXML
    private void delete() {
        Backup b = selected();
        if (b != null) {
            OperationsView.environment(api).ifPresent(env -> actions.requestDelete(b, env));
        }
    }

    private Optional<Path> chooseFile(Backup b) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(resources.text("ops.backup.downloadTitle"));
        chooser.setInitialFileName(b.fileName());
        File f = chooser.showSaveDialog(table.getScene().getWindow());
        return Optional.ofNullable(f).map(File::toPath);
    }
}
