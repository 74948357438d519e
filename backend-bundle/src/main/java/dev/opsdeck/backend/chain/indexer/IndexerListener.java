package dev.opsdeck.backend.chain.indexer;

/** What the indexer tells the rest of the backend: committed ranges (for events and metrics) and reorgs. */
public interface IndexerListener {
    void indexed(Batch batch);

    void reorg(long oldTip, long forkBlock, int orphanedEvents);

    IndexerListener NONE = new IndexerListener() {
        @Override
        public void indexed(Batch batch) {
        }

        @Override
        public void reorg(long oldTip, long forkBlock, int orphanedEvents) {
        }
    };
}
