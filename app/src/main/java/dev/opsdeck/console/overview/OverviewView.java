package dev.opsdeck.console.overview;

import dev.opsdeck.console.connection.ComponentHealth;
import dev.opsdeck.console.fx.Resources;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/** Controller of Overview.fxml: shows the health components of {@link OverviewViewModel}. */
public final class OverviewView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final OverviewViewModel viewModel;
    private final Resources resources;
    private final Parent fleet;

    @FXML private StackPane fleetSlot;
    @FXML private Circle overallDot;
    @FXML private Label overallStatus;
    @FXML private Label updatedAt;
    @FXML private Label error;
    @FXML private TableView<ComponentHealth> components;
    @FXML private TableColumn<ComponentHealth, String> nameColumn;
    @FXML private TableColumn<ComponentHealth, String> statusColumn;
    @FXML private TableColumn<ComponentHealth, String> detailsColumn;

    public OverviewView(OverviewViewModel viewModel, Resources resources) {
        this(viewModel, resources, null);
    }

    /** @param fleet the fleet section (tiles and charts) shown above the health table; null for none */
    public OverviewView(OverviewViewModel viewModel, Resources resources, Parent fleet) {
        this.viewModel = viewModel;
        this.resources = resources;
        this.fleet = fleet;
    }

    public Parent load() {
        return resources.loadView("Overview.fxml", this);
    }

    @FXML
    private void initialize() {
        if (fleet != null) {
            fleetSlot.getChildren().setAll(fleet);
        }
        fleetSlot.setVisible(fleet != null);
        fleetSlot.setManaged(fleet != null);
        overallStatus.textProperty().bind(Bindings.createStringBinding(() -> viewModel.getOverallStatus().isEmpty()
                ? resources.text("overview.waiting")
                : MessageFormat.format(resources.text("overview.overall"), viewModel.getOverallStatus()),
                viewModel.overallStatusProperty()));
        viewModel.overallStatusProperty().addListener((obs, old, now) -> dot(overallDot, now));
        dot(overallDot, viewModel.getOverallStatus());
        updatedAt.textProperty().bind(Bindings.createStringBinding(() -> viewModel.getUpdatedAt() == null ? ""
                : MessageFormat.format(resources.text("overview.updated"), TIME.format(viewModel.getUpdatedAt())),
                viewModel.updatedAtProperty()));
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        components.setItems(viewModel.components());
        components.setPlaceholder(new Label(resources.text("overview.empty")));
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        statusColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().status()));
        statusColumn.setCellFactory(column -> new StatusCell());
        detailsColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().details().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("  \u00b7  "))));
        detailsColumn.setCellFactory(column -> new WrappingCell(column));
    }

    private static void dot(Circle circle, String status) {
        circle.getStyleClass().removeAll("up", "down", "unknown");
        circle.getStyleClass().add(status == null || status.isEmpty() ? "unknown"
                : "UP".equalsIgnoreCase(status) ? "up" : "DOWN".equalsIgnoreCase(status) ? "down" : "unknown");
    }

    /** Pool statistics are the point of the page: wrap them instead of cutting them with an ellipsis. */
    private static final class WrappingCell extends TableCell<ComponentHealth, String> {
        private final Text text = new Text();

        WrappingCell(TableColumn<ComponentHealth, String> column) {
            text.getStyleClass().add("cell-text");
            text.wrappingWidthProperty().bind(column.widthProperty().subtract(12));
            setPrefHeight(Region.USE_COMPUTED_SIZE);
        }

        @Override
        protected void updateItem(String details, boolean empty) {
            super.updateItem(details, empty);
            text.setText(empty || details == null ? "" : details);
            setGraphic(empty ? null : text);
        }
    }

    /** Status in words with a coloured dot, so colour is never the only signal. */
    private static final class StatusCell extends TableCell<ComponentHealth, String> {
        private final Circle circle = new Circle(5);

        StatusCell() {
            circle.getStyleClass().add("status-dot");
        }

        @Override
        protected void updateItem(String status, boolean empty) {
            super.updateItem(status, empty);
            if (empty || status == null) {
                setText(null);
                setGraphic(null);
            } else {
                setText(status.toUpperCase(Locale.ROOT));
                dot(circle, status);
                setGraphic(circle);
            }
        }
    }
}
