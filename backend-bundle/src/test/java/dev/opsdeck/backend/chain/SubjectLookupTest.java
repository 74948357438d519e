package dev.opsdeck.backend.chain;

import dev.opsdeck.backend.chain.ChainRepository.StoredEvent;
import dev.opsdeck.backend.chain.indexer.IndexedEvent;
import dev.opsdeck.backend.chain.rpc.BlockHeader;
import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import dev.opsdeck.backend.testing.PgTestDatabase;
import dev.opsdeck.backend.testing.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subject lookups through the per-range subject filters, on both stores: the same answer as a plain scan for
 * frequent and rare subjects, page by page, whether the filters were written while catching up (a filter per
 * part), at the head (blocks joining the newest filter), after a rewind through a filter, or not at all (events
 * from before the filters existed, then backfilled).
 */
@ParameterizedClass
@EnumSource(Store.class)
class SubjectLookupTest {
    private static final String VALIDATOR = "0x51";
    private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

    @Parameter
    Store store;
    @TempDir
    Path dir;

    private PgTestDatabase pg;
    private Database db;
    private ChainRepository repo;
    private final List<IndexedEvent> chain = new ArrayList<>();

    @BeforeEach
    void open() {
        pg = store == Store.POSTGRESQL ? PgTestDatabase.create() : null;
        db = Database.open(pg != null ? pg.jdbcUrl() : DatabaseUrls.h2File(dir), 2);
        db.migrate();
        repo = new ChainRepository(db);
    }

    @AfterEach
    void close() {
        db.close();
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void catchUpPartsAndHeadBlocksAnswerLikeAScan() {
        // Catch-up: parts of 10 blocks x 40 events (a filter each once past EVENTS_PER_BLOOM), then the head: one block at a time.
        storeBlocks(0, 59, 40, 10, "catch-up");
        storeBlocks(60, 99, 3, 1, "head");
        assertThat(bloomRows()).as("catch-up parts share filters up to 1,000 events; head blocks join the newest").isBetween(3L, 6L);
        assertLookupsMatchScan();
    }

    @Test
    void aRewindThroughAFilterKeepsEveryRemainingEventFindable() {
        storeBlocks(0, 39, 30, 5, "first");
        // Rewind into the middle of a filter, then a different branch from there.
        repo.rewind("SN_TEST", 39, 22, hash(22, "first"), T0, T0);
        chain.removeIf(e -> e.blockNumber() > 22);
        storeBlocks(23, 45, 30, 4, "second");
        assertLookupsMatchScan();
        assertThat(repo.events(null, null, "0xa1b" + 30 + "first", null, Long.MAX_VALUE, 10)).as("orphaned rare subject").isEmpty();
    }

    @Test
    void eventsFromBeforeTheFiltersAreFoundAndThenBackfilled() {
        storeBlocks(0, 119, 25, 5, "old");
        // As a database migrated from before V42 with the indexer then running on: the first 2,000 events have no
        // filters (backfilling them writes a filter while the read of those events is still open).
        db.jdbi().useHandle(h -> h.execute("DELETE FROM chain_subject_blooms WHERE from_block < 80"));
        assertLookupsMatchScan();
        assertThat(repo.backfillSubjectBlooms()).isEqualTo(2);
        assertThat(repo.backfillSubjectBlooms()).as("nothing left to cover").isZero();
        long oldest = db.jdbi().withHandle(h -> h.createQuery("SELECT MIN(from_block) FROM chain_subject_blooms").mapTo(Long.class).one());
        assertThat(oldest).isZero();
        assertLookupsMatchScan();
        storeBlocks(120, 124, 25, 1, "new");
        assertLookupsMatchScan();
    }

    /** Blocks {@code from..to} of {@code perBlock} events, stored in parts of {@code blocksPerPart} blocks. */
    private void storeBlocks(long from, long to, int perBlock, int blocksPerPart, String branch) {
        for (long start = from; start <= to; start += blocksPerPart) {
            long end = Math.min(to, start + blocksPerPart - 1);
            List<IndexedEvent> part = new ArrayList<>();
            List<BlockHeader> headers = new ArrayList<>();
            for (long b = start; b <= end; b++) {
                headers.add(new BlockHeader(b, hash(b, branch), hash(b - 1, branch), T0.plusSeconds(b), List.of()));
                for (int i = 0; i < perBlock; i++) {
                    part.add(event(b, i, branch));
                }
            }
            BlockHeader tip = headers.get(headers.size() - 1);
            repo.storeBatch("SN_TEST", start, tip, headers, part, T0);
            chain.addAll(part);
        }
    }

    /** Every other event is the validator's, every seventh has no subject, the rest name a subject seen once. */
    private static IndexedEvent event(long block, int i, String branch) {
        String subject = i % 2 == 0 ? VALIDATOR : i % 7 == 0 ? null : "0xa1b" + block + branch + i;
        return new IndexedEvent(block, hash(block, branch), "0x" + Long.toHexString(block * 1000 + i), i, "0xc0", i % 3 == 0 ? "Staked" : "Transfer",
                List.of("0x1"), List.of("0x2"), T0.plusSeconds(block), subject, BigDecimal.ONE, null, "chain");
    }

    private static String hash(long block, String branch) {
        return "0x" + Long.toHexString(block + 1) + Integer.toHexString(branch.hashCode() & 0xffff);
    }

    private long bloomRows() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM chain_subject_blooms").mapTo(Long.class).one());
    }

    private void assertLookupsMatchScan() {
        List<String> subjects = new ArrayList<>(List.of(VALIDATOR, "0xdead"));
        // A rare subject from the oldest, a middle and the newest block.
        for (int k : new int[] {0, chain.size() / 2, chain.size() - 1}) {
            for (int j = k; j >= 0; j--) {
                String s = chain.get(j).subject();
                if (s != null && !s.equals(VALIDATOR)) {
                    subjects.add(s);
                    break;
                }
            }
        }
        for (String subject : subjects) {
            assertThat(pages(subject, null, 7)).as(subject).isEqualTo(scan(e -> subject.equals(e.subject())));
            assertThat(pages(subject, "Staked", 500)).as(subject + " Staked")
                    .isEqualTo(scan(e -> subject.equals(e.subject()) && e.eventType().equals("Staked")));
        }
    }

    /** The lookup's answer, read page by page with the API's cursor. */
    private List<String> pages(String subject, String type, int limit) {
        List<String> out = new ArrayList<>();
        long before = Long.MAX_VALUE;
        while (true) {
            List<StoredEvent> page = repo.events(null, type, subject, null, before, limit);
            page.forEach(e -> out.add(e.blockNumber() + "/" + e.transactionHash()));
            if (page.size() < limit) {
                return out;
            }
            before = page.get(page.size() - 1).id();
        }
    }

    /** What a lookup must return: the stored chain's matching events, newest first. */
    private List<String> scan(Predicate<IndexedEvent> match) {
        List<String> out = new ArrayList<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            IndexedEvent e = chain.get(i);
            if (match.test(e)) {
                out.add(e.blockNumber() + "/" + e.transactionHash());
            }
        }
        return out;
    }
}
