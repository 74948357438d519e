package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.fx.Cancellable;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reorgs the indexer rewound, newest first: the backend's record ({@code GET /api/chain/reorgs}) read when the
 * page is shown, then {@code chain.reorg} live events. A reorg is reported to {@link #onNew} once, whichever
 * way it arrived first, so the height chart gets one marker per reorg.
 */
public final class ReorgsViewModel {
    static final int KEEP = 200;

    private final ChainApi api;
    private final UiExecutor ui;
    private final Clock clock;
    private final ObservableList<Reorg> reorgs = FXCollections.observableArrayList();
    private final Set<String> seen = new HashSet<>();
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total");
    private Consumer<Reorg> onNew = r -> { };
    private Cancellable loading = Cancellable.NONE;

    public ReorgsViewModel(ChainApi api, UiExecutor ui, Clock clock) {
        this.api = api;
        this.ui = ui;
        this.clock = clock;
    }

    /** Called with each reorg seen for the first time (from the record or live). */
    public void onNew(Consumer<Reorg> c) {
        this.onNew = c;
    }

    /** Reads the backend's record of reorgs; a backend without one (404) leaves the live ones. */
    public void load() {
        loading.cancel();
        loading = ui.submit(() -> api.reorgs(KEEP), answer -> {
            for (JsonNode r : answer.path("reorgs")) {
                add(Reorg.fromRecord(r, clock.instant()));
            }
            // The record holds every rewind (the list keeps the newest KEEP); live ones it already counts are in it.
            total.set(Math.max(total.get(), answer.path("total").asLong(reorgs.size())));
        }, e -> { });
    }

    public void stop() {
        loading.cancel();
    }

    /** A {@code chain.reorg} live event. */
    public void accept(JsonNode event) {
        add(Reorg.from(event, clock.instant()));
    }

    private void add(Reorg r) {
        if (!seen.add(r.key())) {
            return;
        }
        total.set(total.get() + 1);
        reorgs.add(r);
        reorgs.sort(Comparator.comparing(Reorg::at).reversed());
        if (reorgs.size() > KEEP) {
            reorgs.remove(KEEP, reorgs.size());
        }
        onNew.accept(r);
    }

    /** How many reorgs the backend recorded (plus live ones since it was read). */
    public ReadOnlyLongProperty totalProperty() { return total.getReadOnlyProperty(); }

    /** Reorgs seen, newest first. */
    public ObservableList<Reorg> reorgs() { return reorgs; }
}
