package dev.opsdeck.backend.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(Store.class)
class InventoryRoutesTest {
    static final String[] API = {"Authorization", "Bearer " + TestBackend.API_TOKEN};

    @Parameter
    Store store;

    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        // Monitor off at startup so each test decides when it runs; short interval once started.
        backend = TestBackend.start(store, Map.of("VTXO_AUTO_START", "false", "VTXO_MONITOR_INTERVAL_MS", "100",
                "JOBS_METRICS_REFRESH_MS", "100"));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.admin("POST", "/vtxos/monitor/stop", null);
        backend.close();
    }

    static String asset() {
        return "asset-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static long available(String asset) {
        return backend.get("/vtxos/inventory/" + asset).json().path("available").asLong();
    }

    @Test
    void monitorReplenishesWhenInventoryDropsBelowTheWatermark() throws Exception {
        String asset = asset();
        assertThat(backend.admin("PUT", "/vtxos/pools/" + asset, "{\"low_watermark\":5,\"target_level\":20}").status()).isEqualTo(200);
        TestBackend.Reply made = backend.admin("POST", "/vtxos/batch/create", "{\"asset_id\":\"" + asset + "\",\"count\":6}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(available(asset)).isEqualTo(6);

        TestBackend.Reply took = backend.post("/vtxos/allocate", "{\"asset_id\":\"" + asset + "\",\"count\":3}", API);
        assertThat(took.json().path("allocated").asInt()).isEqualTo(3);
        JsonNode level = backend.get("/vtxos/inventory/" + asset).json();
        assertThat(level.path("available").asLong()).isEqualTo(3);
        assertThat(level.path("below_watermark").asBoolean()).isTrue();

        Thread.sleep(300);
        assertThat(available(asset)).as("nothing replenishes while the monitor is stopped").isEqualTo(3);

        JsonNode started = backend.admin("POST", "/vtxos/monitor/start", null).json();
        assertThat(started.path("state").asText()).isIn("up", "degraded");
        long deadline = System.currentTimeMillis() + 5_000;
        while (available(asset) < 20 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(available(asset)).as("topped up to the target level").isEqualTo(20);
        Thread.sleep(300);
        assertThat(available(asset)).as("above the watermark nothing more is created").isEqualTo(20);
        assertThat(backend.admin("POST", "/vtxos/monitor/stop", null).json().path("state").asText()).isEqualTo("stopped");

        JsonNode stats = backend.get("/vtxos/stats").json();
        assertThat(stats.path("monitor").path("details").path("items_created").asLong()).isGreaterThanOrEqualTo(17);
        String text = backend.get("/metrics").body();
        Matcher m = Pattern.compile("vtxo_inventory_available\\{asset_id=\"" + asset + "\"} (\\S+)").matcher(text);
        assertThat(m.find()).as("gauge for the asset").isTrue();
        assertThat(Double.parseDouble(m.group(1))).isEqualTo(20.0);
        assertThat(text).contains("vtxo_inventory_low_watermark{asset_id=\"" + asset + "\"} 5.0");
    }

    @Test
    void expiredItemsAreNotAvailableAndCleanupRemovesThem() throws Exception {
        String asset = asset();
        backend.admin("PUT", "/vtxos/pools/" + asset, "{\"low_watermark\":0,\"target_level\":5}");
        backend.admin("POST", "/vtxos/batch/create", "{\"asset_id\":\"" + asset + "\",\"count\":4,\"expires_in_seconds\":1}");
        backend.admin("POST", "/vtxos/batch/create", "{\"asset_id\":\"" + asset + "\",\"count\":2}");
        Thread.sleep(1_200);
        JsonNode level = backend.get("/vtxos/inventory/" + asset).json();
        assertThat(level.path("available").asLong()).isEqualTo(2);
        assertThat(level.path("expired").asLong()).isEqualTo(4);

        assertThat(backend.admin("POST", "/vtxos/cleanup", "{\"dry_run\":true}").json().path("would_remove").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(backend.get("/vtxos/inventory/" + asset).json().path("expired").asLong()).isEqualTo(4);
        assertThat(backend.admin("POST", "/vtxos/cleanup", null).json().path("removed").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(backend.get("/vtxos/inventory/" + asset).json().path("expired").asLong()).isEqualTo(0);
    }

    /**
     * The first batch for a new asset creates its pool row; operators (or two coordinators) doing that at once
     * must all succeed, not race on the pool's primary key and answer 500.
     */
    @Test
    void concurrentFirstBatchesForANewAssetAllSucceed() throws Exception {
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 3; round++) {
                String asset = asset();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<TestBackend.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    replies.add(pool.submit(() -> {
                        go.await();
                        return backend.admin("POST", "/vtxos/batch/create", "{\"asset_id\":\"" + asset + "\",\"count\":2}");
                    }));
                }
                go.countDown();
                for (Future<TestBackend.Reply> f : replies) {
                    TestBackend.Reply r = f.get(30, TimeUnit.SECONDS);
                    assertThat(r.status()).as(r.body()).isEqualTo(201);
                }
                assertThat(available(asset)).as("every batch landed in the one pool").isEqualTo(2L * threads);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badInputIsA400NamingTheField() {
        String[][] cases = {
                {"/vtxos/batch/create", "{\"asset_id\":\"a\",\"count\":0}", "count"},
                {"/vtxos/batch/create", "{\"count\":3}", "asset_id"},
                {"/vtxos/batch/create", "{\"asset_id\":\"bad asset\",\"count\":3}", "asset_id"},
        };
        for (String[] c : cases) {
            TestBackend.Reply r = backend.admin("POST", c[0], c[1]);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().path("details").path("field").asText()).isEqualTo(c[2]);
        }
        TestBackend.Reply pool = backend.admin("PUT", "/vtxos/pools/x1", "{\"low_watermark\":10,\"target_level\":5}");
        assertThat(pool.json().path("details").path("field").asText()).isEqualTo("target_level");
        assertThat(backend.get("/vtxos/inventory/nope").status()).isEqualTo(404);
        assertThat(backend.post("/vtxos/batch/create", "{\"asset_id\":\"a\",\"count\":1}", API).status()).isEqualTo(403);
    }
}
