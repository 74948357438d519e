package dev.opsdeck.backend.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.PgTestDatabase;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexer against a devnet over real HTTP, on both stores: every scenario ends with exactly the chain's
 * events in the database, no duplicate and none missing.
 */
@ParameterizedClass
@EnumSource(Store.class)
class IndexerDevnetTest {
    @Parameter
    Store store;

    private DevnetFixture devnet;
    private TestBackend backend;

    @AfterEach
    void tearDown() {
        if (backend != null) {
            backend.close();
        }
        if (devnet != null) {
            devnet.close();
        }
    }

    @Test
    void catchUpPagesThroughSmallChunksAndIndexesEveryEventOnce() {
        devnet = new DevnetFixture(60, 8);
        // Chunks of 7 events force continuation tokens within ranges of 10 blocks.
        backend = TestBackend.start(store, devnet.settings(10, 7));
        devnet.assertCaughtUpExactly(backend);
        // Live: new blocks arrive and are indexed too.
        devnet.chain.produce(5, 2);
        devnet.assertCaughtUpExactly(backend);
        JsonNode health = backend.get("/health").json().path("components").path("chain-indexer");
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(backend.get("/metrics").body()).contains("indexer_block_height " + (double) devnet.chain.head().number())
                .contains("blockchain_rpc_duration_seconds_bucket{method=\"starknet_getEvents\",provider=\"starknet-rpc-0\"");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void reorgsDuringCatchUpLeaveExactlyTheNewBranch(int depth) {
        devnet = new DevnetFixture(80, 6);
        // A reorg in the middle of fetching the range that holds the head: the fetch must notice and refetch.
        AtomicBoolean fired = new AtomicBoolean();
        devnet.server.tap((req, resp) -> {
            if ("starknet_getEvents".equals(req.path("method").asText())
                    && req.path("params").path("filter").path("to_block").path("block_number").asLong() == devnet.chain.head().number()
                    && fired.compareAndSet(false, true)) {
                devnet.chain.reorg(depth);
            }
        });
        // Ranges of 150 events stored in transactions of at most 20 (whole blocks): reorgs meet part-stored ranges.
        Map<String, String> s = new HashMap<>(devnet.settings(25, 16));
        s.put("INDEXER_EVENTS_PER_TX", "20");
        backend = TestBackend.start(store, s);
        devnet.assertCaughtUpExactly(backend);
        assertThat(fired).isTrue();

        // The indexed tip is orphaned and the chain ran on: the indexer meets the fork while catching up.
        devnet.chain.reorg(depth);
        devnet.chain.produce(40, 2);
        devnet.assertCaughtUpExactly(backend);
        assertThat(backend.get("/metrics").body()).containsPattern("indexer_reorgs_total [1-9]");

        // Every rewind is on record, newest first, with the figures the live event carried.
        JsonNode history = backend.get("/api/chain/reorgs?limit=10").json();
        assertThat(history.path("total").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode newest = history.path("reorgs").get(0);
        assertThat(newest.path("fork_block").asLong()).isLessThan(newest.path("old_tip").asLong());
        assertThat(newest.path("depth").asLong()).isEqualTo(newest.path("old_tip").asLong() - newest.path("fork_block").asLong());
        assertThat(newest.path("detected_at").asText()).isNotEmpty();
        var refused = backend.get("/api/chain/reorgs?limit=0");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("details").path("field").asText()).isEqualTo("limit");
    }

    @Test
    void outageTurnsHealthDownWithTheReasonAndRecovers() {
        devnet = new DevnetFixture(30, 5);
        backend = TestBackend.start(store, devnet.settings(50, 100));
        devnet.assertCaughtUpExactly(backend);
        devnet.server.outage(6);
        devnet.chain.produce(10, 2);
        java.util.concurrent.atomic.AtomicReference<JsonNode> down = new java.util.concurrent.atomic.AtomicReference<>();
        DevnetFixture.waitFor(Duration.ofSeconds(10), () -> {
            JsonNode c = backend.get("/health").json().path("components").path("chain-indexer");
            down.set(c);
            return "DOWN".equals(c.path("status").asText());
        });
        JsonNode h = down.get();
        assertThat(h.path("message").asText()).contains("HTTP 503");
        JsonNode provider = backend.admin("GET", "/api/chain/status", null).json().path("providers").get(0).path("status");
        assertThat(provider.path("state").asText()).isEqualTo("down");
        // Back-off: attempts are spaced, not a hot loop.
        assertThat(h.path("details").path("retry_in_ms").asLong()).isPositive();

        devnet.assertCaughtUpExactly(backend);
        assertThat(backend.get("/health").json().path("components").path("chain-indexer").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void restartMidCatchUpResumesWithoutGapsOrDuplicates() throws Exception {
        devnet = new DevnetFixture(150, 6);
        devnet.server.latencyMs(3);
        Path dir = Files.createTempDirectory("opsdeck-restart");
        PgTestDatabase pg = store == Store.POSTGRESQL ? PgTestDatabase.create() : null;
        try {
            Map<String, String> s = new HashMap<>(devnet.settings(3, 50));
            s.put("OPSDECK_DATA_DIR", dir.toString());
            // One block per transaction: the stop may fall between the parts of a range.
            s.put("INDEXER_EVENTS_PER_TX", "7");
            if (pg != null) {
                s.put("DATABASE_URL", pg.jdbcUrl());
            }
            TestBackend first = TestBackend.start(Store.H2, s);
            long atStop;
            try {
                DevnetFixture.waitFor(Duration.ofSeconds(30), () -> DevnetFixture.indexedHeight(first) >= 30);
            } finally {
                first.close();
            }
            backend = TestBackend.start(Store.H2, s);
            atStop = DevnetFixture.indexedHeight(backend);
            assertThat(atStop).as("stopped mid catch-up").isBetween(30L, devnet.chain.head().number() - 1);
            devnet.server.latencyMs(0);
            devnet.assertCaughtUpExactly(backend);
        } finally {
            if (backend != null) {
                backend.close();
                backend = null;
            }
            if (pg != null) {
                pg.close();
            }
        }
    }
}
