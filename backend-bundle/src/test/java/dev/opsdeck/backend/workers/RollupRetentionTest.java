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
        PgTestDatabase pg = store == Store.POSTGRESQL ? PgTestDatabase.create() : null;
        try (Database db = Database.open(pg != null ? pg.jdbcUrl() : DatabaseUrls.h2File(dir), 2)) {
            db.migrate();
            WorkerRepository repo = new WorkerRepository(db);
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
