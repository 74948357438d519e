package dev.opsdeck.console.ops;

import dev.opsdeck.console.fx.Resources;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.text.NumberFormat;

/** Controller of OpsDatabase.fxml: binds {@link DatabaseViewModel}. */
final class DatabaseView {
    private final DatabaseViewModel vm;
    private final Resources resources;

    @FXML private Button refreshButton;
    @FXML private Label summary;
    @FXML private Label error;
    @FXML private TableView<TableSize> table;
    @FXML private TableColumn<TableSize, String> tableColumn;
    @FXML private TableColumn<TableSize, String> rowsColumn;
    @FXML private TableColumn<TableSize, String> sizeColumn;

    DatabaseView(OperationsViewModel ops, Resources resources) {
        this.vm = ops.database();
        this.resources = resources;
    }

    Parent load() {
        return resources.loadView("OpsDatabase.fxml", this);
    }

    @FXML
    private void initialize() {
        refreshButton.disableProperty().bind(vm.loadingProperty());
        summary.textProperty().bind(vm.summaryProperty());
        OperationsView.message(error, vm.errorProperty());
        table.setItems(vm.tables());
        table.setPlaceholder(new Label(resources.text("ops.db.empty")));
        NumberFormat n = NumberFormat.getIntegerInstance();
        tableColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().table()));
        // "~" marks PostgreSQL's estimate for large tables, so nobody mistakes it for an exact count.
        rowsColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper((c.getValue().rowsExact() ? "" : "~") + n.format(c.getValue().rows())));
        sizeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(OpsText.bytes(c.getValue().sizeBytes())));
    }

    @FXML private void refresh() { vm.refresh(); }
}
