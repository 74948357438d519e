package dev.opsdeck.console.status;

import dev.opsdeck.console.fx.Resources;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Controller of StatusBar.fxml: binds the connection status to words, a coloured dot and the latency. */
public final class StatusBar {
    private final ConnectionStatusViewModel status;
    private final Runnable retry;
    private final Resources resources;

    @FXML private Label environment;
    @FXML private Circle stateDot;
    @FXML private Label state;
    @FXML private Label reason;
    @FXML private Hyperlink retryLink;
    @FXML private Label latency;
    @FXML private Label liveState;

    public StatusBar(ConnectionStatusViewModel status, Runnable retry, Resources resources) {
        this.status = status;
        this.retry = retry;
        this.resources = resources;
    }

    /** Loads the view and binds it. */
    public HBox load() {
        return resources.loadView("StatusBar.fxml", this);
    }

    @FXML
    private void initialize() {
        environment.textProperty().bind(status.environmentNameProperty());
        state.textProperty().bind(Bindings.createStringBinding(
                () -> resources.text("state." + status.getState().id()), status.stateProperty()));
        status.stateProperty().addListener((obs, old, now) -> styleDot(old, now));
        styleDot(null, status.getState());
        reason.textProperty().bind(status.messageProperty());
        // A long reason is cut with an ellipsis in the bar; the tooltip keeps every word reachable.
        Tooltip fullReason = new Tooltip();
        fullReason.textProperty().bind(status.messageProperty());
        reason.setTooltip(fullReason);
        reason.visibleProperty().bind(status.messageProperty().isNotEmpty());
        reason.managedProperty().bind(reason.visibleProperty());
        // Retrying by hand only makes sense once a probe has failed; during start-up it would race the start.
        retryLink.visibleProperty().bind(status.consecutiveFailuresProperty().greaterThan(0));
        retryLink.managedProperty().bind(retryLink.visibleProperty());
        liveState.textProperty().bind(Bindings.createStringBinding(this::liveText,
                status.liveStateProperty(), status.liveNextAttemptProperty()));
        Tooltip liveReason = new Tooltip();
        liveReason.textProperty().bind(status.liveReasonProperty());
        liveState.setTooltip(liveReason);
        status.liveStateProperty().addListener((obs, old, now) -> {
            liveState.getStyleClass().remove("live-" + old.id());
            liveState.getStyleClass().add("live-" + now.id());
        });
        liveState.getStyleClass().add("live-" + status.getLiveState().id());
        latency.textProperty().bind(Bindings.createStringBinding(() -> {
            Long ms = status.getLatencyMillis();
            return ms == null ? resources.text("status.latency.unknown") : MessageFormat.format(resources.text("status.latency"), String.valueOf(ms));
        }, status.latencyMillisProperty()));
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** "live", or "live feed reconnecting, next try 12:01:07": the user sees the feed is being worked on. */
    private String liveText() {
        Instant next = status.liveNextAttemptProperty().get();
        String words = resources.text("live." + status.getLiveState().id());
        return next == null ? words : MessageFormat.format(resources.text("live.nextAttempt"), words, TIME.format(next));
    }

    @FXML
    private void retryNow() {
        retry.run();
    }

    private void styleDot(ConnectionState old, ConnectionState now) {
        if (old != null) {
            stateDot.getStyleClass().remove(old.id());
        }
        stateDot.getStyleClass().add(now.id());
        // Progress ("starting embedded backend…") reads as information; only a failure reason is in danger colour.
        boolean problem = now == ConnectionState.RECONNECTING || now == ConnectionState.OFFLINE;
        reason.getStyleClass().removeAll("status-reason", "muted");
        reason.getStyleClass().add(problem ? "status-reason" : "muted");
    }
}
