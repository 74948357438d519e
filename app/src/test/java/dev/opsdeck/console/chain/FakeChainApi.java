package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.connection.ApiException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link ChainApi} answering with JSON set by the test (in the backend's shapes), or failing as told. */
final class FakeChainApi implements ChainApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Map<String, String> answers = new HashMap<>();
    final Map<String, ApiException> failures = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    FakeChainApi answer(String call, String json) {
        answers.put(call, json.replace('\'', '"'));
        return this;
    }

    FakeChainApi fail(String call, ApiException e) {
        failures.put(call, e);
        return this;
    }

    private JsonNode reply(String call) throws ApiException {
        calls.add(call);
        String key = call.contains(" ") ? call.substring(0, call.indexOf(' ')) : call;
        ApiException e = failures.containsKey(call) ? failures.get(call) : failures.get(key);
        if (e != null) {
            throw e;
        }
        String json = answers.containsKey(call) ? answers.get(call) : answers.get(key);
        if (json == null) {
            throw new ApiException(404, "no answer for " + call, "");
        }
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException x) {
            throw new IllegalStateException(x);
        }
    }

    @Override public JsonNode status() throws ApiException { return reply("status"); }
    @Override public JsonNode events(String query) throws ApiException { return reply("events " + query); }
    @Override public JsonNode validators() throws ApiException { return reply("validators"); }
    @Override public JsonNode contracts() throws ApiException { return reply("contracts"); }
    @Override public JsonNode createCheckpoint() throws ApiException { return reply("createCheckpoint"); }
    @Override public JsonNode verifyCheckpoint() throws ApiException { return reply("verify"); }
    @Override public JsonNode reconnect(String service, String key) throws ApiException { return reply("reconnect " + service + " " + key); }
    @Override public JsonNode devnet() throws ApiException { return reply("devnet"); }
    @Override public JsonNode reorg(int depth) throws ApiException { return reply("reorg " + depth); }
    @Override public JsonNode reorgs(int limit) throws ApiException { return reply("reorgs"); }
    @Override public JsonNode outage(int seconds) throws ApiException { return reply("outage " + seconds); }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s.replace('\'', '"'));
        } catch (java.io.IOException x) {
            throw new IllegalStateException(x);
        }
    }
}
