package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/chain/status}: where the indexer is, where the chain is, its providers and the latest checkpoint.
 *
 * @param indexedBlock       last block indexed; {@code null} before the first sync
 * @param chainHead          newest block the providers report; {@code null} before the first sync
 * @param lagSeconds         chain head time minus indexed block time
 * @param indexerState       {@code up}, {@code down}, {@code starting}, {@code stopped}
 * @param indexerError       why the indexer is failing, {@code null} when it is not
 * @param providers          RPC providers in the backend's order
 * @param checkpointEntry    audit entry id covered by the latest signed checkpoint, {@code null} when none
 * @param checkpointAt       when that checkpoint was signed
 * @param checkpointTx       its on-chain transaction, {@code null} when not published
 * @param witnessEnabled     whether checkpoints can be signed at all
 */
public record ChainStatus(Long indexedBlock, Long chainHead, double lagSeconds, String indexerState, String indexerError,
                          List<Provider> providers, Long checkpointEntry, Instant checkpointAt, String checkpointTx,
                          boolean witnessEnabled) {

    static ChainStatus from(JsonNode n) {
        JsonNode indexer = n.path("indexer");
        JsonNode details = indexer.path("details");
        Long indexed = JsonFields.whole(details, "indexed_block");
        if (indexed == null) {
            // The indexer's own numbers appear after its first sync in this process; the stored state survives restarts.
            indexed = JsonFields.whole(n.path("state"), "last_block");
        }
        List<Provider> providers = new ArrayList<>();
        n.path("providers").forEach(p -> providers.add(Provider.from(p)));
        JsonNode cp = n.path("checkpoint");
        Double lag = JsonFields.number(n, "lag_seconds");
        return new ChainStatus(indexed, JsonFields.whole(details, "chain_head"), lag == null ? 0 : lag,
                JsonFields.text(indexer, "state"), JsonFields.text(indexer, "last_error"), List.copyOf(providers),
                JsonFields.whole(cp, "audit_entry_id"), JsonFields.instant(cp, "created_at"), JsonFields.text(cp, "chain_tx_hash"),
                n.path("witness_enabled").asBoolean(false));
    }
}
