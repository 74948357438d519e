package dev.opsdeck.backend.chain.rpc;

import java.util.List;

/**
 * The spec's {@code EVENT_FILTER}: block range, one emitting contract, and keys by position
 * (an empty inner list matches any value). Null fields are left out of the request.
 */
public record EventFilter(BlockId fromBlock, BlockId toBlock, String address, List<List<String>> keys) {
    public static EventFilter range(long from, long to, String address) {
        return new EventFilter(BlockId.number(from), BlockId.number(to), address, null);
    }
}
