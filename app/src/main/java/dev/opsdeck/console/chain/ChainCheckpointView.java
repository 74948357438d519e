package dev.opsdeck.console.chain;

import dev.opsdeck.console.shell.ScreenContext;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/** Controller of ChainCheckpoint.fxml: the latest checkpoint, sign one now, verify the audit log. */
public final class ChainCheckpointView {
    private final CheckpointViewModel viewModel;
    private final ScreenContext context;

    @FXML private Label latest;
    @FXML private Button create;
    @FXML private Button verify;
    @FXML private Label result;

    public ChainCheckpointView(CheckpointViewModel viewModel, ScreenContext context) {
        this.viewModel = viewModel;
        this.context = context;
    }

    public Parent load() {
        return context.resources().loadView("ChainCheckpoint.fxml", this);
    }

    @FXML
    private void initialize() {
        latest.textProperty().bind(viewModel.latestProperty());
        result.textProperty().bind(viewModel.resultProperty());
        viewModel.outcomeProperty().addListener((obs, old, now) -> {
            result.getStyleClass().removeAll("ok", "broken");
            if (now != CheckpointViewModel.Outcome.NONE) {
                result.getStyleClass().add(now == CheckpointViewModel.Outcome.OK ? "ok" : "broken");
            }
        });
        for (Button b : new Button[] {create, verify}) {
            b.disableProperty().bind(context.session().adminProperty().not().or(viewModel.busyProperty()));
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(context.session().adminOnlyReason());
            b.setTooltip(tip);
        }
    }

    @FXML
    private void create() {
        viewModel.create();
    }

    @FXML
    private void verify() {
        viewModel.verify();
    }
}
