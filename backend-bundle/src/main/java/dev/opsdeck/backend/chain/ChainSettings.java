package dev.opsdeck.backend.chain;

import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.ConfigException;
import dev.opsdeck.backend.api.Profile;
import dev.opsdeck.backend.chain.indexer.ChainIndexer;
import dev.opsdeck.backend.chain.indexer.ContractRole;
import dev.opsdeck.backend.chain.rpc.Felt;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The chain settings of the validator dashboard guide ({@code STARKNET_RPC_URL}, {@code ENABLE_INDEXER},
 * {@code INDEXER_POLL_MS}, the five contract addresses) plus the knobs of this indexer and the checkpoint
 * witness. Parsed once at start; a bad value stops the start with the variable named.
 */
public record ChainSettings(List<URI> rpcUrls, boolean indexerEnabled, long pollMs, long backoffMaxMs, int batchBlocks,
                            int chunkSize, int eventsPerTransaction, long startBlock, int maxReorgDepth, long rpcTimeoutMs,
                            Map<ContractRole, String> contracts, long checkpointIntervalMs, String checkpointKey) {
    /** The guide's public Sepolia endpoint, used when nothing else is configured. */
    public static final String GUIDE_RPC_URL = "https://rpc.starknet-testnet.lava.build";

    public static ChainSettings from(BackendConfig c) {
        boolean demo = c.profile() == Profile.DEMO;
        List<URI> urls = new ArrayList<>();
        for (String part : c.setting("STARKNET_RPC_URL").orElse(GUIDE_RPC_URL).split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                URI u = URI.create(part.trim());
                if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                    throw new IllegalArgumentException("not an http(s) URL");
                }
                urls.add(u);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("STARKNET_RPC_URL", "'" + part.trim() + "' is not an http(s) URL");
            }
        }
        if (urls.isEmpty()) {
            throw new ConfigException("STARKNET_RPC_URL", "lists no URL");
        }
        Map<ContractRole, String> contracts = new EnumMap<>(ContractRole.class);
        for (ContractRole r : ContractRole.values()) {
            String v = c.setting(r.variable()).orElse(r.sepoliaDefault());
            if (v == null) {
                continue;
            }
            try {
                contracts.put(r, Felt.of(v));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(r.variable(), e.getMessage());
            }
        }
        return new ChainSettings(List.copyOf(urls), c.flag("ENABLE_INDEXER", demo),
                c.number("INDEXER_POLL_MS", 3000, 10, 3_600_000),
                c.number("INDEXER_BACKOFF_MAX_MS", 60_000, 10, 3_600_000),
                (int) c.number("INDEXER_BATCH_BLOCKS", 200, 1, 100_000),
                (int) c.number("INDEXER_CHUNK_SIZE", 1000, 1, 1024),
                (int) c.number("INDEXER_EVENTS_PER_TX", ChainIndexer.DEFAULT_EVENTS_PER_TRANSACTION, 1, 1_000_000),
                c.number("INDEXER_START_BLOCK", 0, 0, Long.MAX_VALUE / 2),
                (int) c.number("INDEXER_MAX_REORG_DEPTH", 1000, 1, 1_000_000),
                c.number("STARKNET_RPC_TIMEOUT_MS", 10_000, 50, 600_000),
                Collections.unmodifiableMap(contracts),
                c.number("CHECKPOINT_INTERVAL_MS", demo ? 60_000 : 300_000, 100, 86_400_000),
                c.setting("CHECKPOINT_SIGNING_KEY").orElse(null));
    }

    /** The same settings pointed at other RPC URLs and contracts (the demo devnet fills these in). */
    public ChainSettings withDevnet(String url, Map<ContractRole, String> devnetContracts) {
        Map<ContractRole, String> merged = new EnumMap<>(ContractRole.class);
        merged.putAll(contracts);
        merged.putAll(devnetContracts);
        return new ChainSettings(List.of(URI.create(url)), indexerEnabled, pollMs, backoffMaxMs, batchBlocks, chunkSize,
                eventsPerTransaction, startBlock, maxReorgDepth, rpcTimeoutMs, Collections.unmodifiableMap(merged), checkpointIntervalMs, checkpointKey);
    }
}
