package dev.opsdeck.backend.chain.indexer;

import dev.opsdeck.backend.chain.rpc.BlockHeader;

import java.util.List;

/**
 * One fetched block range, checked to be a single consistent branch: the tip did not change while fetching,
 * every event's block hash matches its block's header, and the first block extends what was indexed before.
 *
 * @param headers headers of the range's first and last block and of every block with events
 */
public record Batch(long from, BlockHeader tip, List<BlockHeader> headers, List<IndexedEvent> events) {
}
