package dev.opsdeck.backend.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.events.WebSocketHub;
import dev.opsdeck.backend.platform.http.HttpServer;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A real Jetty server with the hub and real WebSocket clients: topic paths and subscriptions filter one stream. */
class WebSocketHubTest {
    private final ObjectMapper mapper = Json.newMapper();
    private final Metrics metrics = new Metrics();
    private final EventBus bus = new EventBus();
    private WebSocketHub hub;
    private HttpServer server;

    @BeforeEach
    void start() {
        hub = new WebSocketHub(mapper, metrics);
        bus.subscribe(hub);
        server = new HttpServer("127.0.0.1", 0, mapper, metrics, List.of(), List.of(), hub::register);
        server.start();
    }

    @AfterEach
    void stop() {
        hub.close();
        server.stop(1000);
    }

    @Test
    void topicPathsAndSubscriptionsFilterTheStream() throws Exception {
        Client all = connect("/ws");
        Client jobs = connect("/ws/jobs");
        Client alerts = connect("/ws?topics=alerts");
        for (Client c : List.of(all, jobs, alerts)) {
            assertThat(c.next().path("type").asText()).isEqualTo("welcome");
        }
        assertThat(hub.subscribers()).isEqualTo(3);
        assertThat(metrics.scrapeText()).contains("websocket_subscribers_total 3.0");

        bus.publish("jobs", "job.completed", Map.of("job_id", "j-1"));
        bus.publish("alerts", "alert.firing", Map.of("rule", "NoActiveWorkers"));

        assertThat(all.next().path("type").asText()).isEqualTo("job.completed");
        assertThat(all.next().path("type").asText()).isEqualTo("alert.firing");
        JsonNode j = jobs.next();
        assertThat(j.path("topic").asText()).isEqualTo("jobs");
        assertThat(j.path("data").path("job_id").asText()).isEqualTo("j-1");
        assertThat(j.has("ts")).isTrue();
        assertThat(alerts.next().path("type").asText()).isEqualTo("alert.firing");
        // Neither filtered client saw the other's topic.
        assertThat(jobs.poll(300)).isNull();
        assertThat(alerts.poll(300)).isNull();

        // /ws narrows itself with a subscribe message.
        all.send("{\"action\":\"subscribe\",\"topics\":[\"workers\"]}");
        assertThat(all.next().path("type").asText()).isEqualTo("subscribed");
        bus.publish("jobs", "job.completed", Map.of());
        bus.publish("workers", "worker.joined", Map.of("worker_id", "w-1"));
        assertThat(all.next().path("type").asText()).isEqualTo("worker.joined");

        all.send("not json");
        assertThat(all.next().path("type").asText()).isEqualTo("error");

        all.closeBlocking();
        jobs.closeBlocking();
        alerts.closeBlocking();
        long deadline = System.currentTimeMillis() + 5000;
        while (hub.subscribers() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(hub.subscribers()).isZero();
    }

    private Client connect(String path) throws InterruptedException {
        Client c = new Client(URI.create("ws://127.0.0.1:" + server.port() + path));
        assertThat(c.connectBlocking(5, TimeUnit.SECONDS)).as("connect " + path).isTrue();
        return c;
    }

    private final class Client extends WebSocketClient {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

        Client(URI uri) {
            super(uri);
        }

        @Override public void onOpen(ServerHandshake h) { }
        @Override public void onMessage(String m) { messages.add(m); }
        @Override public void onClose(int code, String reason, boolean remote) { }
        @Override public void onError(Exception e) { }

        JsonNode next() throws Exception {
            String m = messages.poll(5, TimeUnit.SECONDS);
            assertThat(m).as("a message within 5 s").isNotNull();
            return mapper.readTree(m);
        }

        JsonNode poll(long ms) throws Exception {
            String m = messages.poll(ms, TimeUnit.MILLISECONDS);
            return m == null ? null : mapper.readTree(m);
        }
    }
}
