package dev.opsdeck.backend.workers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every workers route on a real server over H2 and PostgreSQL, good and bad input. */
@ParameterizedClass
@EnumSource(Store.class)
class WorkerRoutesTest {
    static final String[] AUTH = {"Authorization", "Bearer " + TestBackend.API_TOKEN};

    @Parameter
    Store store;

    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        backend = TestBackend.start(store, Map.of("WORKER_ROLLUP_EVERY_SECONDS", "1", "WORKER_UPTIME_REFRESH_SECONDS", "1"));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    static String newWorker() {
        return "w-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static TestBackend.Reply heartbeat(String worker, String extra) {
        return backend.post("/api/worker/heartbeat", "{\"worker_id\":\"" + worker + "\"" + extra + "}", AUTH);
    }

    static String gpu(int index, double util, String extra) {
        return "{\"index\":" + index + ",\"name\":\"NVIDIA A100-SXM4-80GB\",\"utilization_percent\":" + util
                + ",\"memory_used_mb\":1000,\"memory_total_mb\":81920,\"temperature_c\":55,\"power_watts\":250,\"sm_clock_mhz\":1410" + extra + "}";
    }

    static TestBackend.Reply metrics(String worker, String... gpus) {
        return backend.post("/api/worker/gpu-metrics", "{\"worker_id\":\"" + worker + "\",\"gpus\":[" + String.join(",", gpus) + "]}", AUTH);
    }

    static void assertField(TestBackend.Reply r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("details").path("field").asText()).as(r.body()).isEqualTo(field);
        if (status == 400) {
            assertThat(r.json().path("message").asText()).startsWith(field);
        }
    }

    @Test
    void heartbeatRegistersTheWorkerOnline() {
        String w = newWorker();
        TestBackend.Reply r = heartbeat(w, ",\"boot_id\":\"b1\",\"uptime_seconds\":100,\"active_jobs\":2,\"hostname\":\"gpu-1\",\"gpu_count\":2");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("joined").asBoolean()).isTrue();
        assertThat(r.json().path("state").asText()).isEqualTo("online");

        JsonNode s = backend.get("/api/worker/status?worker=" + w).json();
        assertThat(s.path("state").asText()).isEqualTo("online");
        assertThat(s.path("hostname").asText()).isEqualTo("gpu-1");
        assertThat(s.path("busy").asBoolean()).isTrue();
        assertThat(s.path("active_jobs").asInt()).isEqualTo(2);
        assertThat(s.path("thresholds").path("late_after_seconds").asLong()).isEqualTo(30);
        assertThat(s.path("thresholds").path("offline_after_seconds").asLong()).isEqualTo(300);
    }

    @Test
    void restartsAreCountedFromBootIdOrUptimeGoingBack() {
        String w = newWorker();
        heartbeat(w, ",\"boot_id\":\"b1\",\"uptime_seconds\":100");
        TestBackend.Reply same = heartbeat(w, ",\"boot_id\":\"b1\",\"uptime_seconds\":110");
        assertThat(same.json().path("restart_detected").asBoolean()).isFalse();
        TestBackend.Reply newBoot = heartbeat(w, ",\"boot_id\":\"b2\",\"uptime_seconds\":5");
        assertThat(newBoot.json().path("restart_detected").asBoolean()).isTrue();
        TestBackend.Reply back = heartbeat(w, ",\"uptime_seconds\":1");
        assertThat(back.json().path("restart_detected").asBoolean()).isTrue();
        assertThat(back.json().path("restart_count").asInt()).isEqualTo(2);
        assertThat(backend.get("/api/worker/status?worker=" + w).json().path("restart_count").asInt()).isEqualTo(2);
    }

    @Test
    void workerIdentityMayComeFromTheHeader() {
        String w = newWorker();
        TestBackend.Reply r = backend.post("/api/worker/heartbeat", "{\"cpu_percent\":12.5}", "Authorization", "Bearer " + TestBackend.API_TOKEN,
                "X-Worker-Id", w);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("worker_id").asText()).isEqualTo(w);
        TestBackend.Reply clash = backend.post("/api/worker/heartbeat", "{\"worker_id\":\"other\"}", "Authorization",
                "Bearer " + TestBackend.API_TOKEN, "X-Worker-Id", w);
        assertField(clash, 400, "worker_id");
    }

    @Test
    void badHeartbeatsAreRefusedNamingTheField() {
        assertField(backend.post("/api/worker/heartbeat", "{\"cpu_percent\":1}", AUTH), 400, "worker_id");
        assertField(heartbeat("bad id!", ""), 400, "worker_id");
        assertField(heartbeat(newWorker(), ",\"cpu_percent\":150"), 400, "cpu_percent");
        assertField(heartbeat(newWorker(), ",\"active_jobs\":-1"), 400, "active_jobs");
        assertField(heartbeat(newWorker(), ",\"uptime_seconds\":\"long\""), 400, "uptime_seconds");
        assertField(heartbeat(newWorker(), ",\"colour\":\"red\""), 400, "colour");
        assertField(heartbeat(newWorker(), ",\"status\":\"sleeping\""), 400, "status");
        assertField(heartbeat(newWorker(), ",\"wallet_address\":\"nothex\""), 400, "wallet_address");
        assertThat(backend.post("/api/worker/heartbeat", "{not json", AUTH).status()).isEqualTo(400);
        assertThat(backend.post("/api/worker/heartbeat", "", AUTH).status()).isEqualTo(400);
        assertThat(backend.post("/api/worker/heartbeat", "{\"worker_id\":\"x\"}").status()).isEqualTo(401);
        assertThat(backend.post("/api/worker/heartbeat", "{\"worker_id\":\"x\"}", "Authorization", "Bearer " + TestBackend.VIEWER_TOKEN).status())
                .isEqualTo(403);
    }

    @Test
    void gpuMetricsAreStoredAndShownAsLatest() {
        String w = newWorker();
        heartbeat(w, "");
        TestBackend.Reply r = metrics(w, gpu(0, 40, ""), gpu(1, 90, ""));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("accepted").asInt()).isEqualTo(2);
        metrics(w, gpu(0, 60, ""), gpu(1, 95, ""));

        JsonNode gpus = backend.get("/api/validator/gpus?worker=" + w).json();
        assertThat(gpus.path("total").asInt()).isEqualTo(2);
        assertThat(gpus.path("items").get(0).path("utilization_percent").asDouble()).isEqualTo(60);
        assertThat(gpus.path("items").get(1).path("utilization_percent").asDouble()).isEqualTo(95);
        assertThat(gpus.path("items").get(1).path("model").asText()).isEqualTo("NVIDIA A100-SXM4-80GB");
        assertThat(gpus.path("items").get(0).path("worker_state").asText()).isEqualTo("online");

        JsonNode page = backend.get("/api/validator/gpus?worker=" + w + "&limit=1&offset=1").json();
        assertThat(page.path("items")).hasSize(1);
        assertThat(page.path("items").get(0).path("gpu_index").asInt()).isEqualTo(1);
        assertThat(page.path("next_offset").isNull()).isTrue();

        String scrape = backend.get("/metrics").body();
        assertThat(scrape).contains("gpu_utilization_percent{gpu=\"1\",worker=\"" + w + "\"} 95.0");
        assertThat(scrape).contains("# TYPE active_workers_total untyped");
        assertThat(scrape).containsPattern("worker_heartbeats_total [1-9]");
    }

    @Test
    void badSamplesAreRefusedNamingTheFieldAndNothingIsWritten() {
        String w = newWorker();
        heartbeat(w, "");
        assertField(metrics(w, gpu(0, 50, ""), gpu(1, 101, "")), 400, "gpus[1].utilization_percent");
        assertThat(backend.get("/api/validator/gpus?worker=" + w).json().path("total").asInt()).isZero();
        assertField(metrics(w, gpu(0, 50, ""), gpu(0, 50, "")), 400, "gpus[1].index");
        assertField(metrics(w, gpu(0, 50, ",\"temperature_c\":200").replace("\"temperature_c\":55,", "")), 400, "gpus[0].temperature_c");
        assertField(metrics(w, "{\"index\":0,\"memory_used_mb\":900,\"memory_total_mb\":800,\"utilization_percent\":1}"), 400, "gpus[0].memory_used_mb");
        assertField(metrics(w, "{\"index\":0}"), 400, "gpus[0].utilization_percent");
        // Type errors are named by the platform JSON reader with the same path syntax as range checks.
        assertField(metrics(w, "{\"index\":0,\"utilization_percent\":\"high\"}"), 400, "gpus[0].utilization_percent");
        assertField(metrics(w), 400, "gpus");
        assertField(metrics(w, gpu(0, 5, ",\"xid_errors\":[{\"code\":0}]")), 400, "gpus[0].xid_errors[0].code");
        assertField(backend.post("/api/worker/gpu-metrics", "{\"worker_id\":\"" + w + "\",\"recorded_at\":\"2001-01-01T00:00:00Z\",\"gpus\":["
                + gpu(0, 1, "") + "]}", AUTH), 400, "recorded_at");
        assertThat(backend.get("/api/validator/gpus?worker=" + w).json().path("total").asInt()).isZero();
        TestBackend.Reply unknown = metrics(newWorker(), gpu(0, 1, ""));
        assertThat(unknown.status()).isEqualTo(409);
        assertThat(unknown.json().path("error").asText()).isEqualTo("unknown_worker");
    }

    @Test
    void xidAndDoubleBitEccErrorsBecomeEventsPerGpu() {
        String w = newWorker();
        heartbeat(w, "");
        metrics(w, gpu(0, 10, ",\"ecc_dbe_count\":0"), gpu(1, 10, ",\"ecc_dbe_count\":0"));
        TestBackend.Reply r = metrics(w, gpu(0, 10, ",\"ecc_dbe_count\":2"),
                gpu(1, 10, ",\"ecc_dbe_count\":0,\"xid_errors\":[{\"code\":79},{\"code\":13,\"message\":\"Graphics engine exception\"}]"));
        assertThat(r.json().path("events").asInt()).isEqualTo(3);
        // The same counter again is not a new error.
        assertThat(metrics(w, gpu(0, 10, ",\"ecc_dbe_count\":2")).json().path("events").asInt()).isZero();

        JsonNode gpus = backend.get("/api/validator/gpus?worker=" + w).json().path("items");
        assertThat(gpus.get(0).path("errors_24h").path("ecc_dbe").asLong()).isEqualTo(1);
        assertThat(gpus.get(0).path("errors_24h").path("xid").asLong()).isZero();
        assertThat(gpus.get(1).path("errors_1h").path("xid").asLong()).isEqualTo(2);

        JsonNode status = backend.get("/api/worker/status?worker=" + w).json();
        assertThat(status.path("errors").path("last_24h").path("xid").asLong()).isEqualTo(2);
        assertThat(status.path("recent_errors").toString()).contains("GPU has fallen off the bus").contains("double-bit");

        JsonNode history = backend.get("/api/validator/history?worker=" + w + "&range=1h&gpu=1").json();
        assertThat(history.path("events")).hasSize(2);
        assertThat(history.path("events").get(0).path("kind").asText()).isEqualTo("xid");
    }

    @Test
    void historyPicksTheResolutionFromTheRangeAndRollsUp() throws Exception {
        String w = newWorker();
        heartbeat(w, "");
        metrics(w, gpu(0, 20, ""));
        metrics(w, gpu(0, 40, ""));
        JsonNode raw = backend.get("/api/validator/history?worker=" + w + "&range=1h").json();
        assertThat(raw.path("resolution").asText()).isEqualTo("raw");
        assertThat(raw.path("series").get(0).path("points")).hasSize(2);

        JsonNode day = null;
        for (int i = 0; i < 150; i++) {
            day = backend.get("/api/validator/history?worker=" + w + "&range=24h").json();
            if (day.path("series").size() > 0) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(day.path("resolution").asText()).isEqualTo("1m");
        JsonNode point = day.path("series").get(0).path("points").get(0);
        assertThat(point.path("samples").asInt()).isEqualTo(2);
        assertThat(point.path("utilization_percent").asDouble()).isEqualTo(30);
        assertThat(point.path("utilization_max").asDouble()).isEqualTo(40);
        assertThat(day.path("retention").path("raw_hours").asInt()).isEqualTo(48);

        JsonNode week = backend.get("/api/validator/history?worker=" + w + "&range=7d").json();
        assertThat(week.path("resolution").asText()).isEqualTo("1h");
        assertThat(week.path("series").get(0).path("points").get(0).path("samples").asInt()).isEqualTo(2);
        assertThat(backend.get("/api/validator/history?worker=" + w + "&range=24h&resolution=1h").json().path("resolution").asText()).isEqualTo("1h");
    }

    @Test
    void badHistoryQueriesAreRefusedNamingTheParameter() {
        String w = newWorker();
        heartbeat(w, "");
        assertField(backend.get("/api/validator/history"), 400, "worker");
        assertField(backend.get("/api/validator/history?worker=" + w + "&range=yesterday"), 400, "range");
        assertField(backend.get("/api/validator/history?worker=" + w + "&range=999d"), 400, "range");
        assertField(backend.get("/api/validator/history?worker=" + w + "&range=7d&resolution=raw"), 400, "resolution");
        assertField(backend.get("/api/validator/history?worker=" + w + "&resolution=5s"), 400, "resolution");
        assertField(backend.get("/api/validator/history?worker=" + w + "&gpu=x"), 400, "gpu");
        assertField(backend.get("/api/validator/history?worker=" + w + "&kind=jobs"), 400, "kind");
        assertField(backend.get("/api/validator/history?worker=nobody-" + w), 404, "worker");
    }

    @Test
    void heartbeatTimelineListsHeartbeatsOfTheRange() {
        String w = newWorker();
        heartbeat(w, ",\"boot_id\":\"b1\",\"active_jobs\":1");
        heartbeat(w, ",\"boot_id\":\"b1\",\"active_jobs\":2");
        JsonNode h = backend.get("/api/validator/history?kind=heartbeats&worker=" + w + "&range=1h").json();
        assertThat(h.path("heartbeats")).hasSize(2);
        assertThat(h.path("heartbeats").get(1).path("active_jobs").asInt()).isEqualTo(2);
        assertThat(h.path("gaps")).isEmpty();
        assertThat(h.path("late_after_seconds").asInt()).isEqualTo(30);
        assertField(backend.get("/api/validator/history?kind=heartbeats&worker=" + w + "&range=30d"), 400, "range");
        assertField(backend.get("/api/validator/history?kind=heartbeats"), 400, "worker");
    }

    @Test
    void uptimeSaysHowItIsComputed() {
        String w = newWorker();
        heartbeat(w, "");
        heartbeat(w, "");
        JsonNode u = backend.get("/api/worker/uptime?worker=" + w).json();
        assertThat(u.path("method").asText()).contains("at most late_after_seconds");
        for (String window : new String[]{"1h", "24h", "7d"}) {
            double p = u.path("windows").path(window).path("uptime_percent").asDouble(-1);
            assertThat(p).as(window).isBetween(0.0, 100.0);
        }
        assertField(backend.get("/api/worker/uptime"), 400, "worker");
        assertField(backend.get("/api/worker/uptime?worker=nobody-" + w), 404, "worker");
    }

    @Test
    void rewardClaimsAreRecordedOnceAndListed() {
        String w = newWorker();
        heartbeat(w, "");
        String tx = "0x" + UUID.randomUUID().toString().replace("-", "");
        TestBackend.Reply ok = backend.post("/api/worker/claim-reward", "{\"worker_id\":\"" + w + "\",\"amount\":\"12.5\",\"tx_hash\":\"" + tx + "\"}", AUTH);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("status").asText()).isEqualTo("submitted");
        assertThat(ok.json().path("amount").asText()).isEqualTo("12.5");
        backend.post("/api/worker/claim-reward", "{\"worker_id\":\"" + w + "\",\"amount\":7.5}", AUTH);
        TestBackend.Reply dup = backend.post("/api/worker/claim-reward", "{\"worker_id\":\"" + w + "\",\"amount\":1,\"tx_hash\":\"" + tx + "\"}", AUTH);
        assertField(dup, 409, "tx_hash");
        assertField(backend.post("/api/worker/claim-reward", "{\"worker_id\":\"" + w + "\",\"amount\":-1}", AUTH), 400, "amount");
        assertField(backend.post("/api/worker/claim-reward", "{\"worker_id\":\"" + w + "\"}", AUTH), 400, "amount");
        assertField(backend.post("/api/worker/claim-reward", "{\"worker_id\":\"" + w + "\",\"amount\":1,\"token\":\"sage\"}", AUTH), 400, "token");
        assertField(backend.post("/api/worker/claim-reward", "{\"worker_id\":\"nobody-" + w + "\",\"amount\":1}", AUTH), 404, "worker_id");

        JsonNode rewards = backend.get("/api/validator/rewards?worker=" + w).json();
        assertThat(rewards.path("total").asInt()).isEqualTo(2);
        assertThat(rewards.path("claimed_amount").asText()).isEqualTo("20");
        assertThat(rewards.path("pending_amount").asText()).isEqualTo("7.5");
        assertThat(backend.get("/api/worker/status?worker=" + w).json().path("total_rewards").asText()).isEqualTo("20");
        JsonNode hist = backend.get("/api/validator/history?kind=rewards&worker=" + w).json();
        assertThat(hist.path("points").get(0).path("claims").asInt()).isEqualTo(2);
        assertField(backend.get("/api/validator/rewards?limit=0"), 400, "limit");
    }

    @Test
    void networkViewsCountAndPageTheFleet() {
        String a = newWorker();
        String b = newWorker();
        heartbeat(a, "");
        heartbeat(b, "");
        metrics(a, gpu(0, 70, ",\"temperature_c\":91").replace("\"temperature_c\":55,", ""));
        JsonNode stats = backend.get("/api/network/stats").json();
        assertThat(stats.path("workers").path("online").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(stats.path("gpus").path("total").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("hottest_gpu").path("temperature_c").asDouble()).isGreaterThanOrEqualTo(91);
        assertThat(stats.path("thresholds").path("stale_after_seconds").asLong()).isEqualTo(90);

        JsonNode page = backend.get("/api/network/workers?limit=1").json();
        assertThat(page.path("items")).hasSize(1);
        assertThat(page.path("total").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(page.path("next_offset").asInt()).isEqualTo(1);
        assertThat(page.has("recently_departed")).isTrue();
        JsonNode online = backend.get("/api/network/workers?state=online&limit=500").json();
        assertThat(online.path("items").toString()).contains(a).contains(b);
        assertThat(backend.get("/api/network/workers?state=offline&limit=500").json().path("items").toString()).doesNotContain(a);
        assertField(backend.get("/api/network/workers?state=sleepy"), 400, "state");
        assertField(backend.get("/api/network/workers?offset=-1"), 400, "offset");
        JsonNode fleet = backend.get("/api/worker/status").json();
        assertThat(fleet.path("workers").path("total").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void uptimeGaugeAppearsPerWorker() throws Exception {
        String w = newWorker();
        heartbeat(w, "");
        String scrape = "";
        for (int i = 0; i < 40 && !scrape.contains("worker_uptime_percent{worker=\"" + w + "\"}"); i++) {
            Thread.sleep(100);
            scrape = backend.get("/metrics").body();
        }
        assertThat(scrape).contains("worker_uptime_percent{worker=\"" + w + "\"}");
    }
}
