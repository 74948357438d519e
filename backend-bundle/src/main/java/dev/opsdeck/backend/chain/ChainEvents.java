package dev.opsdeck.backend.chain;

import dev.opsdeck.backend.chain.indexer.Batch;
import dev.opsdeck.backend.chain.indexer.IndexedEvent;
import dev.opsdeck.backend.chain.indexer.IndexerListener;
import dev.opsdeck.backend.platform.events.EventBus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes what the indexer commits: decoded domain events on their topics ({@code staking}, {@code trading},
 * {@code governance}, {@code jobs}, {@code chain}) for live ranges, a progress summary for catch-up ranges (a
 * catch-up of a million events must not flood the WebSocket), and reorgs.
 */
final class ChainEvents implements IndexerListener {
    /** Above this many events a range is catch-up: one summary instead of one message per event. */
    private static final int LIVE_LIMIT = 200;
    private final EventBus bus;
    private volatile ChainMetrics metrics;

    ChainEvents(EventBus bus) {
        this.bus = bus;
    }

    void metrics(ChainMetrics m) {
        this.metrics = m;
    }

    @Override
    public void indexed(Batch batch) {
        if (metrics != null) {
            metrics.changed();
        }
        if (batch.events().size() <= LIVE_LIMIT) {
            for (IndexedEvent e : batch.events()) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("event", e.eventType());
                d.put("contract", e.contractAddress());
                d.put("subject", e.subject());
                d.put("amount", e.amount());
                d.put("label", e.label());
                d.put("block_number", e.blockNumber());
                d.put("transaction_hash", e.transactionHash());
                bus.publish(e.topic(), "chain." + e.eventType(), d);
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("from_block", batch.from());
        p.put("to_block", batch.tip().number());
        p.put("block_hash", batch.tip().hash());
        p.put("events", batch.events().size());
        bus.publish("chain", "indexer.progress", p);
    }

    @Override
    public void reorg(long oldTip, long forkBlock, int orphanedEvents) {
        if (metrics != null) {
            metrics.reorg();
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("old_tip", oldTip);
        d.put("fork_block", forkBlock);
        d.put("depth", oldTip - forkBlock);
        d.put("orphaned_events", orphanedEvents);
        bus.publish("chain", "chain.reorg", d);
    }
}
