package dev.opsdeck.backend.chain.indexer;

/**
 * The chain changed under a fetch: either the range does not extend the indexed tip ({@link #parentMismatch},
 * a reorg below it) or it changed while being read (retry the range).
 */
public final class ChainMoved extends RuntimeException {
    private final boolean parentMismatch;

    public ChainMoved(String message, boolean parentMismatch) {
        super(message);
        this.parentMismatch = parentMismatch;
    }

    public boolean parentMismatch() {
        return parentMismatch;
    }
}
