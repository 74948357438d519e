package dev.opsdeck.backend.workers.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.api.Backend;
import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.RunningBackend;
import dev.opsdeck.backend.testing.PgTestDatabase;
import io.javalin.Javalin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Ingest throughput and latency of {@code POST /api/worker/gpu-metrics} on H2 and PostgreSQL at 1,000 and 10,000
 * simulated workers, next to a Javalin endpoint on the same Jetty that does no work (the ceiling), in one run:
 * ceiling and ingest windows alternate for {@code --rounds} rounds per fleet size, and the summary line gives medians.
 *
 * <pre>
 * mvn -q -pl backend-bundle test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.opsdeck.backend.workers.bench.IngestBenchmark \
 *     -Dexec.args="--seconds 10 --workers 1000,10000 --stores h2,postgresql --concurrency 64 --gpus 1"
 * </pre>
 * Client and server share the machine (and its two cores): the figures are for the whole loop.
 */
public final class IngestBenchmark {
    static final String TOKEN = "bench-api-token-0123456789abcdef";

    private IngestBenchmark() {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Map<String, String> a = args(args);
        double seconds = Double.parseDouble(a.getOrDefault("seconds", "10"));
        // Each coordinator starts cold: with 5 s of warm-up, JIT and GC threads took 150-210 us of CPU per request in
        // the measured window, against 105-155 us after 20 s (H2, 1,000 workers, --cpu-by-thread true, 2026-11-23).
        double warmup = Double.parseDouble(a.getOrDefault("warmup", "20"));
        // The HTTP path (client, Jetty, Javalin) keeps getting faster for about half a minute of load: without
        // this, the first ceiling of a run was measured cold (3,957 req/s against 17,321 for the last one).
        double jitWarmup = Double.parseDouble(a.getOrDefault("jit-warmup", "30"));
        // The ingest path (H2 or the PostgreSQL driver, the writer, the rollup) is far more code than the no-op: on two
        // cores the JIT compilers still took 118-220 us of CPU per request after 20 s of ingest, and under 1% after
        // 90 s (H2, 10,000 workers, 2026-11-24). A throwaway coordinator per store takes that load before any
        // measured run, so every run measures the warm server an operator keeps running, not its first minute.
        double ingestWarmup = Double.parseDouble(a.getOrDefault("ingest-warmup", "90"));
        int concurrency = Integer.parseInt(a.getOrDefault("concurrency", "64"));
        int gpus = Integer.parseInt(a.getOrDefault("gpus", "1"));
        boolean cpuByThread = Boolean.parseBoolean(a.getOrDefault("cpu-by-thread", "false"));
        // The ceiling of one build moved between about 30,000 and 42,500 requests/s from one run to the next (session
        // 17), and the ratio with it. So each fleet size alternates ceiling and ingest windows, and the summary takes
        // the median of the rounds' ratios: each ratio compares two windows measured back to back.
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
        List<Integer> fleets = new ArrayList<>();
        for (String s : a.getOrDefault("workers", "1000,10000").split(",")) {
            fleets.add(Integer.parseInt(s.trim()));
        }
        List<String> stores = List.of(a.getOrDefault("stores", "h2,postgresql").split(","));
        // Coordinator settings for a side-by-side comparison of two runs, e.g. --set WORKER_INGEST_BATCH_ROWS=500
        Map<String, String> extra = new LinkedHashMap<>();
        for (String kv : a.getOrDefault("set", "").split(",")) {
            if (kv.contains("=")) {
                extra.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
            }
        }
        if (!extra.isEmpty()) {
            System.out.println("coordinator settings: " + extra);
        }
        String template = bodyTemplate(gpus);
        IntFunction<String> body = w -> String.format(template, workerId(w));
        System.out.printf("ingest benchmark: %d client threads, %d GPU(s) per request, %d round(s) of ceiling and ingest,"
                        + " %.0f s each after %.0f s warm-up (and %.0f s of ingest per store before the first run), %d cores%n",
                concurrency, gpus, rounds, seconds, warmup, ingestWarmup, Runtime.getRuntime().availableProcessors());

        BenchClient client = new BenchClient(TOKEN);
        Javalin ceiling = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = 0;
            // The same response copy buffer as the coordinator's, so that the two differ only in the work done.
            cfg.http.responseBufferSize = dev.opsdeck.backend.platform.http.HttpServer.RESPONSE_COPY_BYTES;
            cfg.routes.post("/noop", ctx -> {
                ctx.bodyAsBytes();
                ctx.contentType("application/json").result("{}");
            });
        }).start();
        try {
            client.run("JIT warm-up (not measured)", "http://127.0.0.1:" + ceiling.port() + "/noop", fleets.get(0), concurrency,
                    jitWarmup, 0, IngestBenchmark::workerId, body);
            for (String store : stores) {
                if (ingestWarmup > 0) {
                    try (Coordinator c = Coordinator.start(store.trim(), extra)) {
                        register(client, c.url(), fleets.get(0), concurrency);
                        client.run(store + " JIT warm-up (not measured)", c.url() + "/api/worker/gpu-metrics", fleets.get(0), concurrency,
                                ingestWarmup, 0, IngestBenchmark::workerId, body);
                    }
                }
                for (int workers : fleets) {
                    try (Coordinator c = Coordinator.start(store.trim(), extra)) {
                        register(client, c.url(), workers, concurrency);
                        List<BenchClient.Result> noops = new ArrayList<>();
                        List<BenchClient.Result> ingests = new ArrayList<>();
                        List<Double> ratios = new ArrayList<>();
                        for (int round = 1; round <= rounds; round++) {
                            BenchClient.Result noop = client.run("ceiling (no-op Javalin), " + workers + " workers",
                                    "http://127.0.0.1:" + ceiling.port() + "/noop", workers, concurrency, seconds, warmup,
                                    IngestBenchmark::workerId, body);
                            BenchClient.Result r = client.run(store + " gpu-metrics, " + workers + " workers",
                                    c.url() + "/api/worker/gpu-metrics", workers, concurrency, seconds, warmup,
                                    IngestBenchmark::workerId, body);
                            noops.add(noop);
                            ingests.add(r);
                            System.out.printf("round %d of %d%n", round, rounds);
                            System.out.println(noop);
                            System.out.println(r);
                            if (cpuByThread) {
                                System.out.print(noop.cpu().breakdown(noop.ok()));
                                System.out.print(r.cpu().breakdown(r.ok()));
                            }
                            ratios.add(r.perSecond() / noop.perSecond());
                            System.out.printf("  round ratio %.2f%n", ratios.get(ratios.size() - 1));
                        }
                        // How many rows the group commit put in one transaction on average (the writer's own figure).
                        System.out.println("  writer: " + MAPPER.readTree(client.get(c.url() + "/api/network/stats").body()).path("ingest"));
                        // H2 appends every commit to its file and reuses a dead chunk only after RETENTION_TIME (45 s), so
                        // under this load the file holds far more than the data: worth seeing next to the rate.
                        Path h2File = c.dir().resolve("opsdeck.mv.db");
                        if (Files.exists(h2File)) {
                            System.out.printf("  h2 file: %.0f MB%n", Files.size(h2File) / 1e6);
                        }
                        System.out.printf("  -> %s, %d workers, medians of %d rounds: ceiling %.0f req/s, %.0f samples/s, p99 %.1f ms,"
                                        + " CPU %.0f us/req (writer %.0f), ratio to ceiling %.2f (rounds %s)%n%n",
                                store, workers, rounds, median(noops, BenchClient.Result::perSecond),
                                median(ingests, BenchClient.Result::perSecond) * gpus, median(ingests, BenchClient.Result::p99ms),
                                median(ingests, BenchClient.Result::cpuUsPerRequest),
                                median(ingests, BenchClient.Result::writerUsPerRequest),
                                median(ratios, x -> x), ratios.stream().map(x -> String.format("%.2f", x)).toList());
                    }
                }
            }
        } finally {
            ceiling.stop();
        }
    }

    static <T> double median(List<T> values, java.util.function.ToDoubleFunction<T> f) {
        double[] v = values.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static String workerId(int n) {
        return String.format("bench-worker-%05d", n);
    }

    /** A realistic sample: an A100 with every DCGM-like field filled in. */
    static String bodyTemplate(int gpus) {
        StringBuilder b = new StringBuilder("{\"worker_id\":\"%s\",\"gpus\":[");
        for (int i = 0; i < gpus; i++) {
            b.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"name\":\"NVIDIA A100-SXM4-80GB\",\"utilization_percent\":87.0,"
                    + "\"memory_used_mb\":61234,\"memory_total_mb\":81920,\"temperature_c\":64,\"power_watts\":312.4,\"sm_clock_mhz\":1410,"
                    + "\"ecc_sbe_count\":0,\"ecc_dbe_count\":0}");
        }
        return b.append("]}").toString();
    }

    /** Every simulated worker heartbeats once (it must be known before it may post samples). */
    static void register(BenchClient client, String url, int workers, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> fs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            final int start = t;
            fs.add(pool.submit(() -> {
                for (int w = start; w < workers; w += concurrency) {
                    var r = client.post(url + "/api/worker/heartbeat", workerId(w), "{\"worker_id\":\"" + workerId(w)
                            + "\",\"boot_id\":\"b\",\"uptime_seconds\":1000,\"gpu_count\":1,\"interval_seconds\":10}");
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("heartbeat " + r.statusCode() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("registered %d workers in %.1f s%n", workers, (System.nanoTime() - t0) / 1e9);
    }

    /** A coordinator on port 0 over a fresh H2 file or a fresh PostgreSQL database. */
    record Coordinator(RunningBackend backend, Path dir, PgTestDatabase pg) implements AutoCloseable {
        static Coordinator start(String store, Map<String, String> extra) throws Exception {
            Path dir = Files.createTempDirectory("opsdeck-bench");
            PgTestDatabase pg = store.equals("postgresql") ? PgTestDatabase.create() : null;
            Map<String, String> s = new LinkedHashMap<>();
            s.put("OPSDECK_PROFILE", "dev");
            s.put("OPSDECK_PORT", "0");
            s.put("OPSDECK_DATA_DIR", dir.toString());
            s.put("OPSDECK_API_TOKENS", TOKEN);
            s.put("OPSDECK_LOG_FILES", "false");
            // One client address stands for a whole fleet here; per-address limits would measure the limiter, not ingest.
            s.put("RATE_LIMIT_ENABLED", "false");
            if (pg != null) {
                s.put("DATABASE_URL", pg.jdbcUrl());
            }
            s.putAll(extra);
            return new Coordinator(Backend.start(BackendConfig.fromSettings(s)), dir, pg);
        }

        String url() {
            return backend.baseUrl().toString().replaceAll("/$", "");
        }

        @Override
        public void close() throws Exception {
            backend.stop();
            if (pg != null) {
                pg.close();
            }
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static Map<String, String> args(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return m;
    }
}
