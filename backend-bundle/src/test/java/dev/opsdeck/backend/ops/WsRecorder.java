package dev.opsdeck.backend.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.testing.TestBackend;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client on {@code /ws?topics=...} that keeps every event it receives. */
final class WsRecorder extends WebSocketClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private WsRecorder(URI uri) {
        super(uri);
    }

    static WsRecorder open(TestBackend b, String topics) throws InterruptedException {
        WsRecorder r = new WsRecorder(URI.create(b.url("/ws?topics=" + topics).replaceFirst("^http", "ws")));
        if (!r.connectBlocking(10, TimeUnit.SECONDS)) {
            throw new AssertionError("websocket did not connect");
        }
        r.await(e -> "welcome".equals(e.path("type").asText()), 5);
        return r;
    }

    JsonNode await(Predicate<JsonNode> p, int seconds) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode e : events) {
                if (p.test(e)) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching event within " + seconds + " s; got " + events);
    }

    List<JsonNode> events() {
        return events;
    }

    @Override
    public void onOpen(ServerHandshake h) {
    }

    @Override
    public void onMessage(String message) {
        try {
            events.add(MAPPER.readTree(message));
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + message, e);
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
    }

    @Override
    public void onError(Exception ex) {
    }
}
