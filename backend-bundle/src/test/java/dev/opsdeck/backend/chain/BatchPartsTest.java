package dev.opsdeck.backend.chain;

import dev.opsdeck.backend.chain.indexer.Batch;
import dev.opsdeck.backend.chain.indexer.IndexedEvent;
import dev.opsdeck.backend.chain.rpc.BlockHeader;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A fetched range cut into transactions: whole blocks only, known tips, nothing lost or repeated. */
class BatchPartsTest {
    private static BlockHeader header(long n) {
        return new BlockHeader(n, "0x" + Long.toHexString(0xb000 + n), "0x" + Long.toHexString(0xb000 + n - 1), Instant.ofEpochSecond(n), List.of());
    }

    private static IndexedEvent event(long block, int i) {
        return new IndexedEvent(block, header(block).hash(), "0x" + Long.toHexString(block * 100 + i), 0, "0x1", "Staked",
                List.of(), List.of(), Instant.ofEpochSecond(block), null, null, null, "chain");
    }

    /** Blocks 10..19; blocks 11, 12, 15 and 16 carry 3, 4, 9 and 2 events; headers of those, the first and the tip. */
    private static Batch batch() {
        List<IndexedEvent> events = new ArrayList<>();
        long[][] counts = {{11, 3}, {12, 4}, {15, 9}, {16, 2}};
        for (long[] c : counts) {
            for (int i = 0; i < c[1]; i++) {
                events.add(event(c[0], i));
            }
        }
        return new Batch(10, header(19), List.of(header(10), header(11), header(12), header(15), header(16), header(19)), events);
    }

    @Test
    void aRangeWithinTheLimitIsOnePart() {
        assertThat(batch().parts(18)).containsExactly(batch());
    }

    @Test
    void partsAreWholeBlocksEndingAtKnownHeadersAndTheLastEndsAtTheTip() {
        List<Batch> parts = batch().parts(7);

        assertThat(parts).extracting(Batch::from).containsExactly(10L, 13L, 16L);
        assertThat(parts).extracting(p -> p.tip().number()).containsExactly(12L, 15L, 19L);
        assertThat(parts).extracting(p -> p.events().size()).as("block 15's nine events stay together").containsExactly(7, 9, 2);
        assertThat(parts.get(0).headers()).extracting(BlockHeader::number).containsExactly(10L, 11L, 12L);
        assertThat(parts.get(2).headers()).extracting(BlockHeader::number).containsExactly(16L, 19L);
        assertThat(parts.stream().flatMap(p -> p.events().stream()).toList()).isEqualTo(batch().events());
        for (Batch p : parts) {
            assertThat(p.events()).allMatch(e -> e.blockNumber() >= p.from() && e.blockNumber() <= p.tip().number());
        }
    }
}
