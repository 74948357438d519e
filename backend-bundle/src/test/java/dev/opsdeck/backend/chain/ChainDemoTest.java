package dev.opsdeck.backend.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo profile: the backend starts its own devnet, indexes it, and serves the chain endpoints over it. */
@ParameterizedClass
@EnumSource(Store.class)
class ChainDemoTest {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    @Parameter
    Store store;
    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        backend = TestBackend.start(store, Map.of("OPSDECK_PROFILE", "demo", "DEVNET_BLOCK_MS", "0", "DEVNET_HISTORY_BLOCKS", "40",
                "DEVNET_EVENTS_PER_BLOCK", "8", "INDEXER_POLL_MS", "50", "CHECKPOINT_INTERVAL_MS", "3600000"));
        DevnetFixture.waitFor(Duration.ofSeconds(60), () -> DevnetFixture.indexedHeight(backend) >= 40);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    private static JsonNode exact(TestBackend.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        try {
            return MAPPER.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void contractsListTheDevnetsAddressesWithoutExplorerLinks() {
        JsonNode r = backend.get("/api/contracts").json();
        assertThat(r.path("network").asText()).isEqualTo("devnet");
        assertThat(r.path("chain_id").asText()).startsWith("0x");
        assertThat(r.path("contracts")).hasSize(6);
        assertThat(r.path("contracts").findValuesAsText("variable")).contains("SAGE_TOKEN_ADDRESS", "PROVER_STAKING_ADDRESS",
                "REPUTATION_MANAGER_ADDRESS", "JOB_MANAGER_ADDRESS", "OTC_ORDERBOOK_ADDRESS", "CHECKPOINT_CONTRACT_ADDRESS");
        assertThat(r.path("contracts").get(0).path("explorers")).isEmpty();
    }

    @Test
    void metricsOfTheGuideComeFromDecodedEvents() {
        DevnetFixture.waitFor(Duration.ofSeconds(10), () -> backend.get("/metrics").body().contains("consensus_votes_total{validator="));
        String m = backend.get("/metrics").body();
        assertThat(m).containsPattern("(?m)^indexer_block_height [1-9]")
                .containsPattern("(?m)^indexer_lag_seconds [0-9]")
                .containsPattern("(?m)^total_staked_sage [1-9]")
                .containsPattern("(?m)^consensus_active_validators [1-9]")
                .containsPattern("(?m)^consensus_votes_total\\{validator=\"0x[0-9a-f]+\"} [1-9]")
                .containsPattern("(?m)^consensus_rounds_total\\{outcome=\"(accepted|rejected|timeout)\"} [1-9]")
                .containsPattern("(?m)^consensus_fraud_detected_total [0-9]")
                .contains("# TYPE consensus_votes_total untyped")
                .contains("blockchain_rpc_duration_seconds_bucket{method=\"starknet_getEvents\"");
        assertThat(promtool(m)).as("promtool check metrics").isEmpty();
        double staked = Double.parseDouble(m.lines().filter(l -> l.startsWith("total_staked_sage ")).findFirst().orElseThrow().split(" ")[1]);
        double api = exact(backend.get("/api/validator/status")).path("total_staked").doubleValue();
        assertThat(staked).isCloseTo(api, org.assertj.core.data.Percentage.withPercentage(5));
    }

    /** What {@code promtool check metrics} complains about (the alert rules of the guide read these names). */
    private static String promtool(String metrics) {
        try {
            var tool = dev.opsdeck.backend.testing.Tools.require("promtool", "prometheus");
            Process p = new ProcessBuilder(tool.toString(), "check", "metrics").redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write(metrics.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            return p.exitValue() == 0 ? "" : out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void validatorStatusShowsIndexedStakeAndLiveStake() {
        JsonNode all = exact(backend.get("/api/validator/status"));
        assertThat(all.path("validators").asInt()).isPositive();
        assertThat(all.path("total_staked").decimalValue()).isPositive();
        JsonNode first = all.path("list").get(0);
        String address = first.path("address").asText();
        JsonNode one = exact(backend.get("/api/validator/status?address=" + address));
        assertThat(one.path("validator").path("stake").decimalValue()).isEqualByComparingTo(first.path("stake").decimalValue());
        assertThat(one.path("on_chain_stake").isNumber()).as(one.toString()).isTrue();
        assertThat(one.path("validator").path("status").asText()).isEqualTo("active");
        // Same validator, other hex spelling: normalised, not a different one.
        assertThat(backend.get("/api/validator/status?address=0x0" + address.substring(2).toUpperCase()).status()).isEqualTo(200);

        TestBackend.Reply unknown = backend.get("/api/validator/status?address=0x1234");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("not_found");
        TestBackend.Reply bad = backend.get("/api/validator/status?address=validator-7");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("details").path("field").asText()).isEqualTo("address");
    }

    @Test
    void eventsFilterByTypeAndRefuseBadParameters() {
        JsonNode staked = backend.get("/api/chain/events?type=Staked&limit=20").json().path("events");
        assertThat(staked).isNotEmpty().allMatch(e -> e.path("event_type").asText().equals("Staked") && e.path("amount").decimalValue().signum() > 0);
        for (String q : List.of("limit=0", "limit=abc", "before_id=-1", "contract=zz", "type=Staked;DROP", "subject=0xZZ")) {
            TestBackend.Reply r = backend.get("/api/chain/events?" + q);
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.json().path("error").asText()).as(q).isEqualTo("invalid_field");
        }
    }

    @Test
    void rewardsHistoryAddsUp() {
        String v = backend.get("/api/validator/status").json().path("list").get(0).path("address").asText();
        JsonNode r = exact(backend.get("/api/chain/validators/" + v + "/rewards?limit=1000"));
        var accrued = r.path("summary").path("accrued").decimalValue();
        var claimed = r.path("summary").path("claimed").decimalValue();
        assertThat(r.path("summary").path("claimable").decimalValue()).isEqualByComparingTo(accrued.subtract(claimed).max(java.math.BigDecimal.ZERO));
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (JsonNode e : r.path("history")) {
            if (e.path("kind").asText().equals("accrued")) {
                sum = sum.add(e.path("amount").decimalValue());
            }
        }
        assertThat(sum).isEqualByComparingTo(accrued);
        assertThat(backend.get("/api/chain/validators/nope/rewards").status()).isEqualTo(400);
    }

    @Test
    void chaosActionsNeedTheAdminKeyValidateInputAndAreAudited() {
        assertThat(backend.post("/admin/chain/devnet/reorg", "{\"depth\":2}").status()).isEqualTo(401);
        for (String body : List.of("{}", "{\"depth\":0}", "{\"depth\":\"x\"}", "{\"depth\":2,\"extra\":1}", "[]", "nonsense")) {
            TestBackend.Reply r = backend.admin("POST", "/admin/chain/devnet/reorg", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().has("error")).isTrue();
        }
        long before = backend.get("/metrics").body().lines().filter(l -> l.startsWith("indexer_reorgs_total ")).mapToLong(l -> (long) Double.parseDouble(l.split(" ")[1])).sum();
        long head = backend.admin("GET", "/admin/chain/devnet", null).json().path("head_block").asLong();
        DevnetFixture.waitFor(Duration.ofSeconds(20), () -> DevnetFixture.indexedHeight(backend) == head);
        long indexed = head;
        TestBackend.Reply r = backend.admin("POST", "/admin/chain/devnet/reorg", "{\"depth\":3}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("fork_block").asLong()).isGreaterThanOrEqualTo(indexed - 3);
        DevnetFixture.waitFor(Duration.ofSeconds(20), () -> backend.get("/metrics").body().lines()
                .filter(l -> l.startsWith("indexer_reorgs_total ")).mapToLong(l -> (long) Double.parseDouble(l.split(" ")[1])).sum() > before);

        assertThat(backend.admin("POST", "/admin/chain/devnet/outage", "{\"seconds\":4000}").status()).isEqualTo(400);
        TestBackend.Reply outage = backend.admin("POST", "/admin/chain/devnet/outage", "{\"seconds\":1}");
        assertThat(outage.json().path("in_outage").asBoolean()).isTrue();
        DevnetFixture.waitFor(Duration.ofSeconds(15), () -> "UP".equals(
                backend.get("/health").json().path("components").path("chain-indexer").path("status").asText())
                && !backend.admin("GET", "/admin/chain/devnet", null).json().path("in_outage").asBoolean());
    }

    @Test
    void decodedEventsReachTheirWebSocketTopics() throws Exception {
        List<JsonNode> got = new CopyOnWriteArrayList<>();
        WebSocketClient ws = new WebSocketClient(URI.create(backend.url("/ws/staking").replace("http", "ws"))) {
            @Override public void onOpen(ServerHandshake h) { }
            @Override public void onMessage(String m) {
                try {
                    got.add(MAPPER.readTree(m));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            @Override public void onClose(int c, String r, boolean remote) { }
            @Override public void onError(Exception e) { }
        };
        assertThat(ws.connectBlocking(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        try {
            assertThat(backend.admin("POST", "/admin/chain/devnet/blocks", "{\"count\":3}").status()).isEqualTo(200);
            DevnetFixture.waitFor(Duration.ofSeconds(20), () -> got.stream().anyMatch(m -> m.path("type").asText().startsWith("chain.")));
            assertThat(got.stream().filter(m -> m.path("type").asText().startsWith("chain.")))
                    .allMatch(m -> m.path("topic").asText().equals("staking"));
        } finally {
            ws.closeBlocking();
        }
    }
}
