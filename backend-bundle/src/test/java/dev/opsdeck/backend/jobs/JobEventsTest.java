package dev.opsdeck.backend.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A console on {@code /ws/jobs} sees a job's life: submitted, assigned, completed. */
class JobEventsTest {
    static final String[] API = {"Authorization", "Bearer " + TestBackend.API_TOKEN};
    TestBackend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void jobLifecycleIsStreamedOnTheJobsTopic() throws Exception {
        backend = TestBackend.start(Store.H2);
        new Fleet(backend.jdbcUrl()).worker("ws-worker", 1, "L4");
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        URI uri = URI.create(backend.url("/ws/jobs?token=" + TestBackend.VIEWER_TOKEN).replaceFirst("^http", "ws"));
        WebSocketClient ws = new WebSocketClient(uri) {
            @Override public void onOpen(ServerHandshake h) { }
            @Override public void onMessage(String m) {
                try {
                    events.add(mapper.readTree(m));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            @Override public void onClose(int code, String reason, boolean remote) { }
            @Override public void onError(Exception e) { }
        };
        assertThat(ws.connectBlocking(10, TimeUnit.SECONDS)).isTrue();
        try {
            // The hub subscribes the socket just before it sends "welcome"; events before that are not for us.
            long subscribed = System.currentTimeMillis() + 10_000;
            while (events.stream().noneMatch(e -> e.path("type").asText().equals("welcome")) && System.currentTimeMillis() < subscribed) {
                Thread.sleep(20);
            }
            String id = backend.post("/api/jobs", "{\"job_type\":\"ws\",\"queue\":\"ws\"}", API).json().path("job_id").asText();
            JsonNode job = backend.post("/api/worker/jobs/claim", "{\"worker_id\":\"ws-worker\",\"queue\":\"ws\"}", API).json().path("jobs").get(0);
            backend.post("/api/worker/jobs/" + id + "/result", "{\"worker_id\":\"ws-worker\",\"lease_token\":\""
                    + job.path("lease_token").asText() + "\",\"status\":\"completed\"}", API);
            long deadline = System.currentTimeMillis() + 10_000;
            while (events.stream().noneMatch(e -> e.path("type").asText().equals("job.completed")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            List<String> types = events.stream().filter(e -> e.path("topic").asText().equals("jobs"))
                    .map(e -> e.path("type").asText()).toList();
            assertThat(types).containsSubsequence("job.submitted", "job.assigned", "job.completed");
            JsonNode done = events.stream().filter(e -> e.path("type").asText().equals("job.completed")).findFirst().orElseThrow();
            assertThat(done.path("data").path("job_id").asText()).isEqualTo(id);
            assertThat(done.path("data").path("worker_id").asText()).isEqualTo("ws-worker");
        } finally {
            ws.closeBlocking();
        }
    }
}
