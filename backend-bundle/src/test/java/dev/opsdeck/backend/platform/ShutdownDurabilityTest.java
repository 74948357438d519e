package dev.opsdeck.backend.platform;

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
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code serve} process on an H2 file, written to by several clients, then stopped by SIGTERM: the shutdown
 * hook drains requests and closes the pool, and the file opens cleanly afterwards holding every heartbeat that was
 * answered 200. (The SIGKILL case, for ingest, is {@code workers.IngestDurabilityTest}.)
 */
class ShutdownDurabilityTest {
    private static final String TOKEN = "durability-api-token-0123456789";
    private static final MediaType JSON = MediaType.get("application/json");

    @Test
    void sigtermDuringWritesLeavesACleanDatabaseWithEveryAcknowledgedWrite(@TempDir Path dir) throws Exception {
        long acked = writeThenTerminate(dir);
        assertThat(committedHeartbeats(dir)).isGreaterThanOrEqualTo(acked);
    }

    private long writeThenTerminate(Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.opsdeck.backend.Main",
                "serve", "--port", "0", "--data-dir", dir.toString(), "--api-tokens", TOKEN)
                .redirectErrorStream(true);
        pb.environment().put("RATE_LIMIT_ENABLED", "false");
        pb.environment().put("OPSDECK_LOG_STDOUT", "true");
        Process p = pb.start();
        String url = awaitUrl(p);
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
        AtomicLong acked = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String worker = "durable-" + w;
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    Request r = new Request.Builder().url(url + "/api/worker/heartbeat")
                            .header("Authorization", "Bearer " + TOKEN)
                            .post(RequestBody.create("{\"worker_id\":\"" + worker + "\",\"status\":\"idle\"}", JSON)).build();
                    try (Response resp = http.newCall(r).execute()) {
                        if (resp.code() == 200) {
                            acked.incrementAndGet();
                        }
                    } catch (Exception e) {
                        return; // the server went away
                    }
                }
            });
            t.start();
            writers.add(t);
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (acked.get() < 50 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(acked.get()).as("heartbeats acknowledged before the stop").isGreaterThanOrEqualTo(50);
        p.destroy(); // SIGTERM: the shutdown hook drains and closes
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("process exits after the signal").isTrue();
        stop.set(true);
        for (Thread t : writers) {
            t.join(10_000);
        }
        return acked.get();
    }

    private static String awaitUrl(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Pattern serving = Pattern.compile("serving on (http://\\S+)");
        long deadline = System.currentTimeMillis() + 120_000;
        String line;
        while (System.currentTimeMillis() < deadline && (line = out.readLine()) != null) {
            Matcher m = serving.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty so the server never blocks on logging
                        }
                    } catch (Exception ignored) {
                        // process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        p.destroyForcibly();
        throw new AssertionError("serve did not print its URL");
    }

    private static long committedHeartbeats(Path dir) throws Exception {
        // Opening the file is itself the check that it is not corrupt.
        try (Connection c = DriverManager.getConnection(DatabaseUrls.h2File(dir)); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM heartbeats")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
