package dev.opsdeck.backend.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.api.Backend;
import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.RunningBackend;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import dev.opsdeck.backend.testing.PgTestDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Queue throughput end to end over HTTP: a producer submits jobs in batches while worker threads claim them
 * (up to 50 per poll) and report results in batches, against one backend on H2, one on PostgreSQL, or two
 * backends sharing one PostgreSQL database (workers alternate between them). Prints jobs/s from first submit to
 * last completion, p50/p99 of submit -> assignment (from the rows), and checks that no job ran twice and none
 * was lost.
 *
 * <pre>
 * mvn -q -pl backend-bundle test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp backend-bundle/target/test-classes:backend-bundle/target/classes:$(cat backend-bundle/target/cp.txt) \
 *      dev.opsdeck.backend.jobs.bench.QueueBenchmark pg2 20000 8
 * </pre>
 * Arguments: {@code h2 | pg | pg2}, number of jobs, worker threads, submit rate in jobs/s (0 = as fast as possible).
 */
public final class QueueBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TOKEN = "bench-api-token-0123456789";
    private static final int SUBMIT_BATCH = 250;
    private static final int CLAIM_BATCH = 50;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "pg";
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        new QueueBenchmark().run(mode, jobs, workers, rate);
        System.exit(0);
    }

    private void run(String mode, int jobs, int workers, int rate) throws Exception {
        PgTestDatabase pg = mode.startsWith("pg") ? PgTestDatabase.create() : null;
        List<RunningBackend> backends = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try {
            int count = mode.equals("pg2") ? 2 : 1;
            for (int i = 0; i < count; i++) {
                Path dir = Files.createTempDirectory("opsdeck-bench");
                dirs.add(dir);
                Map<String, String> s = new HashMap<>();
                s.put("OPSDECK_PORT", "0");
                s.put("OPSDECK_DATA_DIR", dir.toString());
                s.put("OPSDECK_API_TOKENS", TOKEN);
                s.put("OPSDECK_ADMIN_KEY", "bench-admin-key-0123456789");
                s.put("OPSDECK_LOG_FILES", "false");
                // One client address stands for a whole fleet here; per-address limits would measure the limiter, not ingest.
                s.put("RATE_LIMIT_ENABLED", "false");
                s.put("DATABASE_POOL_SIZE", "16");
                s.put("VTXO_AUTO_START", "false");
                if (pg != null) {
                    s.put("DATABASE_URL", pg.jdbcUrl());
                }
                backends.add(Backend.start(BackendConfig.fromSettings(s)));
            }
            String jdbc = pg != null ? pg.jdbcUrl() : DatabaseUrls.h2File(dirs.get(0));
            try (Connection c = DriverManager.getConnection(jdbc); Statement st = c.createStatement()) {
                for (int w = 0; w < workers; w++) {
                    st.execute("INSERT INTO workers (worker_id, gpu_count, gpu_model, status, registered_at, last_heartbeat) "
                            + "VALUES ('bench-" + w + "', 1, 'A100', 'online', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + INTERVAL '1' HOUR)");
                }
            }
            measure(mode, jobs, workers, rate, backends, jdbc);
        } finally {
            for (RunningBackend b : backends) {
                b.stop();
            }
            if (pg != null) {
                pg.close();
            }
        }
    }

    private void measure(String mode, int jobs, int workers, int rate, List<RunningBackend> backends, String jdbc) throws Exception {
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicLong requests = new AtomicLong();
        CountDownLatch done = new CountDownLatch(workers);
        long t0 = System.nanoTime();

        Thread producer = new Thread(() -> {
            try {
                for (int sent = 0, b = 0; sent < jobs; b++) {
                    int n = Math.min(SUBMIT_BATCH, jobs - sent);
                    StringBuilder sb = new StringBuilder("{\"jobs\":[");
                    for (int i = 0; i < n; i++) {
                        sb.append(i == 0 ? "" : ",").append("{\"job_type\":\"bench\",\"queue\":\"bench\"}");
                    }
                    JsonNode r = post(backends.get(b % backends.size()), "/api/jobs/batch", sb.append("]}").toString());
                    requests.incrementAndGet();
                    if (r.path("created").asInt() != n) {
                        throw new IllegalStateException("submit failed: " + r);
                    }
                    sent += n;
                    if (rate > 0) {
                        // Paced submission: measures assignment latency without a standing backlog.
                        long due = t0 + (long) (sent * 1e9 / rate);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "producer");
        producer.start();

        for (int w = 0; w < workers; w++) {
            String worker = "bench-" + w;
            int offset = w;
            Thread t = new Thread(() -> {
                try {
                    int round = offset;
                    while (completed.get() < jobs) {
                        RunningBackend b = backends.get(round++ % backends.size());
                        JsonNode got = post(b, "/api/worker/jobs/claim",
                                "{\"worker_id\":\"" + worker + "\",\"queue\":\"bench\",\"max_jobs\":" + CLAIM_BATCH + "}").path("jobs");
                        requests.incrementAndGet();
                        if (got.isEmpty()) {
                            Thread.sleep(5);
                            continue;
                        }
                        StringBuilder sb = new StringBuilder("{\"results\":[");
                        int i = 0;
                        for (JsonNode j : got) {
                            if (!claimed.add(j.path("job_id").asText())) {
                                duplicates.incrementAndGet();
                            }
                            sb.append(i++ == 0 ? "" : ",").append("{\"job_id\":\"").append(j.path("job_id").asText())
                                    .append("\",\"worker_id\":\"").append(worker).append("\",\"lease_token\":\"")
                                    .append(j.path("lease_token").asText()).append("\",\"status\":\"completed\"}");
                        }
                        JsonNode res = post(b, "/api/worker/jobs/results", sb.append("]}").toString());
                        requests.incrementAndGet();
                        for (JsonNode r : res.path("results")) {
                            if ("completed".equals(r.path("status").asText())) {
                                completed.incrementAndGet();
                            }
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            }, "worker-" + w);
            t.start();
        }
        producer.join();
        done.await();
        double seconds = (System.nanoTime() - t0) / 1e9;

        List<Long> waits = new ArrayList<>();
        long rows;
        long attempts;
        long ranTwice;
        try (Connection c = DriverManager.getConnection(jdbc); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT submitted_at, assigned_at FROM jobs WHERE queue = 'bench' AND status = 'completed'")) {
                while (rs.next()) {
                    waits.add(Duration.between(rs.getObject(1, java.time.OffsetDateTime.class),
                            rs.getObject(2, java.time.OffsetDateTime.class)).toMillis());
                }
            }
            rows = waits.size();
            attempts = one(st, "SELECT COUNT(*) FROM job_attempts WHERE job_type = 'bench'");
            ranTwice = one(st, "SELECT COUNT(*) FROM (SELECT job_id FROM job_attempts WHERE job_type = 'bench' GROUP BY job_id HAVING COUNT(*) > 1) x");
        }
        Collections.sort(waits);
        System.out.printf("mode=%s jobs=%d workers=%d backends=%d submit rate=%s%n", mode, jobs, workers, backends.size(),
                rate > 0 ? rate + "/s" : "unpaced");
        System.out.printf("  elapsed %.2f s, %.0f jobs/s end to end (submit -> assign -> complete), %d HTTP requests%n",
                seconds, jobs / seconds, requests.get());
        System.out.printf("  submit -> assignment: p50 %d ms, p99 %d ms, max %d ms%n",
                pct(waits, 0.50), pct(waits, 0.99), waits.isEmpty() ? 0 : waits.get(waits.size() - 1));
        System.out.printf("  completed rows %d of %d (lost %d), attempts %d, jobs run twice %d, duplicate claims seen by workers %d%n",
                rows, jobs, jobs - rows, attempts, ranTwice, duplicates.get());
    }

    private JsonNode post(RunningBackend b, String path, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(b.baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
        }
        return MAPPER.readTree(r.body());
    }

    private static long one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
    }
}
