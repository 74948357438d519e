package dev.opsdeck.backend.demo.devnet;

import dev.opsdeck.backend.chain.indexer.ContractRole;
import dev.opsdeck.backend.chain.rpc.Felt;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The devnet's chain: blocks with parent links, reorgs that replace the newest blocks with a longer different
 * branch, and pending events (checkpoints) that the next block includes. Thread-safe: block production, RPC
 * reads and admin reorgs may run at once.
 */
public final class DevnetChain {
    private static final BigInteger MASK_250 = BigInteger.ONE.shiftLeft(250).subtract(BigInteger.ONE);
    private static final int CACHE_BLOCKS = 512;

    private final List<DevnetBlock> blocks = new ArrayList<>();
    private final List<DevnetEvent> pending = new ArrayList<>();
    private final EventGenerator generator;
    private final Map<ContractRole, String> contracts;
    private final Clock clock;
    private final Map<String, List<DevnetEvent>> cache = Collections.synchronizedMap(new LinkedHashMap<>(CACHE_BLOCKS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<DevnetEvent>> e) {
            return size() > CACHE_BLOCKS;
        }
    });
    private long branch;
    private long reorgs;

    /**
     * @param contracts  the addresses events come from (the guide's five plus the checkpoint contract)
     * @param meanEvents events per block on average; {@code fixedCount} makes it exact
     */
    public DevnetChain(Map<ContractRole, String> contracts, int meanEvents, boolean fixedCount, Clock clock) {
        this.contracts = Map.copyOf(contracts);
        this.generator = new EventGenerator(this.contracts, meanEvents, fixedCount);
        this.clock = clock;
        blocks.add(new DevnetBlock(0, hash(0, "0x0", 0), "0x0", clock.instant().getEpochSecond(), 0, List.of()));
    }

    public Map<ContractRole, String> contracts() {
        return contracts;
    }

    /** Appends {@code n} blocks; the timestamps step by {@code secondsApart} from the previous block (at least now for live blocks). */
    public synchronized void produce(int n, long secondsApart) {
        for (int i = 0; i < n; i++) {
            DevnetBlock parent = blocks.get(blocks.size() - 1);
            long number = parent.number() + 1;
            String h = hash(number, parent.hash(), branch);
            long ts = Math.max(parent.timestamp() + secondsApart, secondsApart == 0 ? clock.instant().getEpochSecond() : 0);
            List<DevnetEvent> extra = pending.isEmpty() ? List.of() : List.copyOf(pending);
            pending.clear();
            blocks.add(new DevnetBlock(number, h, parent.hash(), ts, generator.countFor(Felt.value(h).longValue()), extra));
        }
    }

    /** A live block stamped with the current time. */
    public void produce() {
        produce(1, 0);
    }

    /**
     * Replaces the newest {@code depth} blocks with a different branch one block longer, as a chain
     * reorganisation does; events submitted in the orphaned blocks go back to pending, as a mempool would.
     *
     * @return the fork point: the newest block both branches share
     */
    public synchronized long reorg(int depth) {
        if (depth < 1 || depth >= blocks.size()) {
            throw new IllegalArgumentException("depth must be between 1 and " + (blocks.size() - 1));
        }
        List<DevnetEvent> requeue = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            DevnetBlock removed = blocks.remove(blocks.size() - 1);
            requeue.addAll(0, removed.extra());
        }
        pending.addAll(0, requeue);
        branch++;
        reorgs++;
        long fork = head().number();
        DevnetBlock base = head();
        produce(depth + 1, Math.max(1, (clock.instant().getEpochSecond() - base.timestamp()) / (depth + 1)));
        return fork;
    }

    /** Queues an event for the next block; returns its transaction hash. */
    public synchronized String submit(ContractRole contract, List<String> keys, List<String> data) {
        String tx = Felt.of(new BigInteger(1, sha256("submit|" + blocks.size() + "|" + pending.size() + "|" + keys + data)).and(MASK_250));
        pending.add(new DevnetEvent(contracts.get(contract), List.copyOf(keys), List.copyOf(data), tx));
        return tx;
    }

    public synchronized DevnetBlock head() {
        return blocks.get(blocks.size() - 1);
    }

    public synchronized Optional<DevnetBlock> block(long number) {
        return number >= 0 && number < blocks.size() ? Optional.of(blocks.get((int) number)) : Optional.empty();
    }

    public synchronized Optional<DevnetBlock> blockByHash(String hash) {
        for (int i = blocks.size() - 1; i >= 0; i--) {
            if (blocks.get(i).hash().equals(hash)) {
                return Optional.of(blocks.get(i));
            }
        }
        return Optional.empty();
    }

    public synchronized long reorgCount() {
        return reorgs;
    }

    /** Every event of a block in emission order: generated ones, then submitted ones. */
    public List<DevnetEvent> events(DevnetBlock b) {
        if (b.eventCount() == 0) {
            return b.extra();
        }
        List<DevnetEvent> generated = cache.computeIfAbsent(b.hash(), h -> generator.generate(b.number(), h, b.eventCount()));
        if (b.extra().isEmpty()) {
            return generated;
        }
        List<DevnetEvent> all = new ArrayList<>(generated);
        all.addAll(b.extra());
        return all;
    }

    /** Transaction hashes of a block, in order. */
    public List<String> transactions(DevnetBlock b) {
        List<String> txs = new ArrayList<>();
        for (DevnetEvent e : events(b)) {
            if (txs.isEmpty() || !txs.get(txs.size() - 1).equals(e.transactionHash())) {
                txs.add(e.transactionHash());
            }
        }
        return txs;
    }

    /** Every event of the canonical chain, oldest first: what a correct index holds. */
    public List<ChainEventRef> allEvents() {
        List<DevnetBlock> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(blocks);
        }
        List<ChainEventRef> out = new ArrayList<>();
        for (DevnetBlock b : snapshot) {
            for (DevnetEvent e : events(b)) {
                out.add(new ChainEventRef(b.number(), b.hash(), e.transactionHash(), e.fromAddress(), e.keys(), e.data()));
            }
        }
        return out;
    }

    /** An event's identity and content as a test or tool compares it. */
    public record ChainEventRef(long blockNumber, String blockHash, String transactionHash, String fromAddress,
                                List<String> keys, List<String> data) {
    }

    private static String hash(long number, String parent, long branch) {
        return Felt.of(new BigInteger(1, sha256(number + "|" + parent + "|" + branch)).and(MASK_250));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
