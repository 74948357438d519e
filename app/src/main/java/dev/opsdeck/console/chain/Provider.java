package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One StarkNet RPC provider as {@code /api/chain/status} reports it.
 *
 * @param name      service name, also the path segment of its reconnect action
 * @param state     {@code up}, {@code down} or {@code starting}
 * @param latencyMs latency of the last call; {@code null} before any call
 * @param lastError the last failure in the provider's words, {@code null} when none
 * @param url       the endpoint without credentials
 * @param failures  failed calls since start
 */
public record Provider(String name, String state, Double latencyMs, String lastError, String url, long failures) {

    static Provider from(JsonNode n) {
        JsonNode s = n.path("status");
        JsonNode d = s.path("details");
        Long failures = JsonFields.whole(d, "failures");
        return new Provider(JsonFields.text(n, "name"), JsonFields.text(s, "state"), JsonFields.number(s, "latency_ms"),
                JsonFields.text(s, "last_error"), JsonFields.text(d, "url"), failures == null ? 0 : failures);
    }
}
