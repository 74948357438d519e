package dev.opsdeck.backend.workers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.api.Backend;
import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.RunningBackend;
import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import dev.opsdeck.backend.testing.TestBackend;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On H2, {@code worker_gpus} lives in memory and is saved to {@code worker_gpus_saved} by the ingest writer (V23 in
 * db/migration-h2). What an operator sees of each GPU must survive a clean stop, a save on the timer and an upgrade
 * from a file written before V23; {@link IngestDurabilityTest} covers a kill.
 */
class LatestSaveTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();

    @TempDir
    Path dataDir;

    @Test
    void aCleanStopSavesTheNewestSampleOfEachGpu() throws Exception {
        RunningBackend first = start(Map.of("WORKER_LATEST_SAVE_SECONDS", "3600"));
        try {
            post(first, "/api/worker/heartbeat", "{\"worker_id\":\"saver\"}");
            post(first, "/api/worker/gpu-metrics", "{\"worker_id\":\"saver\",\"gpus\":[{\"index\":0,\"utilization_percent\":10},{\"index\":1,\"utilization_percent\":20}]}");
            post(first, "/api/worker/gpu-metrics", "{\"worker_id\":\"saver\",\"gpus\":[{\"index\":0,\"utilization_percent\":55}]}");
            // No save is due for an hour: so far the newest samples are only in memory.
            assertThat(rows("SELECT COUNT(*) FROM worker_gpus_saved")).containsEntry("0", 0L);
        } finally {
            first.stop();
        }
        assertThat(rows("SELECT gpu_index, utilization_percent FROM worker_gpus_saved")).isEqualTo(Map.of("0", 55L, "1", 20L));
        assertThat(rows("SELECT 'covered', last_raw_id - (SELECT MAX(id) FROM gpu_metrics_history) FROM gpu_rollup_state WHERE name = 'latest_saved'"))
                .containsEntry("covered", 0L);

        RunningBackend second = start(Map.of());
        try {
            assertThat(utilisations(second, "saver")).isEqualTo(Map.of(0, 55.0, 1, 20.0));
        } finally {
            second.stop();
        }
    }

    @Test
    void theWriterSavesOnItsTimerWhileRunning() throws Exception {
        RunningBackend backend = start(Map.of("WORKER_LATEST_SAVE_SECONDS", "1"));
        try {
            post(backend, "/api/worker/heartbeat", "{\"worker_id\":\"timer\"}");
            post(backend, "/api/worker/gpu-metrics", "{\"worker_id\":\"timer\",\"gpus\":[{\"index\":3,\"utilization_percent\":42}]}");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Map<String, Long> saved = Map.of();
            while (System.nanoTime() < deadline && saved.isEmpty()) {
                Thread.sleep(200);
                saved = rows("SELECT gpu_index, utilization_percent FROM worker_gpus_saved WHERE worker_id = 'timer'");
            }
            assertThat(saved).isEqualTo(Map.of("3", 42L));
            assertThat(utilisations(backend, "timer")).isEqualTo(Map.of(3, 42.0));
        } finally {
            backend.stop();
        }
    }

    @Test
    void aFileFromBeforeTheInMemoryTableKeepsItsGpus() throws Exception {
        // A store as V22 left it: worker_gpus on disk, filled.
        String url = DatabaseUrls.h2File(dataDir);
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").placeholders(Map.of("identity_cache", "10000"))
                .outOfOrder(true).target("22").load().migrate();
        try (Database db = Database.open(url, 1); Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO workers (worker_id, status, registered_at, last_heartbeat) VALUES ('old', 'online', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            st.execute("INSERT INTO gpu_metrics_history (worker_id, gpu_index, recorded_at, utilization_percent) VALUES ('old', 0, CURRENT_TIMESTAMP, 77)");
            st.execute("INSERT INTO worker_gpus (worker_id, gpu_index, recorded_at, utilization_percent) VALUES ('old', 0, CURRENT_TIMESTAMP, 77)");
        }
        RunningBackend upgraded = start(Map.of());
        try {
            assertThat(utilisations(upgraded, "old")).isEqualTo(Map.of(0, 77.0));
        } finally {
            upgraded.stop();
        }
    }

    private RunningBackend start(Map<String, String> extra) {
        Map<String, String> s = new LinkedHashMap<>(Map.of("OPSDECK_PORT", "0", "OPSDECK_DATA_DIR", dataDir.toString(),
                "OPSDECK_API_TOKENS", TestBackend.API_TOKEN, "OPSDECK_LOG_FILES", "false", "OPSDECK_PROFILE", "dev"));
        s.putAll(extra);
        return Backend.start(BackendConfig.fromSettings(s));
    }

    private void post(RunningBackend b, String path, String body) throws IOException {
        try (Response r = http.newCall(new Request.Builder().url(b.baseUrl() + path).header("Authorization", "Bearer " + TestBackend.API_TOKEN)
                .post(RequestBody.create(body, JSON)).build()).execute()) {
            assertThat(r.code()).as(path).isEqualTo(200);
        }
    }

    private Map<Integer, Double> utilisations(RunningBackend b, String worker) throws IOException {
        try (Response r = http.newCall(new Request.Builder().url(b.baseUrl() + "/api/validator/gpus?worker=" + worker)
                .header("Authorization", "Bearer " + TestBackend.API_TOKEN).build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            Map<Integer, Double> out = new TreeMap<>();
            for (JsonNode g : MAPPER.readTree(r.body().string()).path("items")) {
                out.put(g.path("gpu_index").asInt(), g.path("utilization_percent").asDouble());
            }
            return out;
        }
    }

    /** Two-column rows as text key to whole number, read from the H2 file (in this JVM, alongside a running backend). */
    private Map<String, Long> rows(String sql) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Database db = Database.open(DatabaseUrls.h2File(dataDir), 1); Connection c = db.dataSource().getConnection();
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                if (rs.getMetaData().getColumnCount() == 1) {
                    out.put("0", rs.getLong(1));
                } else {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }
}
