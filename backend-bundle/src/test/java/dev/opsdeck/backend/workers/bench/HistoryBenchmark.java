package dev.opsdeck.backend.workers.bench;

import dev.opsdeck.backend.api.Backend;
import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.RunningBackend;
import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import dev.opsdeck.backend.platform.store.StoreKind;
import dev.opsdeck.backend.testing.PgTestDatabase;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * History query latency: {@code GET /api/validator/history?worker=W&range=24h&gpu=0} (1-minute tier, 1,440 points)
 * and {@code range=7d} (1-hour tier) with a fleet's history stored. The tiers are filled with batched
 * INSERT ... SELECT over generated ranges, not through HTTP (that would take hours here); the run prints exactly
 * how many rows each table holds.
 *
 * <pre>
 * java -cp ... dev.opsdeck.backend.workers.bench.HistoryBenchmark --store h2 --workers 10000 --days 7 --minute-days 1 --queries 300
 * </pre>
 * {@code --minute-days}: how many of the most recent days have 1-minute rows for every worker (the queried worker
 * always gets all {@code --days}); the 1-hour tier always covers all {@code --days} for every worker.
 */
public final class HistoryBenchmark {
    private HistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = IngestBenchmark.args(args);
        String store = a.getOrDefault("store", "h2");
        int workers = Integer.parseInt(a.getOrDefault("workers", "10000"));
        int days = Integer.parseInt(a.getOrDefault("days", "7"));
        int minuteDays = Integer.parseInt(a.getOrDefault("minute-days", "1"));
        int queries = Integer.parseInt(a.getOrDefault("queries", "300"));
        int target = Math.min(42, workers - 1);
        Path dir = Files.createTempDirectory("opsdeck-history-bench");
        PgTestDatabase pg = store.equals("postgresql") ? PgTestDatabase.create() : null;
        String jdbc = pg != null ? pg.jdbcUrl() : DatabaseUrls.h2File(dir);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = now.minus(days, ChronoUnit.DAYS);
        try {
            long t0 = System.nanoTime();
            try (Database db = Database.open(jdbc, 2)) {
                db.migrate();
                populate(db, workers, days, minuteDays, target, start, now);
                System.out.printf("populated in %.0f s:%n", (System.nanoTime() - t0) / 1e9);
                try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                    for (String t : new String[]{"workers", "gpu_metrics_1m", "gpu_metrics_1h", "gpu_metrics_history"}) {
                        try (var rs = st.executeQuery("SELECT COUNT(*) FROM " + t)) {
                            rs.next();
                            System.out.printf("  %-20s %,d rows%n", t, rs.getLong(1));
                        }
                    }
                }
            }
            Map<String, String> s = new LinkedHashMap<>();
            s.put("OPSDECK_PROFILE", "dev");
            s.put("OPSDECK_PORT", "0");
            s.put("OPSDECK_DATA_DIR", dir.toString());
            s.put("OPSDECK_LOG_FILES", "false");
            // 320 queries from one address would mostly measure the analytics limit (120/min), not the query.
            s.put("RATE_LIMIT_ENABLED", "false");
            if (pg != null) {
                s.put("DATABASE_URL", pg.jdbcUrl());
            }
            RunningBackend b = Backend.start(BackendConfig.fromSettings(s));
            try {
                OkHttpClient http = new OkHttpClient();
                String worker = IngestBenchmark.workerId(target);
                for (String range : new String[]{"24h", "7d"}) {
                    String url = b.baseUrl() + "/api/validator/history?worker=" + worker + "&range=" + range + "&gpu=0";
                    long[] ns = new long[queries];
                    int points = 0;
                    String resolution = "";
                    for (int i = -20; i < queries; i++) {
                        long q0 = System.nanoTime();
                        try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
                            String body = r.body().string();
                            if (r.code() != 200) {
                                throw new IllegalStateException(r.code() + " " + body);
                            }
                            if (i == 0) {
                                points = body.split("\"t\":", -1).length - 1;
                                int at = body.indexOf("\"resolution\":\"") + 14;
                                resolution = body.substring(at, body.indexOf('"', at));
                            }
                        }
                        if (i >= 0) {
                            ns[i] = System.nanoTime() - q0;
                        }
                    }
                    Arrays.sort(ns);
                    System.out.printf("%s history range=%s (resolution %s, %d points): p50 %.2f ms  p99 %.2f ms  max %.2f ms over %d queries%n",
                            store, range, resolution, points, ns[queries / 2] / 1e6, ns[(int) Math.ceil(queries * 0.99) - 1] / 1e6,
                            ns[queries - 1] / 1e6, queries);
                }
            } finally {
                b.stop();
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Batched INSERT ... SELECT over generated ranges, in chunks of workers so each transaction stays bounded. */
    static void populate(Database db, int workers, int days, int minuteDays, int target, Instant start, Instant now) throws Exception {
        boolean h2 = db.kind() == StoreKind.H2;
        String ts = "TIMESTAMP WITH TIME ZONE '" + start.toString().replace('T', ' ').replace("Z", "+00") + "'";
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.executeUpdate("INSERT INTO workers (worker_id, gpu_count, gpu_model, registered_at, last_heartbeat, status) SELECT "
                    + name("w") + ", 1, 'NVIDIA A100-SXM4-80GB', " + ts + ", CURRENT_TIMESTAMP, 'online' FROM " + range(h2, "w", 0, workers - 1));
            st.executeUpdate("INSERT INTO worker_gpus (worker_id, gpu_index, gpu_model, recorded_at, utilization_percent, temperature_c, power_watts)"
                    + " SELECT " + name("w") + ", 0, 'NVIDIA A100-SXM4-80GB', CURRENT_TIMESTAMP, 50, 60, 250 FROM " + range(h2, "w", 0, workers - 1));
            c.commit();
            int chunk = Integer.getInteger("bench.chunk", 50);
            for (int w0 = 0; w0 < workers; w0 += chunk) {
                int w1 = Math.min(workers, w0 + chunk) - 1;
                st.executeUpdate(tier("gpu_metrics_1h", h2, ts, "HOUR", w0, w1, 0, days * 24 - 1));
                c.commit();
            }
            int firstMinute = (days - minuteDays) * 1440;
            for (int w0 = 0; w0 < workers; w0 += chunk) {
                int w1 = Math.min(workers, w0 + chunk) - 1;
                st.executeUpdate(tier("gpu_metrics_1m", h2, ts, "MINUTE", w0, w1, firstMinute, days * 1440 - 1));
                c.commit();
                if (w0 % 1000 == 0) {
                    System.out.printf("  1m tier: workers %d-%d done%n", w0, w1);
                }
            }
            if (firstMinute > 0) {
                // The queried worker has its full week at 1-minute resolution, like every worker would in production.
                st.executeUpdate(tier("gpu_metrics_1m", h2, ts, "MINUTE", target, target, 0, firstMinute - 1));
                c.commit();
            }
        }
    }

    private static String name(String col) {
        return "'bench-worker-' || LPAD(CAST(" + col + " AS VARCHAR), 5, '0')";
    }

    private static String range(boolean h2, String alias, int from, int to) {
        return h2 ? "SYSTEM_RANGE(" + from + ", " + to + ") AS r_" + alias + " (" + alias + ")"
                : "generate_series(" + from + ", " + to + ") AS r_" + alias + " (" + alias + ")";
    }

    /** Buckets {@code b0..b1} (minutes or hours from the start) for workers {@code w0..w1}, utilisation on a daily curve. */
    private static String tier(String table, boolean h2, String ts, String unit, int w0, int w1, int b0, int b1) {
        int perBucket = unit.equals("HOUR") ? 360 : 6;
        String util = "(50 + 40 * SIN(b / " + (unit.equals("HOUR") ? "24.0" : "1440.0") + " * 6.2832 + w))";
        return "INSERT INTO " + table + " (worker_id, gpu_index, bucket_start, samples, utilization_sum, utilization_max, memory_used_sum,"
                + " temperature_sum, temperature_max, power_sum) SELECT " + name("w") + ", 0, " + ts + " + b * INTERVAL '1' " + unit + ", "
                + perBucket + ", " + perBucket + " * " + util + ", " + util + " + 5, " + perBucket + " * 40000.0, " + perBucket + " * (35 + "
                + util + " / 2), 40 + " + util + " / 2, " + perBucket + " * (60 + 3.4 * " + util + ") FROM " + range(h2, "w", w0, w1) + ", "
                + range(h2, "b", b0, b1);
    }
}
