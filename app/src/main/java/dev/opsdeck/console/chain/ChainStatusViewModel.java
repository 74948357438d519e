package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Clock;
import java.time.Duration;

/**
 * Indexed height, chain head and lag: polled from {@code /api/chain/status} and moved ahead between polls by the
 * indexer's live progress events, so the height on screen follows the chain within a block.
 */
public final class ChainStatusViewModel {
    static final Duration INTERVAL = Duration.ofSeconds(2);

    /** Receives one point per observation for the height and lag charts. */
    @FunctionalInterface
    public interface HeightListener {
        void height(long epochMillis, long indexed, Long head, double lagSeconds);
    }

    private final Clock clock;
    private final Poller<ChainStatus> poller;
    private final ReadOnlyObjectWrapper<ChainStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyObjectWrapper<Long> indexedBlock = new ReadOnlyObjectWrapper<>(this, "indexedBlock");
    private final ReadOnlyObjectWrapper<Long> chainHead = new ReadOnlyObjectWrapper<>(this, "chainHead");
    private final ReadOnlyDoubleWrapper lagSeconds = new ReadOnlyDoubleWrapper(this, "lagSeconds");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private HeightListener listener = (t, i, h, l) -> { };

    public ChainStatusViewModel(ChainApi api, UiExecutor ui, Clock clock) {
        this.clock = clock;
        this.poller = new Poller<>(ui, INTERVAL, () -> ChainStatus.from(api.status()), this::show,
                e -> error.set(Errors.words(e)));
    }

    public void start() { poller.start(); }

    public void stop() { poller.stop(); }

    /** Polls at once, e.g. after a reorg or a reconnect. */
    public void refresh() { poller.now(); }

    public void onHeight(HeightListener l) { this.listener = l; }

    /** An {@code indexer.progress} live event: the indexer committed a range up to {@code to_block}. */
    public void progress(JsonNode event) {
        long to = event.path("data").path("to_block").asLong(-1);
        if (to < 0) {
            return;
        }
        indexedBlock.set(to);
        if (chainHead.get() != null && chainHead.get() < to) {
            chainHead.set(to); // the head is at least what was just indexed
        }
        listener.height(clock.millis(), to, chainHead.get(), lagSeconds.get());
    }

    private void show(ChainStatus s) {
        error.set("");
        status.set(s);
        chainHead.set(s.chainHead());
        lagSeconds.set(s.lagSeconds());
        indexedBlock.set(s.indexedBlock());
        if (s.indexedBlock() != null) {
            listener.height(clock.millis(), s.indexedBlock(), s.chainHead(), s.lagSeconds());
        }
    }

    /** The last status answer; {@code null} before the first. */
    public ReadOnlyObjectProperty<ChainStatus> statusProperty() { return status.getReadOnlyProperty(); }

    /** Last indexed block; {@code null} before the first sync. */
    public ReadOnlyObjectProperty<Long> indexedBlockProperty() { return indexedBlock.getReadOnlyProperty(); }
    public Long getIndexedBlock() { return indexedBlock.get(); }

    /** Chain head the providers report; {@code null} before the first sync. */
    public ReadOnlyObjectProperty<Long> chainHeadProperty() { return chainHead.getReadOnlyProperty(); }

    /** Seconds between the chain head's time and the indexed block's time. */
    public ReadOnlyDoubleProperty lagSecondsProperty() { return lagSeconds.getReadOnlyProperty(); }

    /** Why the last status read failed; empty when it succeeded. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public String getError() { return error.get(); }
}
