package dev.opsdeck.console.environments;

import dev.opsdeck.console.fx.Resources;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Controller of Anywhere.fxml, shown in its own window beside the console (so it can stay open while the main
 * window switches). Enter or a double click on a row opens that row's environment in the main window.
 */
public final class AnywhereView {
    private final AnywhereViewModel viewModel;
    private final Resources resources;
    private final Consumer<String> openEnvironment;
    private Stage stage;

    @FXML private TableView<AnywhereRow> table;
    @FXML private TableColumn<AnywhereRow, String> environmentColumn;
    @FXML private TableColumn<AnywhereRow, String> kindColumn;
    @FXML private TableColumn<AnywhereRow, String> subjectColumn;
    @FXML private TableColumn<AnywhereRow, String> detailColumn;
    @FXML private ProgressIndicator busy;
    @FXML private Label summary;

    public AnywhereView(AnywhereViewModel viewModel, Resources resources, Consumer<String> openEnvironment) {
        this.viewModel = viewModel;
        this.resources = resources;
        this.openEnvironment = openEnvironment;
    }

    /** Shows the window (built on first use) owned by {@code owner}, with its stylesheets, and refreshes. */
    public void show(Window owner) {
        if (stage == null) {
            Parent root = resources.loadView("Anywhere.fxml", this);
            stage = new Stage();
            stage.initOwner(owner);
            stage.setTitle(resources.text("anywhere.title"));
            Scene scene = new Scene(root);
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            // Follow theme switches of the main window.
            owner.getScene().getStylesheets().addListener((javafx.collections.ListChangeListener<String>) c ->
                    scene.getStylesheets().setAll(owner.getScene().getStylesheets()));
            stage.setScene(scene);
            stage.setOnHidden(e -> viewModel.cancel());
        }
        stage.show();
        stage.toFront();
        table.requestFocus();
        viewModel.refresh();
    }

    @FXML
    private void initialize() {
        environmentColumn.setCellValueFactory(cell(AnywhereRow::environment));
        kindColumn.setCellValueFactory(cell(AnywhereRow::kind));
        subjectColumn.setCellValueFactory(cell(AnywhereRow::subject));
        detailColumn.setCellValueFactory(cell(AnywhereRow::detail));
        table.setItems(viewModel.rows());
        table.setPlaceholder(new Label(resources.text("anywhere.loading")));
        busy.visibleProperty().bind(viewModel.loadingProperty());
        summary.textProperty().bind(viewModel.summaryProperty());
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
                e.consume();
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openSelected();
            }
        });
    }

    private void openSelected() {
        AnywhereRow row = table.getSelectionModel().getSelectedItem();
        if (row != null) {
            openEnvironment.accept(row.environment());
        }
    }

    @FXML
    private void refresh() {
        viewModel.refresh();
    }

    @FXML
    private void close() {
        stage.hide();
    }

    private static Callback cell(Function<AnywhereRow, String> value) {
        return c -> new ReadOnlyStringWrapper(value.apply(c.getValue())).getReadOnlyProperty();
    }

    /** Shorthand for the cell value factory type. */
    private interface Callback extends javafx.util.Callback<TableColumn.CellDataFeatures<AnywhereRow, String>,
            javafx.beans.value.ObservableValue<String>> {
    }
}
