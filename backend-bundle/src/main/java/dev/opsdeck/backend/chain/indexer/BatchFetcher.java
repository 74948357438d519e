package dev.opsdeck.backend.chain.indexer;

import dev.opsdeck.backend.chain.rpc.BlockHeader;
import dev.opsdeck.backend.chain.rpc.BlockId;
import dev.opsdeck.backend.chain.rpc.EmittedEvent;
import dev.opsdeck.backend.chain.rpc.EventFilter;
import dev.opsdeck.backend.chain.rpc.EventsChunk;
import dev.opsdeck.backend.chain.rpc.Felt;
import dev.opsdeck.backend.chain.rpc.RpcUnavailableException;
import dev.opsdeck.backend.chain.rpc.StarknetClient;
import dev.opsdeck.backend.chain.rpc.StarknetRpcException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fetches the indexed contracts' events of a block range and proves them consistent before anyone stores them.
 * Order of reads: tip header, events (every page of every contract), the headers of the blocks that have
 * events and of the first block, then the tip again. A reorg that touches the range during the fetch replaces
 * the tip, so comparing the two tip reads catches it; one that happened before shows as a parent mismatch.
 */
public final class BatchFetcher {
    private final StarknetClient client;
    private final List<String> addresses;
    private final int chunkSize;
    private final EventDecoder decoder;

    /** @param addresses the indexed contracts; their sorted order fixes event indices within a transaction */
    public BatchFetcher(StarknetClient client, List<String> addresses, int chunkSize, EventDecoder decoder) {
        this.client = client;
        this.addresses = addresses.stream().sorted().toList();
        this.chunkSize = chunkSize;
        this.decoder = decoder;
    }

    /**
     * @param expectedParent hash of block {@code from - 1} as indexed, or null when nothing was indexed before
     * @throws ChainMoved when the range is not one consistent branch extending the index
     */
    public Batch fetch(long from, long to, String expectedParent) {
        BlockHeader tip = header(to);
        Map<Long, List<List<EmittedEvent>>> byBlock = new TreeMap<>();
        for (int a = 0; a < addresses.size(); a++) {
            for (EmittedEvent e : allPages(from, to, addresses.get(a))) {
                List<List<EmittedEvent>> perContract = byBlock.computeIfAbsent(e.blockNumber(), k -> newLists(addresses.size()));
                perContract.get(a).add(e);
            }
        }
        Map<Long, BlockHeader> headers = new TreeMap<>();
        headers.put(to, tip);
        for (long n : byBlock.keySet()) {
            if (n < from || n > to) {
                throw new ChainMoved("node returned an event of block " + n + " outside " + from + ".." + to, false);
            }
            headers.computeIfAbsent(n, this::header);
        }
        BlockHeader first = headers.computeIfAbsent(from, this::header);
        if (expectedParent != null && !expectedParent.equals(first.parentHash())) {
            throw new ChainMoved("block " + from + " does not extend the indexed block " + (from - 1), true);
        }
        BlockHeader tipAgain = header(to);
        if (!tipAgain.hash().equals(tip.hash())) {
            throw new ChainMoved("block " + to + " changed while the range was fetched", false);
        }
        List<IndexedEvent> events = new ArrayList<>();
        for (Map.Entry<Long, List<List<EmittedEvent>>> b : byBlock.entrySet()) {
            order(headers.get(b.getKey()), b.getValue(), events);
        }
        return new Batch(from, tip, List.copyOf(headers.values()), events);
    }

    private static List<List<EmittedEvent>> newLists(int n) {
        List<List<EmittedEvent>> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(new ArrayList<>());
        }
        return l;
    }

    private List<EmittedEvent> allPages(long from, long to, String address) {
        List<EmittedEvent> out = new ArrayList<>();
        String token = null;
        do {
            EventsChunk page = client.events(EventFilter.range(from, to, address), chunkSize, token);
            out.addAll(page.events());
            token = page.continuationToken();
        } while (token != null);
        return out;
    }

    /**
     * Orders one block's events by transaction position in the block, then contract, then emission order, and
     * numbers them within their transaction.
     */
    private void order(BlockHeader block, List<List<EmittedEvent>> perContract, List<IndexedEvent> out) {
        Map<String, Integer> txPos = new HashMap<>();
        for (int i = 0; i < block.transactions().size(); i++) {
            txPos.put(block.transactions().get(i), i);
        }
        List<int[]> refs = new ArrayList<>(); // {txPos, contract, ordinal}
        for (int c = 0; c < perContract.size(); c++) {
            List<EmittedEvent> evs = perContract.get(c);
            for (int i = 0; i < evs.size(); i++) {
                EmittedEvent e = evs.get(i);
                Integer pos = txPos.get(e.transactionHash());
                if (!block.hash().equals(e.blockHash()) || pos == null) {
                    throw new ChainMoved("an event of block " + block.number() + " belongs to another branch", false);
                }
                checkFelts(e);
                refs.add(new int[]{pos, c, i});
            }
        }
        refs.sort(Comparator.<int[]>comparingInt(r -> r[0]).thenComparingInt(r -> r[1]).thenComparingInt(r -> r[2]));
        String lastTx = null;
        int index = 0;
        for (int[] r : refs) {
            EmittedEvent e = perContract.get(r[1]).get(r[2]);
            index = e.transactionHash().equals(lastTx) ? index + 1 : 0;
            lastTx = e.transactionHash();
            out.add(decoder.decode(e, index, block.timestamp()));
        }
    }

    private static void checkFelts(EmittedEvent e) {
        boolean ok = Felt.isSpecForm(e.fromAddress()) && Felt.isSpecForm(e.transactionHash());
        for (String k : e.keys()) {
            ok &= Felt.isSpecForm(k);
        }
        for (String d : e.data()) {
            ok &= Felt.isSpecForm(d);
        }
        if (!ok) {
            throw new RpcUnavailableException("node returned an event with malformed felts in transaction " + e.transactionHash());
        }
    }

    private BlockHeader header(long n) {
        try {
            return client.blockWithTxHashes(BlockId.number(n));
        } catch (StarknetRpcException e) {
            if (e.code() == StarknetRpcException.BLOCK_NOT_FOUND) {
                throw new ChainMoved("block " + n + " disappeared while the range was fetched", false);
            }
            throw e;
        }
    }
}
