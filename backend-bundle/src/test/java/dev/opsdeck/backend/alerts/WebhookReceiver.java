package dev.opsdeck.backend.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP receiver on a free loopback port that records what the backend posts, answering a settable status. */
final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpServer server;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            if (status == 200) {
                received.add(MAPPER.readTree(new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    void answer(int code) {
        status = code;
    }

    int requests() {
        return requests.get();
    }

    /** The next accepted payload, waiting up to five seconds. */
    JsonNode next() {
        try {
            JsonNode n = received.poll(5, TimeUnit.SECONDS);
            if (n == null) {
                throw new AssertionError("no webhook arrived within 5 s");
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next accepted payload for rule {@code alertname}, skipping other rules' notifications. */
    JsonNode nextFor(String alertname) {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode n : received) {
                if (n.path("groupLabels").path("alertname").asText().equals(alertname)) {
                    received.remove(n);
                    return n;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no webhook for " + alertname + " arrived within 5 s");
    }

    /** Payloads received so far for rule {@code alertname}, without consuming them. */
    java.util.List<JsonNode> receivedFor(String alertname) {
        return received.stream().filter(n -> n.path("groupLabels").path("alertname").asText().equals(alertname)).toList();
    }

    boolean nothingReceived() {
        return received.isEmpty();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
