package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A chain reorganisation the indexer rewound, from a {@code chain.reorg} live event or the backend's record.
 *
 * @param at        when the backend saw it
 * @param oldTip    the indexed tip before the rewind
 * @param forkBlock the last block both branches share
 * @param depth     blocks rewound
 * @param orphaned  indexed events dropped with the old branch
 */
public record Reorg(Instant at, long oldTip, long forkBlock, long depth, long orphaned) {

    /** A row of {@code GET /api/chain/reorgs}. */
    static Reorg fromRecord(JsonNode r, Instant fallback) {
        Instant at = JsonFields.instant(r, "detected_at");
        return new Reorg(at == null ? fallback : at, r.path("old_tip").asLong(), r.path("fork_block").asLong(),
                r.path("depth").asLong(), r.path("orphaned_events").asLong());
    }

    /** The same rewind, whether it came live or from the record (their times differ by the publishing delay). */
    String key() {
        return oldTip + "/" + forkBlock + "/" + depth + "/" + orphaned;
    }

    static Reorg from(JsonNode event, Instant fallback) {
        JsonNode d = event.path("data");
        Instant ts = JsonFields.instant(event, "ts");
        return new Reorg(ts == null ? fallback : ts, d.path("old_tip").asLong(), d.path("fork_block").asLong(),
                d.path("depth").asLong(), d.path("orphaned_events").asLong());
    }
}
