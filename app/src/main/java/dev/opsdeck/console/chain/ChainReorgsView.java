package dev.opsdeck.console.chain;

import dev.opsdeck.console.shell.ScreenContext;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/** Controller of ChainReorgs.fxml: the reorg list and the demo devnet's chaos controls. */
public final class ChainReorgsView {
    private final ReorgsViewModel reorgsModel;
    private final ChaosViewModel chaos;
    private final ScreenContext context;

    @FXML private TableView<Reorg> reorgs;
    @FXML private TableColumn<Reorg, String> atColumn;
    @FXML private TableColumn<Reorg, Long> depthColumn;
    @FXML private TableColumn<Reorg, Long> forkColumn;
    @FXML private TableColumn<Reorg, Long> oldTipColumn;
    @FXML private TableColumn<Reorg, Long> orphanedColumn;
    @FXML private VBox chaosBox;
    @FXML private Spinner<Integer> depth;
    @FXML private Spinner<Integer> seconds;
    @FXML private Button reorgButton;
    @FXML private Button outageButton;
    @FXML private Label message;
    @FXML private VBox confirmBox;
    @FXML private Label confirmText;
    @FXML private Button confirmButton;
    /** The chaos action waiting for its confirmation; null when none. */
    private Runnable pending;

    public ChainReorgsView(ReorgsViewModel reorgs, ChaosViewModel chaos, ScreenContext context) {
        this.reorgsModel = reorgs;
        this.chaos = chaos;
        this.context = context;
    }

    public Parent load() {
        return context.resources().loadView("ChainReorgs.fxml", this);
    }

    @FXML
    private void initialize() {
        reorgs.setItems(reorgsModel.reorgs());
        reorgs.setPlaceholder(wrapped(context.resources().text("chain.reorgs.empty")));
        Cells.value(atColumn, r -> Cells.time(r.at()));
        Cells.value(depthColumn, Reorg::depth);
        Cells.value(forkColumn, Reorg::forkBlock);
        Cells.value(oldTipColumn, Reorg::oldTip);
        Cells.value(orphanedColumn, Reorg::orphaned);

        chaosBox.visibleProperty().bind(chaos.availableProperty());
        chaosBox.managedProperty().bind(chaosBox.visibleProperty());
        SpinnerValueFactory.IntegerSpinnerValueFactory d = new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 64);
        d.valueProperty().bindBidirectional(chaos.depthProperty().asObject());
        depth.setValueFactory(d);
        SpinnerValueFactory.IntegerSpinnerValueFactory s = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 3600);
        s.valueProperty().bindBidirectional(chaos.outageSecondsProperty().asObject());
        seconds.setValueFactory(s);
        for (Button b : new Button[] {reorgButton, outageButton}) {
            b.disableProperty().bind(context.session().adminProperty().not().or(chaos.busyProperty()));
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(context.session().adminOnlyReason());
            b.setTooltip(tip);
        }
        message.textProperty().bind(chaos.messageProperty());
        showConfirm(false);
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }

    /** Chaos breaks the demo on purpose, but never by a stray click: each action is confirmed inline first. */
    @FXML
    private void reorg() {
        depth.increment(0); // commits a typed value before it is read
        ask(java.text.MessageFormat.format(context.resources().text("chain.chaos.confirmReorg"), depth.getValue()), chaos::reorg);
    }

    @FXML
    private void outage() {
        seconds.increment(0);
        ask(java.text.MessageFormat.format(context.resources().text("chain.chaos.confirmOutage"), seconds.getValue()), chaos::outage);
    }

    private void ask(String question, Runnable action) {
        pending = action;
        confirmText.setText(question);
        showConfirm(true);
        confirmButton.requestFocus(); // Enter confirms, Escape cancels
    }

    @FXML
    private void confirm() {
        Runnable action = pending;
        showConfirm(false);
        if (action != null) {
            action.run();
        }
    }

    @FXML
    private void cancel() {
        showConfirm(false);
    }

    private void showConfirm(boolean show) {
        if (!show) {
            pending = null;
        }
        confirmBox.setVisible(show);
        confirmBox.setManaged(show);
    }
}
