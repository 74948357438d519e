package dev.opsdeck.backend.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.chain.indexer.ContractRole;
import dev.opsdeck.backend.demo.devnet.DevnetChain;
import dev.opsdeck.backend.demo.devnet.DevnetModule;
import dev.opsdeck.backend.demo.devnet.DevnetServer;
import dev.opsdeck.backend.testing.TestBackend;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** A devnet on its own loopback port, owned by a test, and the checks every indexer test ends with. */
final class DevnetFixture implements AutoCloseable {
    final DevnetChain chain;
    final DevnetServer server;

    DevnetFixture(int blocks, int meanEvents) {
        Map<ContractRole, String> contracts = new EnumMap<>(ContractRole.class);
        for (ContractRole r : ContractRole.values()) {
            contracts.put(r, r.sepoliaDefault() == null ? DevnetModule.CHECKPOINT_CONTRACT : dev.opsdeck.backend.chain.rpc.Felt.of(r.sepoliaDefault()));
        }
        chain = new DevnetChain(contracts, meanEvents, false, Clock.systemUTC());
        chain.produce(blocks, 2);
        server = new DevnetServer(chain, Clock.systemUTC()).start();
    }

    /** Backend settings that point the indexer at this devnet with fast polling. */
    Map<String, String> settings(int batchBlocks, int chunkSize) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("STARKNET_RPC_URL", server.url());
        s.put("ENABLE_INDEXER", "true");
        s.put("INDEXER_POLL_MS", "40");
        s.put("INDEXER_BACKOFF_MAX_MS", "300");
        s.put("INDEXER_BATCH_BLOCKS", Integer.toString(batchBlocks));
        s.put("INDEXER_CHUNK_SIZE", Integer.toString(chunkSize));
        s.put("STARKNET_RPC_TIMEOUT_MS", "3000");
        s.put("CHECKPOINT_CONTRACT_ADDRESS", DevnetModule.CHECKPOINT_CONTRACT);
        return s;
    }

    /** The canonical chain's events as comparable lines (block, hash, tx, contract, keys, data). */
    List<String> expected() {
        List<String> out = new ArrayList<>();
        for (DevnetChain.ChainEventRef e : chain.allEvents()) {
            out.add(e.blockNumber() + "|" + e.blockHash() + "|" + e.transactionHash() + "|" + e.fromAddress() + "|"
                    + json(e.keys()) + "|" + json(e.data()));
        }
        out.sort(null);
        return out;
    }

    /** Every event the backend has indexed, read page by page through its API. */
    static List<String> indexed(TestBackend b) {
        List<String> out = new ArrayList<>();
        long before = Long.MAX_VALUE;
        while (true) {
            TestBackend.Reply r = b.get("/api/chain/events?limit=1000&before_id=" + before);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode events = r.json().path("events");
            if (events.isEmpty()) {
                break;
            }
            for (JsonNode e : events) {
                out.add(e.path("block_number").asLong() + "|" + e.path("block_hash").asText() + "|" + e.path("transaction_hash").asText()
                        + "|" + e.path("contract_address").asText() + "|" + e.path("keys").asText() + "|" + e.path("data").asText());
                before = e.path("id").asLong();
            }
        }
        out.sort(null);
        return out;
    }

    static long indexedHeight(TestBackend b) {
        JsonNode st = b.get("/api/chain/status").json().path("state");
        return st.isMissingNode() || st.isNull() ? -1 : st.path("last_block").asLong();
    }

    /** Waits until the index holds block {@code head} and then checks it holds exactly the chain's events. */
    void assertCaughtUpExactly(TestBackend b) {
        waitFor(Duration.ofSeconds(60), () -> indexedHeight(b) == chain.head().number()
                && chain.head().hash().equals(b.get("/api/chain/status").json().path("state").path("last_hash").asText()));
        List<String> expected = expected();
        List<String> actual = indexed(b);
        assertThat(actual).hasSize(expected.size());
        assertThat(actual).isEqualTo(expected);
        assertSubjectLookupsMatch(b);
    }

    /**
     * The subject filter (served by per-range subject filters, not an index) finds exactly the events a full
     * read attributes to that subject: the most frequent subject and a few seen once, read in small pages.
     */
    private static void assertSubjectLookupsMatch(TestBackend b) {
        Map<String, List<Long>> bySubject = new LinkedHashMap<>();
        long before = Long.MAX_VALUE;
        while (true) {
            JsonNode events = b.get("/api/chain/events?limit=1000&before_id=" + before).json().path("events");
            if (events.isEmpty()) {
                break;
            }
            for (JsonNode e : events) {
                before = e.path("id").asLong();
                if (e.hasNonNull("subject")) {
                    bySubject.computeIfAbsent(e.path("subject").asText(), k -> new ArrayList<>()).add(before);
                }
            }
        }
        List<String> probes = new ArrayList<>();
        bySubject.entrySet().stream().max(Map.Entry.comparingByValue(java.util.Comparator.comparingInt(List::size)))
                .ifPresent(e -> probes.add(e.getKey()));
        bySubject.entrySet().stream().filter(e -> e.getValue().size() == 1).limit(3).forEach(e -> probes.add(e.getKey()));
        for (String subject : probes) {
            List<Long> found = new ArrayList<>();
            long cursor = Long.MAX_VALUE;
            while (true) {
                TestBackend.Reply r = b.get("/api/chain/events?limit=5&subject=" + subject + "&before_id=" + cursor);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                JsonNode page = r.json().path("events");
                page.forEach(e -> found.add(e.path("id").asLong()));
                if (page.size() < 5) {
                    break;
                }
                cursor = found.get(found.size() - 1);
            }
            assertThat(found).as("events of subject %s", subject).isEqualTo(bySubject.get(subject));
        }
    }

    static void waitFor(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String json(List<String> felts) {
        return "[" + String.join(",", felts.stream().map(f -> "\"" + f + "\"").toList()) + "]";
    }

    @Override
    public void close() {
        server.close();
    }
}
