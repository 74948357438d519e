package dev.opsdeck.backend.chain.witness;

/** Puts a checkpoint on a chain; returns the transaction hash. Throws with the reason in words when it cannot. */
@FunctionalInterface
public interface CheckpointPublisher {
    String publish(long entryId, String entryHash, String signatureHex, String publicKeyHex);

    /** For networks where this backend has no account to send transactions from. */
    CheckpointPublisher NONE = (id, hash, sig, key) -> {
        throw new IllegalStateException("publishing needs CHECKPOINT_CONTRACT_ADDRESS on the demo devnet; the checkpoint is stored and signed only");
    };
}
