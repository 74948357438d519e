package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import dev.opsdeck.backend.testing.PgTestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ingest writer without HTTP: {@code threads} producers each submit one GPU sample of a random worker and wait
 * until it is committed, like request threads do. Run with group commit (batches up to 2,000 rows) and with one
 * commit per request ({@code ingestBatchRows = 1}), on H2 (WRITE_DELAY=0) and PostgreSQL. It lives beside the
 * package-private writer it measures, not under {@code bench/}.
 *
 * <pre>java -cp ... dev.opsdeck.backend.workers.GroupCommitBenchmark [seconds=10] [threads=64] [workers=10000]</pre>
 */
public final class GroupCommitBenchmark {
    private GroupCommitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        System.out.printf("group commit benchmark: %d producers, %d workers, %.0f s per run, %d cores%n", threads, workers, seconds,
                Runtime.getRuntime().availableProcessors());
        for (String store : new String[]{"h2", "postgresql"}) {
            for (int batch : new int[]{2_000, 1}) {
                run(store, batch, seconds, threads, workers);
            }
        }
    }

    static void run(String store, int batchRows, double seconds, int threads, int workers) throws Exception {
        Path dir = Files.createTempDirectory("opsdeck-gc-bench");
        PgTestDatabase pg = store.equals("postgresql") ? PgTestDatabase.create() : null;
        WorkerSettings d = WorkerSettings.defaults();
        WorkerSettings s = new WorkerSettings(d.heartbeatInterval(), d.lateAfter(), d.staleAfter(), d.offlineAfter(), d.departedWindow(),
                d.rawRetention(), d.minuteRetention(), d.hourRetention(), d.rollupEvery(), d.sweepEvery(), d.uptimeRefresh(), d.ingestQueue(), batchRows, d.latestSaveEvery());
        try (Database db = Database.open(pg != null ? pg.jdbcUrl() : DatabaseUrls.h2File(dir), 4)) {
            db.migrate();
            WorkerRepository repo = new WorkerRepository(db);
            FleetCache cache = new FleetCache();
            IngestWriter writer = new IngestWriter(repo, cache, s, (b, x, e) -> { });
            writer.start();
            List<java.util.concurrent.CompletableFuture<IngestResults.Heartbeat>> regs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                regs.add(writer.heartbeat(new HeartbeatRequest("gc-" + w, null, null, null, null, null, null, null, 1, null, null, null, null),
                        Instant.now()));
            }
            for (var f : regs) {
                f.get();
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long end = System.nanoTime() + (long) (seconds * 1e9);
            List<Future<long[]>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        int w = ThreadLocalRandom.current().nextInt(workers);
                        long t0 = System.nanoTime();
                        writer.metrics("gc-" + w, Instant.now(), List.of(new GpuMetricsRequest.Sample(0, "NVIDIA A100-SXM4-80GB", 87.0,
                                61234.0, 81920.0, 64.0, 312.4, 1410.0, 0L, 0L, List.of()))).get();
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = System.nanoTime() - t0;
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
            long[] all = new long[0];
            for (Future<long[]> f : fs) {
                long[] l = f.get();
                int at = all.length;
                all = Arrays.copyOf(all, at + l.length);
                System.arraycopy(l, 0, all, at, l.length);
            }
            pool.shutdown();
            writer.close();
            Arrays.sort(all);
            System.out.printf("%-10s %-22s %8.0f samples/s committed  p50 %6.2f ms  p99 %6.2f ms  avg rows/commit %.1f%n", store,
                    batchRows == 1 ? "commit per request" : "group commit", all.length / seconds, all[all.length / 2] / 1e6,
                    all[(int) Math.ceil(all.length * 0.99) - 1] / 1e6, writer.averageBatchRows());
        } finally {
            if (pg != null) {
                pg.close();
            }
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
