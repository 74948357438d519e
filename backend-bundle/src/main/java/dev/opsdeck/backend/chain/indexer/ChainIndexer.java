package dev.opsdeck.backend.chain.indexer;

import dev.opsdeck.backend.chain.ChainRepository;
import dev.opsdeck.backend.chain.ChainRepository.IndexState;
import dev.opsdeck.backend.chain.rpc.BlockHeader;
import dev.opsdeck.backend.chain.rpc.BlockId;
import dev.opsdeck.backend.chain.rpc.RpcUnavailableException;
import dev.opsdeck.backend.chain.rpc.StarknetClient;
import dev.opsdeck.backend.chain.rpc.StarknetRpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Brings the index up to the chain head: range by range while catching up, with reorg handling. The index
 * ({@code blockchain_events}, {@code chain_blocks}, {@code indexer_state}) only ever moves by whole committed
 * ranges, so a stop or crash at any point resumes from the last committed block with nothing missing or doubled.
 */
public final class ChainIndexer {
    private static final Logger log = LoggerFactory.getLogger(ChainIndexer.class);
    private static final int MAX_RETRIES = 20;
    /**
     * Events per transaction while catching up. H2 writes a transaction's pages out again and again once its
     * unsaved changes pass the store's write buffer: 10,000 events in one commit indexed at 9,810 events/s,
     * parts of about 1,000 at 16,000+ (CatchUpBenchmark, docs/BENCHMARKS.md). PostgreSQL does not mind either way.
     */
    public static final int DEFAULT_EVENTS_PER_TRANSACTION = 1_000;

    private final StarknetClient client;
    private final ChainRepository repo;
    private final BatchFetcher fetcher;
    private final IndexerListener listener;
    private final Clock clock;
    private final int batchBlocks;
    private final long startBlock;
    private final int maxReorgDepth;
    private final int eventsPerTransaction;
    private boolean bloomsBackfilled;

    public ChainIndexer(StarknetClient client, ChainRepository repo, BatchFetcher fetcher, IndexerListener listener, Clock clock,
                        int batchBlocks, long startBlock, int maxReorgDepth, int eventsPerTransaction) {
        this.eventsPerTransaction = eventsPerTransaction;
        this.client = client;
        this.repo = repo;
        this.fetcher = fetcher;
        this.listener = listener;
        this.clock = clock;
        this.batchBlocks = batchBlocks;
        this.startBlock = startBlock;
        this.maxReorgDepth = maxReorgDepth;
    }

    /** What one sync achieved. */
    public record SyncResult(long indexedBlock, long headBlock, Instant indexedTime, Instant headTime, long events, int reorgs) {
    }

    /**
     * Indexes up to the current head (or until {@code stop} says so between ranges).
     *
     * @throws RpcUnavailableException when no provider answers
     * @throws IllegalStateException   when the providers serve another chain than the index holds, or a reorg is too deep
     */
    public SyncResult syncOnce(BooleanSupplier stop) {
        if (!bloomsBackfilled) {
            // Once per process: ranges indexed before subject filters existed get theirs (a no-op afterwards).
            int written = repo.backfillSubjectBlooms();
            if (written > 0) {
                log.info("wrote subject filters for {} block range(s) indexed before they existed", written);
            }
            bloomsBackfilled = true;
        }
        String chainId = client.chainId();
        IndexState state = repo.state().orElse(new IndexState(chainId, startBlock - 1, null, null));
        if (state.chainId() != null && !state.chainId().equals(chainId)) {
            throw new IllegalStateException("the RPC providers serve chain " + chainId + " but the index holds chain " + state.chainId()
                    + "; point STARKNET_RPC_URL at the right network or start from an empty database");
        }
        long events = 0;
        int reorgs = 0;
        int retries = 0;
        StarknetClient.BlockRef head = client.blockHashAndNumber();
        // While catching up, the next range is fetched while this one is stored: the two halves of the work
        // overlap instead of adding up. The prefetch names the parent it expects, so it is checked like any fetch.
        ExecutorService prefetcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chain-indexer-prefetch");
            t.setDaemon(true);
            return t;
        });
        Future<Batch> next = null;
        long nextFrom = -1;
        try {
            while (!stop.getAsBoolean()) {
                if (state.lastBlock() >= startBlock && state.lastBlock() >= head.number()) {
                    // At (or, after a reorg to a shorter branch, above) the head: is our tip still on the chain?
                    if (!tipStillCanonical(state)) {
                        state = reorg(chainId, state);
                        reorgs++;
                        head = client.blockHashAndNumber();
                        continue;
                    }
                    break;
                }
                long from = state.lastBlock() + 1;
                long to = Math.min(head.number(), from + batchBlocks - 1);
                try {
                    Batch batch;
                    if (next != null && nextFrom == from) {
                        batch = await(next);
                    } else {
                        batch = fetcher.fetch(from, to, state.lastHash());
                    }
                    next = null;
                    long afterTip = batch.tip().number() + 1;
                    if (afterTip <= head.number()) {
                        long afterTo = Math.min(head.number(), afterTip + batchBlocks - 1);
                        String parent = batch.tip().hash();
                        nextFrom = afterTip;
                        next = prefetcher.submit(() -> fetcher.fetch(afterTip, afterTo, parent));
                    }
                    for (Batch part : batch.parts(eventsPerTransaction)) {
                        // Each part is whole blocks and moves indexer_state to its last one: a stop between parts
                        // resumes after that block with its hash as the expected parent.
                        repo.storeBatch(chainId, part.from(), part.tip(), part.headers(), part.events(), clock.instant());
                        events += part.events().size();
                        state = new IndexState(chainId, part.tip().number(), part.tip().hash(), part.tip().timestamp());
                    }
                    listener.indexed(batch);
                    retries = 0;
                } catch (ChainMoved moved) {
                    next = null;
                    if (++retries > MAX_RETRIES) {
                        throw new RpcUnavailableException("the chain kept changing while range " + from + ".." + to + " was read: " + moved.getMessage());
                    }
                    if (moved.parentMismatch()) {
                        state = reorg(chainId, state);
                        reorgs++;
                    }
                    head = client.blockHashAndNumber();
                }
            }
        } finally {
            prefetcher.shutdownNow();
        }
        Instant headTime = headTime(head, state);
        return new SyncResult(state.lastBlock(), head.number(), state.lastTime(), headTime, events, reorgs);
    }

    /** The prefetched range, with its failure rethrown as the fetch's own exception. */
    private static Batch await(Future<Batch> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcUnavailableException("interrupted while fetching", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Instant headTime(StarknetClient.BlockRef head, IndexState state) {
        if (head.number() == state.lastBlock()) {
            return state.lastTime();
        }
        try {
            return client.blockWithTxHashes(BlockId.number(head.number())).timestamp();
        } catch (StarknetRpcException e) {
            return state.lastTime();
        }
    }

    private boolean tipStillCanonical(IndexState state) {
        if (state.lastHash() == null) {
            return true;
        }
        try {
            return client.blockWithTxHashes(BlockId.number(state.lastBlock())).hash().equals(state.lastHash());
        } catch (StarknetRpcException e) {
            if (e.code() == StarknetRpcException.BLOCK_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Walks back over the known block hashes to the newest one the chain still has, and rewinds there. */
    private IndexState reorg(String chainId, IndexState state) {
        long oldTip = state.lastBlock();
        List<BlockHeader> known = repo.knownBlocks(oldTip, maxReorgDepth + 1);
        BlockHeader fork = null;
        for (BlockHeader b : known) {
            if (oldTip - b.number() > maxReorgDepth) {
                break;
            }
            if (canonicalHash(b.number()).equals(b.hash())) {
                fork = b;
                break;
            }
        }
        long forkBlock;
        if (fork != null) {
            forkBlock = fork.number();
        } else if (!known.isEmpty() && oldTip - known.get(known.size() - 1).number() < maxReorgDepth) {
            forkBlock = known.get(known.size() - 1).number() - 1; // older than anything we kept: start below it
        } else if (known.isEmpty()) {
            forkBlock = startBlock - 1;
        } else {
            throw new IllegalStateException("reorg deeper than INDEXER_MAX_REORG_DEPTH=" + maxReorgDepth + " below block " + oldTip
                    + "; the index needs a rebuild from an empty database");
        }
        forkBlock = Math.max(forkBlock, startBlock - 1);
        String forkHash = fork != null ? fork.hash() : null;
        Instant forkTime = fork != null ? fork.timestamp() : null;
        int orphaned = repo.rewind(chainId, oldTip, forkBlock, forkHash, forkTime, clock.instant());
        log.warn("chain reorganisation: rewound from block {} to fork point {} ({} orphaned events deleted)", oldTip, forkBlock, orphaned);
        listener.reorg(oldTip, forkBlock, orphaned);
        return new IndexState(chainId, forkBlock, forkHash, forkTime);
    }

    private String canonicalHash(long number) {
        try {
            return client.blockWithTxHashes(BlockId.number(number)).hash();
        } catch (StarknetRpcException e) {
            if (e.code() == StarknetRpcException.BLOCK_NOT_FOUND) {
                return "";
            }
            throw e;
        }
    }
}
