package dev.opsdeck.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.connection.ApiException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers by "METHOD path" from JSON given by the test, records every call with its body; unknown calls are a 404. */
final class FakeAlertsApi implements AlertsApi {
    static final ObjectMapper JSON = new ObjectMapper();

    record Call(String method, String path, JsonNode body, Optional<String> key) { }

    final List<Call> calls = new ArrayList<>();
    private final Map<String, Object> answers = new HashMap<>();

    /** {@code answer} is JSON text, or an ApiException to throw. */
    FakeAlertsApi on(String methodAndPath, Object answer) {
        answers.put(methodAndPath, answer);
        return this;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode answer(String method, String path, Object body, Optional<String> key) throws ApiException {
        calls.add(new Call(method, path, body == null ? null : JSON.valueToTree(body), key));
        Object a = answers.get(method + " " + path);
        if (a == null) {
            throw new ApiException(404, "not found (404)", "");
        }
        if (a instanceof ApiException e) {
            throw e;
        }
        return json((String) a);
    }

    @Override
    public JsonNode get(String path) throws ApiException {
        return answer("GET", path, null, Optional.empty());
    }

    @Override
    public JsonNode post(String path, Object body, Optional<String> idempotencyKey) throws ApiException {
        return answer("POST", path, body, idempotencyKey);
    }

    @Override
    public JsonNode put(String path, Object body) throws ApiException {
        return answer("PUT", path, body, Optional.empty());
    }

    @Override
    public JsonNode delete(String path) throws ApiException {
        return answer("DELETE", path, null, Optional.empty());
    }

    Call last() {
        return calls.get(calls.size() - 1);
    }
}
