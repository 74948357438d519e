package dev.opsdeck.backend.chain.rpc;

import java.time.Instant;
import java.util.List;

/** What the indexer needs of {@code BLOCK_WITH_TX_HASHES}: identity, parent link, time and transactions. */
public record BlockHeader(long number, String hash, String parentHash, Instant timestamp, List<String> transactions) {
}
