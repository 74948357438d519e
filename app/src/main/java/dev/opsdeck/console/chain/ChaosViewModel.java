package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;

import java.text.MessageFormat;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * Demo chaos on the embedded devnet: reorganise its newest N blocks or make it answer 503 for T seconds, so the
 * reorg markers, the lag and the provider reconnect have something to show. Hidden when there is no devnet.
 */
public final class ChaosViewModel {
    private final ChainApi api;
    private final UiExecutor ui;
    private final UnaryOperator<String> text;
    private final IntegerProperty depth = new SimpleIntegerProperty(this, "depth", 3);
    private final IntegerProperty outageSeconds = new SimpleIntegerProperty(this, "outageSeconds", 10);
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private Runnable afterAction = () -> { };

    public ChaosViewModel(ChainApi api, UiExecutor ui, UnaryOperator<String> text) {
        this.api = api;
        this.ui = ui;
        this.text = text;
    }

    /** Runs after a chaos action answered (re-read the status to show its effect sooner). */
    public void afterAction(Runnable r) { this.afterAction = r; }

    /** Asks whether the backend runs a demo devnet at all. */
    public void probe() {
        ui.submit(api::devnet, n -> available.set(true),
                e -> available.set(!(e instanceof ApiException a) || a.status() != 404));
    }

    /** Reorganises the newest {@link #depthProperty() depth} blocks of the devnet. */
    public void reorg() {
        int d = depth.get();
        run(() -> api.reorg(d), n -> MessageFormat.format(text.apply("chain.chaos.reorged"), d, n.path("fork_block").asText()));
    }

    /** Makes the devnet answer 503 for {@link #outageSecondsProperty() seconds}; 0 ends an outage. */
    public void outage() {
        int s = outageSeconds.get();
        run(() -> api.outage(s), n -> s == 0 ? text.apply("chain.chaos.outageEnded")
                : MessageFormat.format(text.apply("chain.chaos.outage"), s));
    }

    private void run(Callable<JsonNode> call, java.util.function.Function<JsonNode, String> words) {
        busy.set(true);
        ui.submit(call, n -> {
            busy.set(false);
            message.set(words.apply(n));
            afterAction.run();
        }, e -> {
            busy.set(false);
            message.set(Errors.words(e));
        });
    }

    /** Blocks to reorganise (1..64, the devnet checks). */
    public IntegerProperty depthProperty() { return depth; }

    /** Outage length in seconds (0 ends one). */
    public IntegerProperty outageSecondsProperty() { return outageSeconds; }

    /** Whether the backend has a demo devnet. */
    public ReadOnlyBooleanProperty availableProperty() { return available.getReadOnlyProperty(); }

    /** True while an action is in flight. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** The outcome of the last action in words. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public String getMessage() { return message.get(); }
}
