package dev.opsdeck.backend.chain.indexer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One row of {@code blockchain_events}: the emitted event, its position, and what the decoder made of it.
 *
 * @param eventIndex position among the indexed contracts' events of its transaction (spec 0.9's EMITTED_EVENT
 *                   carries no index of its own); stable while the set of indexed contracts is unchanged
 * @param eventType  the event's name ({@code Staked}, {@code TradeExecuted}, ...) or {@code unknown}
 * @param subject    the validator, worker, trader or job the event is about, when the layout says so
 * @param amount     token amount in SAGE (18 decimals) or a score, when the layout has one
 * @param label      a small categorical value: order side, vote support, round outcome, failure reason
 */
public record IndexedEvent(long blockNumber, String blockHash, String transactionHash, int eventIndex,
                           String contractAddress, String eventType, List<String> keys, List<String> data,
                           Instant blockTime, String subject, BigDecimal amount, String label, String topic) {
}
