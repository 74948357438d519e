package dev.opsdeck.backend.chain.indexer;

import dev.opsdeck.backend.chain.rpc.BlockHeader;

import java.util.ArrayList;
import java.util.List;

/**
 * One fetched block range, checked to be a single consistent branch: the tip did not change while fetching,
 * every event's block hash matches its block's header, and the first block extends what was indexed before.
 *
 * @param headers headers of the range's first and last block and of every block with events
 */
public record Batch(long from, BlockHeader tip, List<BlockHeader> headers, List<IndexedEvent> events) {

    /**
     * The range cut into consecutive parts of whole blocks with at most {@code maxEvents} events each (a block
     * with more is a part of its own). Every part but the last ends at a block that has events, whose header
     * is known; the last ends at the tip. Each part can be committed on its own and the index still only ever
     * holds whole blocks up to a known hash.
     */
    public List<Batch> parts(int maxEvents) {
        if (events.size() <= maxEvents) {
            return List.of(this);
        }
        List<Batch> out = new ArrayList<>();
        long partFrom = from;
        int start = 0;
        int i = 0;
        while (i < events.size()) {
            long block = events.get(i).blockNumber();
            int blockEnd = i;
            while (blockEnd < events.size() && events.get(blockEnd).blockNumber() == block) {
                blockEnd++;
            }
            if (blockEnd - start > maxEvents && i > start) {
                long partTip = events.get(i - 1).blockNumber();
                out.add(part(partFrom, header(partTip), start, i));
                partFrom = partTip + 1;
                start = i;
            }
            i = blockEnd;
        }
        out.add(part(partFrom, tip, start, events.size()));
        return out;
    }

    private Batch part(long partFrom, BlockHeader partTip, int fromEvent, int toEvent) {
        List<BlockHeader> hs = headers.stream().filter(h -> h.number() >= partFrom && h.number() <= partTip.number()).toList();
        return new Batch(partFrom, partTip, hs, events.subList(fromEvent, toEvent));
    }

    private BlockHeader header(long number) {
        return headers.stream().filter(h -> h.number() == number).findFirst()
                .orElseThrow(() -> new IllegalStateException("no header of block " + number + " in range " + from + ".." + tip.number()));
    }
}
