package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.shell.Session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** {@link ChainApi} over the session's current client: follows reconnects and environment switches. */
final class HttpChainApi implements ChainApi {
    private final Session session;

    HttpChainApi(Session session) {
        this.session = session;
    }

    @Override
    public JsonNode status() throws ApiException {
        return session.api().get("/api/chain/status");
    }

    @Override
    public JsonNode reorgs(int limit) throws ApiException {
        return session.api().get("/api/chain/reorgs?limit=" + limit);
    }

    @Override
    public JsonNode events(String query) throws ApiException {
        return session.api().get("/api/chain/events" + (query.isEmpty() ? "" : "?" + query));
    }

    @Override
    public JsonNode validators() throws ApiException {
        return session.api().get("/api/validator/status");
    }

    @Override
    public JsonNode contracts() throws ApiException {
        return session.api().get("/api/contracts");
    }

    @Override
    public JsonNode createCheckpoint() throws ApiException {
        return session.api().post("/admin/chain/checkpoint", Map.of());
    }

    @Override
    public JsonNode verifyCheckpoint() throws ApiException {
        return session.api().get("/admin/chain/checkpoint/verify");
    }

    @Override
    public JsonNode reconnect(String service, String idempotencyKey) throws ApiException {
        return session.api().post("/admin/services/" + URLEncoder.encode(service, StandardCharsets.UTF_8) + "/reconnect",
                Map.of(), Optional.of(idempotencyKey));
    }

    @Override
    public JsonNode devnet() throws ApiException {
        return session.api().get("/admin/chain/devnet");
    }

    @Override
    public JsonNode reorg(int depth) throws ApiException {
        return session.api().post("/admin/chain/devnet/reorg", Map.of("depth", depth));
    }

    @Override
    public JsonNode outage(int seconds) throws ApiException {
        return session.api().post("/admin/chain/devnet/outage", Map.of("seconds", seconds));
    }
}
