package dev.opsdeck.console.palette;

import dev.opsdeck.console.fx.Resources;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Controller of CommandPalette.fxml: the query field keeps the focus; Up/Down move the highlight, Enter runs it,
 * Escape or a click beside the box closes. The overlay lies over the window's content (no second window, so it
 * themes and focuses like the rest of the console).
 */
public final class CommandPaletteView {
    private final PaletteViewModel viewModel;
    private final Resources resources;
    private Node focusBefore;

    @FXML private StackPane backdrop;
    @FXML private VBox box;
    @FXML private TextField query;
    @FXML private ListView<PaletteCommand> results;
    @FXML private Label empty;

    public CommandPaletteView(PaletteViewModel viewModel, Resources resources) {
        this.viewModel = viewModel;
        this.resources = resources;
    }

    /** The overlay; add it on top of the window content, it shows itself while the palette is open. */
    public StackPane load() {
        return resources.loadView("CommandPalette.fxml", this);
    }

    @FXML
    private void initialize() {
        backdrop.visibleProperty().bind(viewModel.openProperty());
        StackPane.setMargin(box, new Insets(60, 0, 0, 0));
        query.textProperty().bindBidirectional(viewModel.queryProperty());
        results.setItems(viewModel.matches());
        results.setCellFactory(list -> new CommandCell());
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(viewModel.matches()));
        empty.managedProperty().bind(empty.visibleProperty());
        viewModel.selectedProperty().addListener((obs, old, now) -> {
            int i = now.intValue();
            if (i < 0) {
                results.getSelectionModel().clearSelection();
            } else {
                results.getSelectionModel().select(i);
                results.scrollTo(i);
            }
        });
        query.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        results.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                viewModel.select(results.getSelectionModel().getSelectedIndex());
                if (e.getClickCount() == 2) {
                    viewModel.runSelected();
                }
            }
        });
        // A click on the dimmed area beside the box closes, as in every palette users know.
        backdrop.setOnMouseClicked(e -> {
            if (e.getTarget() == backdrop) {
                viewModel.close();
            }
        });
        viewModel.openProperty().addListener((obs, was, open) -> {
            if (open) {
                focusBefore = backdrop.getScene() == null ? null : backdrop.getScene().getFocusOwner();
                query.requestFocus();
            } else if (focusBefore != null && focusBefore.getScene() != null) {
                focusBefore.requestFocus();
            }
        });
    }

    private void key(KeyEvent e) {
        switch (e.getCode()) {
            case DOWN -> viewModel.move(1);
            case UP -> viewModel.move(-1);
            case PAGE_DOWN -> viewModel.move(10);
            case PAGE_UP -> viewModel.move(-10);
            case ENTER -> viewModel.runSelected();
            case ESCAPE -> viewModel.close();
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** Title left, kind right in muted text. */
    private final class CommandCell extends ListCell<PaletteCommand> {
        @Override
        protected void updateItem(PaletteCommand item, boolean emptyCell) {
            super.updateItem(item, emptyCell);
            if (emptyCell || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label kind = new Label(item.kind());
            kind.getStyleClass().add("muted");
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            setText(null);
            setGraphic(new HBox(8, new Label(item.title()), gap, kind));
        }
    }
}
