package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import dev.opsdeck.backend.testing.PgTestDatabase;
import dev.opsdeck.backend.testing.Store;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rollups merge late rows exactly and each tier keeps its own retention; on both stores, on an injected clock. */
class RollupRetentionTest {
    @TempDir
    Path dir;

    private static GpuMetricsRequest.Sample sample(double util) {
        return new GpuMetricsRequest.Sample(0, "A100", util, 1000.0, 2000.0, 50.0, 200.0, 1400.0, 0L, 0L, List.of());
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void tiersRollUpAndExpireOnTheirOwnSchedules(Store store) throws Exception {
        withRepository(store, repo -> {
            Instant t0 = Instant.parse("2026-11-20T10:15:00Z");
            WorkerTimeLogicTest.MutableClock clock = new WorkerTimeLogicTest.MutableClock(t0);
            RollupJob job = new RollupJob(repo, WorkerSettings.defaults(), clock);
            write(repo, List.of(new Rows.Sample("w", t0, sample(20)), new Rows.Sample("w", t0.plusSeconds(10), sample(40))));
            assertThat(job.rollup()).isPositive();
            // A late (buffered) sample for the same minute arrives after the rollup ran: it is merged in, not lost.
            write(repo, List.of(new Rows.Sample("w", t0.plusSeconds(20), sample(90))));
            job.rollup();

            List<WorkerRepository.Point> minute = repo.tierSeries(WorkerRepository.Tier.MINUTE, "w", 0, t0.minusSeconds(60), t0.plusSeconds(60), 10);
            assertThat(minute).hasSize(1);
            assertThat(minute.get(0).samples()).isEqualTo(3);
            assertThat(minute.get(0).utilization()).isEqualTo(50.0);
            assertThat(minute.get(0).utilizationMax()).isEqualTo(90.0);
            assertThat(repo.tierSeries(WorkerRepository.Tier.HOUR, "w", 0, t0.minus(Duration.ofHours(1)), t0.plusSeconds(60), 10))
                    .singleElement().satisfies(p -> assertThat(p.samples()).isEqualTo(3));

            clock.now = t0.plus(Duration.ofHours(49));
            Map<String, Integer> deleted = job.retention();
            assertThat(deleted).containsEntry("gpu_metrics_history", 3).containsEntry("gpu_metrics_1m", 0);
            clock.now = t0.plus(Duration.ofDays(15));
            assertThat(job.retention()).containsEntry("gpu_metrics_1m", 1).containsEntry("gpu_metrics_1h", 0);
            assertThat(repo.tierSeries(WorkerRepository.Tier.HOUR, "w", 0, t0.minus(Duration.ofHours(1)), t0.plusSeconds(60), 10)).hasSize(1);
        });
    }

    /**
     * The one-pass rollup gives each tier exactly what grouping all raw rows by worker, GPU and UTC bucket gives, however
     * the rows fall into chunks: several workers and GPUs, an hour boundary inside a chunk, missing readings counted
     * as 0, buckets updated by later chunks and buckets a chunk creates.
     */
    @ParameterizedTest
    @EnumSource(Store.class)
    void chunkedOnePassRollupMatchesGroupingEveryRawRow(Store store) throws Exception {
        withRepository(store, repo -> {
            java.util.Random random = new java.util.Random(7);
            Instant t0 = Instant.parse("2026-11-20T10:57:30Z");
            List<Rows.Sample> rows = new java.util.ArrayList<>();
            for (int i = 0; i < 600; i++) {
                // Not in time order: a buffered sample may arrive after newer ones.
                Instant at = t0.plusSeconds(random.nextInt(6 * 60));
                boolean gaps = random.nextInt(5) == 0;
                rows.add(new Rows.Sample("w" + random.nextInt(3), at, new GpuMetricsRequest.Sample(random.nextInt(2), "H100",
                        random.nextInt(101), gaps ? null : 1000.0 + random.nextInt(500), 80_000.0, gaps ? null : 30.0 + random.nextInt(60),
                        gaps ? null : 100.0 + random.nextInt(600), 1500.0, 0L, 0L, List.of())));
            }
            long written = 0;
            for (int chunk : new int[]{1, 99, 150, 350}) {
                write(repo, rows.subList((int) written, (int) written + chunk));
                long from = written;
                long to = written + chunk;
                repo.inTransaction(c -> repo.rollUp(c, from, to));
                written = to;
            }
            for (WorkerRepository.Tier tier : WorkerRepository.Tier.values()) {
                assertThat(tierRows(repo, tier)).as(tier.name()).isEqualTo(grouped(rows, tier));
            }
        });
    }

    /** Every row of a tier as "worker gpu bucket samples sums and maxima", rounded to survive summing order. */
    private static java.util.SortedSet<String> tierRows(WorkerRepository repo, WorkerRepository.Tier tier) throws Exception {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        try (Connection c = repo.database().dataSource().getConnection();
             var ps = c.prepareStatement("SELECT worker_id, gpu_index, bucket_start, samples, utilization_sum, utilization_max, memory_used_sum,"
                     + " temperature_sum, temperature_max, power_sum FROM " + tier.table());
             var rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(String.format("%s %d %s %d %.3f %.3f %.3f %.3f %.3f %.3f", rs.getString(1), rs.getInt(2),
                        WorkerRepository.instant(rs, 3), rs.getInt(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8),
                        rs.getDouble(9), rs.getDouble(10)));
            }
        }
        return out;
    }

    private static java.util.SortedSet<String> grouped(List<Rows.Sample> rows, WorkerRepository.Tier tier) {
        Map<String, List<Rows.Sample>> groups = new java.util.HashMap<>();
        for (Rows.Sample r : rows) {
            groups.computeIfAbsent(r.workerId() + " " + r.gpu().index() + " " + r.at().truncatedTo(tier.unit()), k -> new java.util.ArrayList<>()).add(r);
        }
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        groups.forEach((key, g) -> out.add(String.format("%s %d %.3f %.3f %.3f %.3f %.3f %.3f", key, g.size(),
                g.stream().mapToDouble(r -> r.gpu().utilization()).sum(), g.stream().mapToDouble(r -> r.gpu().utilization()).max().orElseThrow(),
                g.stream().mapToDouble(r -> orZero(r.gpu().memoryUsed())).sum(), g.stream().mapToDouble(r -> orZero(r.gpu().temperature())).sum(),
                g.stream().mapToDouble(r -> orZero(r.gpu().temperature())).max().orElseThrow(),
                g.stream().mapToDouble(r -> orZero(r.gpu().power())).sum())));
        return out;
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }

    interface RepoTest {
        void run(WorkerRepository repo) throws Exception;
    }

    /** Runs {@code test} against a migrated, empty workers store of the given kind. */
    private void withRepository(Store store, RepoTest test) throws Exception {
        PgTestDatabase pg = store == Store.POSTGRESQL ? PgTestDatabase.create() : null;
        try (Database db = Database.open(pg != null ? pg.jdbcUrl() : DatabaseUrls.h2File(dir), 2)) {
            db.migrate();
            test.run(new WorkerRepository(db));
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static void write(WorkerRepository repo, List<Rows.Sample> rows) throws Exception {
        try (Connection c = repo.database().dataSource().getConnection()) {
            repo.insertSamples(c, rows);
        }
    }
}
