package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "200 means committed", proven the hard way: a headless coordinator on H2 takes concurrent GPU samples (group
 * commit), is killed with SIGKILL mid-stream, and every sample that was answered 200 is in the file afterwards,
 * and each GPU's newest sample is back in {@code worker_gpus} once the coordinator starts again.
 */
class IngestDurabilityTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String TOKEN = "durability-token-0123456789abcdef";

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedSampleSurvivesAKill() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.opsdeck.backend.Main", "serve",
                "--port", "0", "--data-dir", dataDir.toString(), "--profile", "dev", "--api-tokens", TOKEN).redirectErrorStream(true);
        // Eight workers from one address would hit the per-address limit within a second; the samples must keep coming until the kill.
        pb.environment().put("RATE_LIMIT_ENABLED", "false");
        Process server = pb.start();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        try {
            String url = awaitUrl(server);
            OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
            for (int w = 0; w < 8; w++) {
                try (Response r = post(http, url + "/api/worker/heartbeat", "{\"worker_id\":\"dur-" + w + "\"}")) {
                    assertThat(r.code()).isEqualTo(200);
                }
            }
            AtomicBoolean go = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                final int worker = w;
                fs.add(pool.submit(() -> {
                    for (int seq = 0; go.get(); seq++) {
                        // Utilisation carries the sequence number, so each acknowledged sample can be found again.
                        String body = "{\"worker_id\":\"dur-" + worker + "\",\"gpus\":[{\"index\":0,\"utilization_percent\":" + (seq % 100)
                                + ",\"sm_clock_mhz\":" + seq + "}]}";
                        try (Response r = post(http, url + "/api/worker/gpu-metrics", body)) {
                            if (r.code() == 200) {
                                acked.add("dur-" + worker + "/" + seq);
                            }
                        } catch (Exception e) {
                            return null;
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(2_000);
            server.destroyForcibly();
            go.set(false);
            server.waitFor(20, TimeUnit.SECONDS);
            for (Future<?> f : fs) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
        } finally {
            server.destroyForcibly();
        }
        assertThat(acked).hasSizeGreaterThan(20);

        Set<String> stored = new HashSet<>();
        try (Database db = Database.open(DatabaseUrls.h2File(dataDir), 1);
             Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT worker_id, sm_clock_mhz FROM gpu_metrics_history")) {
            while (rs.next()) {
                stored.add(rs.getString(1) + "/" + (long) rs.getDouble(2));
            }
        }
        assertThat(stored).containsAll(acked);
        // worker_gpus is kept in memory on H2 and saved every 30 s, so none of it was saved before the kill: the next
        // start refills it from the history rows, which were committed before each 200.
        try (Database db = Database.open(DatabaseUrls.h2File(dataDir), 1)) {
            Map<String, Long> newestSample = newest(db, "gpu_metrics_history");
            assertThat(newestSample).hasSize(8);
            assertThat(new WorkerRepository(db).restoreLatest()).containsExactly(0, 8);
            assertThat(newest(db, "worker_gpus")).isEqualTo(newestSample);
        }
    }

    /** Per worker, the highest sequence number (sm_clock_mhz) in a table. */
    private static Map<String, Long> newest(Database db, String table) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT worker_id, MAX(sm_clock_mhz) FROM " + table + " GROUP BY worker_id")) {
            while (rs.next()) {
                out.put(rs.getString(1), (long) rs.getDouble(2));
            }
        }
        return out;
    }

    private static Response post(OkHttpClient http, String url, String body) throws java.io.IOException {
        return http.newCall(new Request.Builder().url(url).header("Authorization", "Bearer " + TOKEN)
                .post(RequestBody.create(body, JSON)).build()).execute();
    }

    private static String awaitUrl(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Pattern serving = Pattern.compile("serving on (http://\\S+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            Matcher m = serving.matcher(line);
            if (m.find()) {
                String url = m.group(1).replaceAll("/$", "");
                // Keep draining the child's output so it never blocks on a full pipe.
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // discard
                        }
                    } catch (java.io.IOException ignored) {
                        // the process is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return url;
            }
        }
        throw new AssertionError("the coordinator did not start");
    }
}
