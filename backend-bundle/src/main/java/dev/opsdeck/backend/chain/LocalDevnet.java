package dev.opsdeck.backend.chain;

import dev.opsdeck.backend.chain.indexer.ContractRole;
import dev.opsdeck.backend.platform.BackendContext;
import dev.opsdeck.backend.platform.BackendModule;

import java.util.Map;

/**
 * A chain started inside this backend for the demo profile (the demo devnet). The chain domain only needs its
 * URL; the factory is passed in where modules are assembled, so this package does not depend on the demo one.
 */
public interface LocalDevnet extends BackendModule {
    /** JSON-RPC URL on loopback. */
    String rpcUrl();

    /** Address of the contract that records audit checkpoints on this chain. */
    String checkpointContract();

    /** Builds (and binds) a devnet emitting events from the given contracts. */
    @FunctionalInterface
    interface Factory {
        LocalDevnet create(BackendContext ctx, Map<ContractRole, String> contracts);
    }
}
