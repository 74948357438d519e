package dev.opsdeck.backend.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.metrics.core.metrics.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One JSON-RPC endpoint: its own HTTP client (so a reconnect really drops its pooled connections),
 * a timeout per call, and the numbers an operator wants about it: last latency, failures, last error.
 */
public final class RpcProvider {
    private final String name;
    private final URI url;
    private final Duration timeout;
    private final ObjectMapper mapper;
    private final Histogram durations;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile HttpClient http;
    private volatile Double latencyMs;
    private volatile String lastError;
    private volatile int consecutiveFailures;
    private volatile Instant since;
    private volatile Instant retryAfter = Instant.EPOCH;

    public RpcProvider(String name, URI url, Duration timeout, ObjectMapper mapper, Histogram durations, Clock clock) {
        this.name = name;
        this.url = url;
        this.timeout = timeout;
        this.mapper = mapper;
        this.durations = durations;
        this.clock = clock;
        this.since = clock.instant();
        this.http = newClient();
    }

    private HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public String name() {
        return name;
    }

    public URI url() {
        return url;
    }

    /** URL without user info, path or query: API keys often travel in those. */
    public String safeUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }

    /**
     * Calls {@code method} with named parameters.
     *
     * @throws StarknetRpcException   when the node answers with an error
     * @throws RpcUnavailableException when it cannot be reached or answers nonsense
     */
    public JsonNode call(String method, ObjectNode params) {
        ObjectNode req = mapper.createObjectNode();
        req.put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", method);
        req.set("params", params == null ? mapper.createObjectNode() : params);
        long t0 = System.nanoTime();
        calls.incrementAndGet();
        try {
            byte[] body = mapper.writeValueAsBytes(req);
            HttpRequest httpReq = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<byte[]> resp = http.send(httpReq, HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() != 200) {
                throw new RpcUnavailableException(name + ": HTTP " + resp.statusCode() + " from " + safeUrl());
            }
            JsonNode reply = mapper.readTree(resp.body());
            if (reply == null || !reply.isObject()) {
                throw new RpcUnavailableException(name + ": answer is not a JSON-RPC object");
            }
            succeeded(t0, method);
            JsonNode error = reply.get("error");
            if (error != null && !error.isNull()) {
                throw new StarknetRpcException(method, error.path("code").asInt(), error.path("message").asText("")
                        + (error.has("data") ? " " + error.get("data") : ""));
            }
            if (!reply.has("result")) {
                throw new RpcUnavailableException(name + ": answer has neither result nor error");
            }
            return reply.get("result");
        } catch (HttpTimeoutException e) {
            throw failed(t0, method, new RpcUnavailableException(name + ": timed out after " + timeout.toMillis() + " ms", e));
        } catch (IOException e) {
            throw failed(t0, method, new RpcUnavailableException(name + ": " + describe(e), e));
        } catch (RpcUnavailableException e) {
            throw failed(t0, method, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcUnavailableException(name + ": interrupted", e);
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private void succeeded(long t0, String method) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        durations.labelValues(method, name).observe(seconds);
        latencyMs = Math.round(seconds * 1e5) / 100.0;
        if (consecutiveFailures > 0) {
            since = clock.instant();
        }
        consecutiveFailures = 0;
    }

    private RpcUnavailableException failed(long t0, String method, RpcUnavailableException e) {
        durations.labelValues(method, name).observe((System.nanoTime() - t0) / 1e9);
        failures.incrementAndGet();
        lastError = e.getMessage();
        if (consecutiveFailures++ == 0) {
            since = clock.instant();
        }
        // Back off this provider a little per failure so the pool prefers the others meanwhile.
        long pauseMs = Math.min(30_000, 250L << Math.min(consecutiveFailures, 7));
        retryAfter = clock.instant().plusMillis(pauseMs);
        return e;
    }

    /** Not failed recently: the pool tries these first. */
    public boolean available() {
        return consecutiveFailures == 0 || clock.instant().isAfter(retryAfter);
    }

    public boolean healthy() {
        return consecutiveFailures == 0;
    }

    /** Drops pooled connections (a new client) and forgets the back-off, so the next call connects afresh. */
    public void reconnect() {
        http = newClient();
        retryAfter = Instant.EPOCH;
    }

    public Double latencyMs() {
        return latencyMs;
    }

    public String lastError() {
        return lastError;
    }

    public Instant since() {
        return since;
    }

    public long calls() {
        return calls.get();
    }

    public long failures() {
        return failures.get();
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }
}
