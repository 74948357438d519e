package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A chain reorganisation the indexer rewound, from a {@code chain.reorg} live event.
 *
 * @param at        when the backend saw it
 * @param oldTip    the indexed tip before the rewind
 * @param forkBlock the last block both branches share
 * @param depth     blocks rewound
 * @param orphaned  indexed events dropped with the old branch
 */
public record Reorg(Instant at, long oldTip, long forkBlock, long depth, long orphaned) {

    static Reorg from(JsonNode event, Instant fallback) {
        JsonNode d = event.path("data");
        Instant ts = JsonFields.instant(event, "ts");
        return new Reorg(ts == null ? fallback : ts, d.path("old_tip").asLong(), d.path("fork_block").asLong(),
                d.path("depth").asLong(), d.path("orphaned_events").asLong());
    }
}
