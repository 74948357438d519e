package dev.opsdeck.console.jobs;

import dev.opsdeck.console.fx.Columns;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.jobs.JobModels.Pool;
import dev.opsdeck.console.shell.Session;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

import java.text.MessageFormat;

/** Controller of JobsInventory.fxml. */
final class InventoryView {
    private final InventoryViewModel viewModel;
    private final Resources resources;
    private final Session session;

    @FXML private Label monitorState;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Label message;
    @FXML private Label error;
    @FXML private TableView<Pool> pools;
    @FXML private TableColumn<Pool, String> assetColumn;
    @FXML private TableColumn<Pool, String> availableColumn;
    @FXML private TableColumn<Pool, String> allocatedColumn;
    @FXML private TableColumn<Pool, String> expiredColumn;
    @FXML private TableColumn<Pool, String> watermarkColumn;
    @FXML private TableColumn<Pool, String> levelColumn;
    @FXML private Label assetLabel;
    @FXML private TextField asset;
    @FXML private Label countLabel;
    @FXML private TextField count;
    @FXML private Button replenishButton;

    InventoryView(InventoryViewModel viewModel, Resources resources, Session session) {
        this.viewModel = viewModel;
        this.resources = resources;
        this.session = session;
    }

    Parent load() {
        return resources.loadView("JobsInventory.fxml", this);
    }

    @FXML
    private void initialize() {
        assetLabel.setLabelFor(asset);
        countLabel.setLabelFor(count);
        ViewSupport.bind(viewModel.feedback(), message, error, resources);
        monitorState.textProperty().bind(Bindings.createStringBinding(() -> viewModel.monitorStateProperty().get().isEmpty() ? ""
                : MessageFormat.format(resources.text("jobs.inventory.monitor"), viewModel.monitorStateProperty().get()),
                viewModel.monitorStateProperty()));
        BooleanBinding idle = viewModel.feedback().busyProperty().not();
        BooleanBinding stopped = viewModel.monitorStateProperty().isEqualTo("stopped");
        ViewSupport.adminAction(startButton, session, idle.and(stopped));
        ViewSupport.adminAction(stopButton, session, idle.and(stopped.not()).and(viewModel.monitorStateProperty().isNotEmpty()));
        ViewSupport.adminAction(replenishButton, session, idle);
        asset.textProperty().bindBidirectional(viewModel.assetProperty());
        count.textProperty().bindBidirectional(viewModel.countProperty());

        pools.setItems(viewModel.pools());
        pools.setPlaceholder(new Label(resources.text("jobs.inventory.empty")));
        Columns.text(assetColumn, Pool::assetId);
        Columns.text(availableColumn, p -> Long.toString(p.available()));
        Columns.text(allocatedColumn, p -> Long.toString(p.allocated()));
        Columns.text(expiredColumn, p -> Long.toString(p.expired()));
        Columns.text(watermarkColumn, p -> p.lowWatermark() + " \u2192 " + p.targetLevel());
        Columns.text(levelColumn, p -> resources.text(p.belowWatermark() ? "jobs.inventory.low" : "jobs.inventory.ok"));
        ViewSupport.keepSelection(pools, Pool::assetId, false, p -> {
            if (p != null) {
                viewModel.assetProperty().set(p.assetId());
            }
        });
    }

    @FXML private void start() { viewModel.monitor(true); }
    @FXML private void stop() { viewModel.monitor(false); }
    @FXML private void replenish() {
        if (!replenishButton.isDisabled()) {
            viewModel.replenish();
        }
    }
}
