package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;

/**
 * Reorgs the indexer rewound while the page was open, newest first, from {@code chain.reorg} live events (the
 * backend keeps no reorg history to query: the metric {@code indexer_reorgs_total} only counts them).
 */
public final class ReorgsViewModel {
    static final int KEEP = 200;

    private final Clock clock;
    private final ObservableList<Reorg> reorgs = FXCollections.observableArrayList();

    public ReorgsViewModel(Clock clock) {
        this.clock = clock;
    }

    /** A {@code chain.reorg} event; returns the reorg it describes. */
    public Reorg accept(JsonNode event) {
        Reorg r = Reorg.from(event, clock.instant());
        reorgs.add(0, r);
        if (reorgs.size() > KEEP) {
            reorgs.remove(KEEP, reorgs.size());
        }
        return r;
    }

    /** Reorgs seen, newest first. */
    public ObservableList<Reorg> reorgs() { return reorgs; }
}
