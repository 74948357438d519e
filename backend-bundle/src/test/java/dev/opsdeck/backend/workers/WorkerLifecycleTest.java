package dev.opsdeck.backend.workers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker's life seen from outside with thresholds of a few seconds: joins, goes silent, is judged late,
 * stale, offline (never busy while offline), appears in "recently departed", and comes back - with the
 * {@code /ws/workers} events an operator's console would get.
 */
class WorkerLifecycleTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private TestBackend backend;
    private WebSocketClient ws;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    void start(Store store) throws Exception {
        backend = TestBackend.start(store, Map.of("WORKER_HEARTBEAT_INTERVAL_SECONDS", "1", "WORKER_LATE_AFTER_SECONDS", "2",
                "WORKER_STALE_AFTER_SECONDS", "3", "WORKER_OFFLINE_AFTER_SECONDS", "4", "WORKER_SWEEP_EVERY_MS", "100"));
        ws = new WebSocketClient(URI.create(backend.url("/ws/workers").replace("http", "ws"))) {
            @Override public void onOpen(ServerHandshake h) { }
            @Override public void onMessage(String m) {
                try {
                    events.add(MAPPER.readTree(m));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            @Override public void onClose(int code, String reason, boolean remote) { }
            @Override public void onError(Exception e) { }
        };
        assertThat(ws.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
        // The server registers the session when it sends its welcome, which can trail the client's handshake.
        waitFor(() -> types().contains("welcome"));
    }

    @BeforeEach
    void clear() {
        events.clear();
    }

    @AfterEach
    void stop() throws Exception {
        if (ws != null) {
            ws.closeBlocking();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aSilentWorkerGoesOfflineIsNeverBusyThenReturns(Store store) throws Exception {
        start(store);
        String[] auth = {"Authorization", "Bearer " + TestBackend.API_TOKEN};
        TestBackend.Reply hb = backend.post("/api/worker/heartbeat", "{\"worker_id\":\"w-life\",\"active_jobs\":3}", auth);
        assertThat(hb.status()).as(hb.body()).isEqualTo(200);
        backend.post("/api/worker/gpu-metrics", "{\"worker_id\":\"w-life\",\"gpus\":[{\"index\":0,\"utilization_percent\":88}]}", auth);
        assertThat(backend.get("/api/worker/status?worker=w-life").json().path("busy").asBoolean()).isTrue();

        JsonNode status = waitForState("w-life", "offline");
        assertThat(status.path("busy").asBoolean()).isFalse();
        assertThat(status.path("active_jobs").asInt()).isZero();
        assertThat(status.path("last_reported_active_jobs").asInt()).isEqualTo(3);
        JsonNode list = backend.get("/api/network/workers").json();
        assertThat(list.path("recently_departed").toString()).contains("w-life");
        assertThat(list.path("items").get(0).path("busy").asBoolean()).isFalse();
        assertThat(backend.get("/metrics").body()).doesNotContain("gpu_utilization_percent{gpu=\"0\",worker=\"w-life\"}")
                .contains("active_workers_total 0.0");

        // The status answer judges the age itself; the announcement comes from the periodic sweep, which may trail it.
        waitFor(() -> types().contains("worker.state_changed:stale:offline"));
        backend.post("/api/worker/heartbeat", "{\"worker_id\":\"w-life\"}", auth);
        assertThat(backend.get("/api/worker/status?worker=w-life").json().path("state").asText()).isEqualTo("online");
        assertThat(backend.get("/api/network/workers").json().path("recently_departed").toString()).doesNotContain("w-life");

        waitFor(() -> types().contains("worker.state_changed:offline:online"));
        assertThat(types()).contains("worker.joined", "worker.state_changed:online:late", "worker.state_changed:late:stale",
                "worker.state_changed:stale:offline", "worker.state_changed:offline:online", "gpu.samples");
        // Uptime of a worker that was silent most of its short life is well below 100 %.
        double up = backend.get("/api/worker/uptime?worker=w-life").json().path("windows").path("1h").path("uptime_percent").asDouble();
        assertThat(up).isLessThan(90.0);
    }

    private List<String> types() {
        return events.stream().map(e -> e.path("type").asText()
                + (e.path("type").asText().equals("worker.state_changed") ? ":" + e.path("data").path("from").asText() + ":" + e.path("data").path("to").asText() : ""))
                .toList();
    }

    private JsonNode waitForState(String worker, String state) throws InterruptedException {
        JsonNode s = null;
        for (int i = 0; i < 80; i++) {
            s = backend.get("/api/worker/status?worker=" + worker).json();
            if (s.path("state").asText().equals(state)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("worker never reached " + state + ": " + s);
    }

    private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        for (int i = 0; i < 100 && !c.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
    }
}
