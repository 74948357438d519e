package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One indexed event of {@code GET /api/chain/events}.
 *
 * @param id       stable id in the index (newest is highest)
 * @param block    block number
 * @param contract contract address
 * @param type     decoded event name, e.g. {@code Staked}
 * @param subject  address the event is about, {@code null} when none
 * @param amount   decoded amount, {@code null} when the event has none
 * @param tx       transaction hash
 * @param time     block time
 */
public record ChainEvent(long id, long block, String contract, String type, String subject, Double amount, String tx,
                         Instant time) {

    static ChainEvent from(JsonNode n) {
        Long block = JsonFields.whole(n, "block_number");
        return new ChainEvent(n.path("id").asLong(), block == null ? 0 : block, JsonFields.text(n, "contract_address"),
                JsonFields.text(n, "event_type"), JsonFields.text(n, "subject"), JsonFields.number(n, "amount"),
                JsonFields.text(n, "transaction_hash"), JsonFields.instant(n, "block_time"));
    }
}
