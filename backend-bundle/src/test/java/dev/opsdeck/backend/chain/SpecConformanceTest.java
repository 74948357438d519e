package dev.opsdeck.backend.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdeck.backend.chain.indexer.BatchFetcher;
import dev.opsdeck.backend.chain.indexer.ContractRole;
import dev.opsdeck.backend.chain.indexer.EventDecoder;
import dev.opsdeck.backend.chain.rpc.BlockId;
import dev.opsdeck.backend.chain.rpc.EventFilter;
import dev.opsdeck.backend.chain.rpc.Felt;
import dev.opsdeck.backend.chain.rpc.FunctionCall;
import dev.opsdeck.backend.chain.rpc.ProviderPool;
import dev.opsdeck.backend.chain.rpc.RpcProvider;
import dev.opsdeck.backend.chain.rpc.StarknetClient;
import dev.opsdeck.backend.chain.rpc.StarknetKeccak;
import dev.opsdeck.backend.chain.rpc.StarknetRpcException;
import io.prometheus.metrics.core.metrics.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The devnet's answers and the client's requests checked against the StarkNet OpenRPC schemas (v0.9.0) with a
 * JSON Schema validator: results, parameters and error codes, over real HTTP.
 */
class SpecConformanceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SpecSchemas SPEC = new SpecSchemas();
    private static DevnetFixture devnet;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        devnet = new DevnetFixture(40, 10);
    }

    @AfterAll
    static void stop() {
        devnet.close();
    }

    private static JsonNode rpc(String method, JsonNode params) throws Exception {
        ObjectNode req = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
        req.set("params", params);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(devnet.server.url()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(req.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode resp = MAPPER.readTree(r.body());
        assertThat(resp.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(resp.path("id").asInt()).isEqualTo(1);
        return resp;
    }

    private static JsonNode result(String method, String params) throws Exception {
        JsonNode p = MAPPER.readTree(params);
        assertThat(SPEC.paramProblems(method, p)).as("request params of " + method).isEmpty();
        JsonNode resp = rpc(method, p);
        assertThat(resp.has("error")).as(resp.toString()).isFalse();
        assertThat(SPEC.resultProblems(method, resp.get("result"))).as("result of " + method + ": " + resp.get("result")).isEmpty();
        return resp.get("result");
    }

    private static void specError(String method, String params, int code) throws Exception {
        JsonNode resp = rpc(method, MAPPER.readTree(params));
        assertThat(resp.path("error").path("code").asInt()).as(resp.toString()).isEqualTo(code);
        assertThat(SPEC.errorCodes(method)).as("error codes declared for " + method).contains(code);
    }

    @Test
    void devnetResultsConformToTheSpec() throws Exception {
        assertThat(result("starknet_chainId", "{}").asText()).startsWith("0x");
        long head = result("starknet_blockNumber", "[]").asLong();
        JsonNode hn = result("starknet_blockHashAndNumber", "{}");
        assertThat(hn.path("block_number").asLong()).isEqualTo(head);
        JsonNode block = result("starknet_getBlockWithTxHashes", "{\"block_id\":{\"block_number\":7}}");
        result("starknet_getBlockWithTxHashes", "{\"block_id\":{\"block_hash\":\"" + block.get("block_hash").asText() + "\"}}");
        result("starknet_getBlockWithTxHashes", "{\"block_id\":\"latest\"}");
        result("starknet_getBlockWithTxHashes", "[\"pre_confirmed\"]");
        String staking = Felt.of(ContractRole.PROVER_STAKING.sepoliaDefault());
        result("starknet_call", "{\"request\":{\"contract_address\":\"" + staking + "\",\"entry_point_selector\":\""
                + StarknetKeccak.selector("total_staked") + "\",\"calldata\":[]},\"block_id\":\"latest\"}");
    }

    @Test
    void eventsPageWithContinuationTokensAndFilterByAddressAndKeys() throws Exception {
        String staking = Felt.of(ContractRole.PROVER_STAKING.sepoliaDefault());
        List<JsonNode> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String filter = "{\"from_block\":{\"block_number\":0},\"to_block\":\"latest\",\"address\":\"" + staking
                    + "\",\"chunk_size\":5" + (token == null ? "" : ",\"continuation_token\":\"" + token + "\"") + "}";
            JsonNode chunk = result("starknet_getEvents", "{\"filter\":" + filter + "}");
            chunk.get("events").forEach(all::add);
            assertThat(chunk.get("events").size()).isLessThanOrEqualTo(5);
            token = chunk.path("continuation_token").asText(null);
            pages++;
        } while (token != null);
        long expected = devnet.chain.allEvents().stream().filter(e -> e.fromAddress().equals(staking)).count();
        assertThat(all).hasSize((int) expected);
        assertThat(pages).isGreaterThan(2);
        assertThat(all).allMatch(e -> e.get("from_address").asText().equals(staking));

        String staked = StarknetKeccak.selector("Staked");
        JsonNode keyed = result("starknet_getEvents", "{\"filter\":{\"keys\":[[\"" + staked + "\"]],\"chunk_size\":1000}}");
        assertThat(keyed.get("events")).isNotEmpty().allMatch(e -> e.get("keys").get(0).asText().equals(staked));
    }

    @Test
    void errorsUseTheSpecCodes() throws Exception {
        specError("starknet_getBlockWithTxHashes", "{\"block_id\":{\"block_number\":999999}}", 24);
        specError("starknet_getEvents", "{\"filter\":{\"chunk_size\":5000}}", 31);
        specError("starknet_getEvents", "{\"filter\":{\"chunk_size\":5,\"continuation_token\":\"garbage\"}}", 33);
        specError("starknet_call", "{\"request\":{\"contract_address\":\"0x123\",\"entry_point_selector\":\"0x1\",\"calldata\":[]},\"block_id\":\"latest\"}", 20);
        String staking = Felt.of(ContractRole.PROVER_STAKING.sepoliaDefault());
        specError("starknet_call", "{\"request\":{\"contract_address\":\"" + staking + "\",\"entry_point_selector\":\"0x1\",\"calldata\":[]},\"block_id\":\"latest\"}", 21);
        assertThat(rpc("starknet_nope", MAPPER.readTree("{}")).path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(rpc("starknet_getBlockWithTxHashes", MAPPER.readTree("{\"block_id\":{\"block_number\":-1}}")).path("error").path("code").asInt())
                .isEqualTo(-32602);
    }

    @Test
    void theClientsRequestsAndTheAnswersItReadsConform() {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        devnet.server.tap((req, resp) -> {
            String method = req.path("method").asText();
            seen.merge(method, 1, Integer::sum);
            if (!SPEC.knows(method)) {
                return; // devnet_* methods are the devnet's own
            }
            SPEC.paramProblems(method, req.get("params")).forEach(p -> problems.add(method + " request: " + p));
            if (resp.has("result")) {
                SPEC.resultProblems(method, resp.get("result")).forEach(p -> problems.add(method + " result: " + p));
            }
        });
        try {
            Histogram h = Histogram.builder().name("conformance_rpc_seconds").labelNames("method", "provider").build();
            RpcProvider p = new RpcProvider("p0", URI.create(devnet.server.url()), Duration.ofSeconds(5), MAPPER, h, Clock.systemUTC());
            StarknetClient client = new StarknetClient(new ProviderPool(List.of(p)), MAPPER);
            client.chainId();
            client.blockNumber();
            var head = client.blockHashAndNumber();
            client.blockWithTxHashes(BlockId.number(3));
            client.blockWithTxHashes(BlockId.hash(head.hash()));
            client.events(new EventFilter(BlockId.number(0), BlockId.LATEST, null, List.of(List.of(), List.of(devnet.chain.head().hash()))), 4, null);
            String staking = Felt.of(ContractRole.PROVER_STAKING.sepoliaDefault());
            client.call(FunctionCall.of(staking, "get_stake", "0x5a9e1d7c0b8a3e4f2d6c1b0a9e8d7c6b5a4f3e2d1c0b9a8e7d6c5b4a3f2e1d0"), BlockId.LATEST);
            Map<String, ContractRole> roles = new HashMap<>();
            devnet.chain.contracts().forEach((r, a) -> roles.put(a, r));
            var batch = new BatchFetcher(client, List.copyOf(devnet.chain.contracts().values()), 7, new EventDecoder(roles))
                    .fetch(0, head.number(), null);
            assertThat(batch.events()).hasSize(devnet.chain.allEvents().size());
            assertThatThrownBy(() -> client.blockWithTxHashes(BlockId.number(1_000_000)))
                    .isInstanceOf(StarknetRpcException.class).hasMessageContaining("BLOCK_NOT_FOUND (24)");
        } finally {
            devnet.server.tap(null);
        }
        assertThat(seen.keySet()).contains("starknet_chainId", "starknet_blockNumber", "starknet_blockHashAndNumber",
                "starknet_getBlockWithTxHashes", "starknet_getEvents", "starknet_call");
        assertThat(problems).isEmpty();
    }

    @Test
    void theValidatorRejectsWhatTheSpecForbids() throws Exception {
        // Guards against a vacuous check: malformed answers and requests must fail validation.
        assertThat(SPEC.resultProblems("starknet_blockHashAndNumber", MAPPER.readTree("{\"block_hash\":\"0xZZ\",\"block_number\":1}"))).isNotEmpty();
        assertThat(SPEC.resultProblems("starknet_blockHashAndNumber", MAPPER.readTree("{\"block_number\":1}"))).isNotEmpty();
        assertThat(SPEC.resultProblems("starknet_getEvents", MAPPER.readTree("{\"events\":[{\"from_address\":\"0x1\",\"keys\":[],\"data\":[]}]}"))).isNotEmpty();
        assertThat(SPEC.paramProblems("starknet_getEvents", MAPPER.readTree("{\"filter\":{\"from_block\":{\"block_number\":0}}}"))).isNotEmpty();
        assertThat(SPEC.paramProblems("starknet_getBlockWithTxHashes", MAPPER.readTree("{\"block_id\":\"newest\"}"))).isNotEmpty();
        assertThat(SPEC.paramProblems("starknet_chainId", MAPPER.readTree("{\"extra\":1}"))).isNotEmpty();
    }
}
