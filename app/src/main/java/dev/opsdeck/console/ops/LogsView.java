package dev.opsdeck.console.ops;

import dev.opsdeck.console.fx.Resources;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyCodeCombination;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Controller of OpsLogs.fxml: binds {@link LogsViewModel}; copies the selected lines to the clipboard. */
final class LogsView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final LogsViewModel vm;
    private final Resources resources;

    @FXML private Label levelLabel;
    @FXML private ComboBox<String> level;
    @FXML private Label searchLabel;
    @FXML private TextField search;
    @FXML private CheckBox tail;
    @FXML private Button copyButton;
    @FXML private Label copied;
    @FXML private Label error;
    @FXML private TableView<LogLine> table;
    @FXML private TableColumn<LogLine, String> timeColumn;
    @FXML private TableColumn<LogLine, String> levelColumn;
    @FXML private TableColumn<LogLine, String> loggerColumn;
    @FXML private TableColumn<LogLine, String> messageColumn;

    LogsView(OperationsViewModel ops, Resources resources) {
        this.vm = ops.logs();
        this.resources = resources;
    }

    Parent load() {
        return resources.loadView("OpsLogs.fxml", this);
    }

    @FXML
    private void initialize() {
        levelLabel.setLabelFor(level);
        searchLabel.setLabelFor(search);
        level.getItems().setAll(LogsViewModel.LEVELS);
        level.valueProperty().bindBidirectional(vm.levelProperty());
        search.textProperty().bindBidirectional(vm.searchProperty());
        tail.selectedProperty().bindBidirectional(vm.tailProperty());
        OperationsView.message(error, vm.errorProperty());
        table.setItems(vm.visible());
        table.setPlaceholder(new Label(resources.text("ops.logs.empty")));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        copyButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        table.setOnKeyPressed(e -> {
            if (COPY.match(e)) {
                copy();
                e.consume();
            }
        });
        timeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().timestamp() == null ? "" : TIME.format(c.getValue().timestamp())));
        levelColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().level()));
        loggerColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(shortLogger(c.getValue().logger())));
        messageColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().message()));
        table.setRowFactory(t -> new LevelRow());
    }

    /** {@code dev.opsdeck.backend.ops.BackupService} as {@code d.o.b.o.BackupService}: the class is what people scan for. */
    static String shortLogger(String logger) {
        String[] parts = logger.split("\\.");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            b.append(parts[i].isEmpty() ? "" : parts[i].substring(0, 1)).append('.');
        }
        return b.append(parts[parts.length - 1]).toString();
    }

    @FXML
    private void copy() {
        List<LogLine> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (selected.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(vm.copyText(selected));
        Clipboard.getSystemClipboard().setContent(content);
        copied.setText(MessageFormat.format(resources.text("ops.logs.copied"), selected.size()));
    }

    @FXML
    private void reload() {
        vm.reload();
    }

    /** Warnings and errors stand out by style class; the full line (with its stack trace) is in the tooltip. */
    private static final class LevelRow extends TableRow<LogLine> {
        @Override
        protected void updateItem(LogLine item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("log-warn", "log-error");
            setTooltip(null);
            if (!empty && item != null) {
                if ("ERROR".equals(item.level())) {
                    getStyleClass().add("log-error");
                } else if ("WARN".equals(item.level())) {
                    getStyleClass().add("log-warn");
                }
                Tooltip t = new Tooltip(item.copyText());
                t.setWrapText(true);
                t.setMaxWidth(900);
                setTooltip(t);
            }
        }
    }
}
