package dev.opsdeck.backend.demo.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo fleet makes a demo backend alive within seconds, through the real endpoints. */
class DemoFleetTest {

    private static JsonNode waitFor(TestBackend b, String path, Predicate<JsonNode> ok) throws InterruptedException {
        JsonNode last = null;
        for (int i = 0; i < 150; i++) {
            last = b.get(path).json();
            if (ok.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " never matched: " + last);
    }

    @Test
    void aDemoBackendHasALiveFleetWithinSeconds() throws Exception {
        try (TestBackend b = TestBackend.start(Store.H2, Map.of("OPSDECK_PROFILE", "demo", "DEMO_WORKERS", "6"))) {
            long t0 = System.nanoTime();
            JsonNode workers = waitFor(b, "/api/network/workers?state=online", n -> n.path("total").asInt() == 6);
            // Every worker has posted samples (not just six GPUs, which one multi-GPU worker could account for).
            JsonNode gpus = waitFor(b, "/api/validator/gpus?limit=500", n -> {
                java.util.Set<String> ids = new java.util.HashSet<>();
                n.path("items").forEach(g -> ids.add(g.path("worker_id").asText()));
                return ids.size() == 6;
            });
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
            assertThat(workers.path("items").get(0).path("worker_id").asText()).isEqualTo("demo-worker-001");
            assertThat(workers.path("items").get(0).path("hostname").asText()).isEqualTo("demo-worker-001.demo.local");
            for (JsonNode g : gpus.path("items")) {
                assertThat(g.path("utilization_percent").asDouble()).isBetween(0.0, 100.0);
                assertThat(g.path("temperature_c").asDouble()).isBetween(20.0, 110.0);
                assertThat(g.path("memory_used_mb").asDouble()).isLessThanOrEqualTo(g.path("memory_total_mb").asDouble());
            }
            JsonNode stats = b.get("/api/network/stats").json();
            assertThat(stats.path("gpus").path("active").asInt()).isEqualTo(stats.path("gpus").path("total").asInt());
            assertThat(b.get("/metrics").body()).contains("gpu_utilization_percent{gpu=\"0\",worker=\"demo-worker-003\"}");
        }
    }

    @Test
    void theSimulatorIsAServiceThatStopsAndStarts() throws Exception {
        try (TestBackend b = TestBackend.start(Store.H2)) {
            FleetSimulator sim = new FleetSimulator(new FleetSimulator.Settings(3, Duration.ofSeconds(10), Duration.ofSeconds(1), 0, 7),
                    () -> b.backend().baseUrl().toString(), TestBackend.API_TOKEN, Json.newMapper(), Clock.systemUTC());
            assertThat(sim.kind()).isEqualTo("simulator");
            assertThat(sim.status().state()).isEqualTo("stopped");
            assertThat(sim.start().state()).isEqualTo("up");
            waitFor(b, "/api/network/workers?state=online", n -> n.path("total").asInt() == 3);
            assertThat(sim.stop().state()).isEqualTo("stopped");
            Thread.sleep(300);
            long sent = ((Number) sim.status().details().get("requests_sent")).longValue();
            Thread.sleep(1500);
            assertThat(((Number) sim.status().details().get("requests_sent")).longValue()).isEqualTo(sent);
            assertThat(sim.status().details().get("requests_failed")).isEqualTo(0L);
        }
    }

    @Test
    void tracesFollowTheDayAndTheSpecialWorkersBehave() {
        Instant start = Instant.parse("2026-11-23T00:00:00Z");
        assertThat(SimulatedWorker.dailyLoad(Instant.parse("2026-11-23T15:00:00Z")))
                .isGreaterThan(SimulatedWorker.dailyLoad(Instant.parse("2026-11-23T03:00:00Z")) + 0.5);

        SimulatedWorker normal = new SimulatedWorker(0, 1, start);
        SimulatedWorker hot = new SimulatedWorker(2, 1, start);
        assertThat(hot.hot).isTrue();
        assertThat(avgTemp(hot, start.plusSeconds(15 * 3600))).isGreaterThan(avgTemp(normal, start.plusSeconds(15 * 3600)) + 10);

        SimulatedWorker drop = new SimulatedWorker(1, 1, start);
        assertThat(drop.silent(start.plusSeconds(60), start)).isFalse();
        String bootBefore = (String) drop.heartbeat(start.plusSeconds(60), 10).get("boot_id");
        assertThat(drop.silent(start.plusSeconds(5 * 60), start)).isTrue();
        assertThat(drop.silent(start.plusSeconds(10 * 60), start)).isFalse();
        assertThat(drop.heartbeat(start.plusSeconds(10 * 60), 10).get("boot_id")).isNotEqualTo(bootBefore);
        assertThat(normal.silent(start.plusSeconds(5 * 60), start)).isFalse();
        assertThat(normal.gpus).isBetween(1, 8);
    }

    @SuppressWarnings("unchecked")
    private static double avgTemp(SimulatedWorker w, Instant t) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < 20; i++) {
            for (Object g : (Iterable<Object>) w.metrics(t, 0).get("gpus")) {
                sum += ((Number) ((Map<String, Object>) g).get("temperature_c")).doubleValue();
                n++;
            }
        }
        return sum / n;
    }
}
