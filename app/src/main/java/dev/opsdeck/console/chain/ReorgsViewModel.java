package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.fx.Cancellable;
import dev.opsdeck.console.fx.UiExecutor;
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
        reorgs.add(r);
        reorgs.sort(Comparator.comparing(Reorg::at).reversed());
        if (reorgs.size() > KEEP) {
            reorgs.remove(KEEP, reorgs.size());
        }
        onNew.accept(r);
    }

    /** Reorgs seen, newest first. */
    public ObservableList<Reorg> reorgs() { return reorgs; }
}
