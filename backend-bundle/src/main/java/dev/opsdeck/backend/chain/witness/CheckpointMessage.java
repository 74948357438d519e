package dev.opsdeck.backend.chain.witness;

import java.nio.charset.StandardCharsets;

/** What a checkpoint signs: a versioned statement that the audit chain's entry {@code id} has hash {@code hash}. */
final class CheckpointMessage {
    private CheckpointMessage() {
    }

    static byte[] of(long entryId, String entryHash) {
        return ("opsdeck-audit-checkpoint:v1:" + entryId + ":" + entryHash).getBytes(StandardCharsets.UTF_8);
    }
}
