package dev.opsdeck.backend.demo.devnet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * The devnet's HTTP JSON-RPC endpoint on its own loopback port ({@code POST /} and {@code POST /rpc}), with the
 * faults an operator rehearses: an outage (every call answered 503 until it ends) and optional per-call latency.
 */
public final class DevnetServer implements AutoCloseable {
    private final DevnetChain chain;
    private final DevnetRpc rpc;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Javalin app;
    private volatile Instant outageUntil = Instant.EPOCH;
    private volatile long latencyMs;
    private volatile BiConsumer<JsonNode, JsonNode> tap;

    public DevnetServer(DevnetChain chain, Clock clock) {
        this.chain = chain;
        this.mapper = new ObjectMapper();
        this.rpc = new DevnetRpc(chain, mapper);
        this.clock = clock;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = 0;
            cfg.routes.post("/", this::handle);
            cfg.routes.post("/rpc", this::handle);
        });
    }

    /** Starts listening on a free loopback port. */
    public DevnetServer start() {
        app.start();
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + app.port() + "/rpc";
    }

    public DevnetChain chain() {
        return chain;
    }

    /** Answers every call with HTTP 503 for {@code seconds}, as a provider outage looks from the client. */
    public void outage(long seconds) {
        outageUntil = clock.instant().plusSeconds(seconds);
    }

    public void endOutage() {
        outageUntil = Instant.EPOCH;
    }

    public boolean inOutage() {
        return clock.instant().isBefore(outageUntil);
    }

    public Instant outageUntil() {
        return outageUntil;
    }

    /** Adds this much delay to every call (a remote provider, or a slow catch-up for tests). */
    public void latencyMs(long ms) {
        this.latencyMs = ms;
    }

    /** Sees every request and its response (conformance tests validate both against the spec). */
    public void tap(BiConsumer<JsonNode, JsonNode> tap) {
        this.tap = tap;
    }

    private void handle(Context ctx) throws JsonProcessingException, InterruptedException {
        if (inOutage()) {
            ctx.status(503).contentType("application/json").result("{\"error\":\"devnet outage until " + outageUntil + "\"}");
            return;
        }
        if (latencyMs > 0) {
            Thread.sleep(latencyMs);
        }
        JsonNode req;
        try {
            req = mapper.readTree(ctx.bodyAsBytes());
        } catch (java.io.IOException e) {
            req = null; // answered below as a JSON-RPC parse error
        }
        ObjectNode resp;
        if (req == null) {
            resp = mapper.createObjectNode().put("jsonrpc", "2.0").putNull("id");
            resp.putObject("error").put("code", -32700).put("message", "Parse error");
        } else {
            resp = rpc.handle(req);
        }
        BiConsumer<JsonNode, JsonNode> t = tap;
        if (t != null && req != null) {
            t.accept(req, resp);
        }
        ctx.contentType("application/json").result(mapper.writeValueAsBytes(resp));
    }

    @Override
    public void close() {
        app.stop();
    }
}
