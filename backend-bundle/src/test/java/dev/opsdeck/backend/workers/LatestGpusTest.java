package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code worker_gpus} written after the batches (H2): a read right after a committed sample sees it, and samples
 * committed after the last flush are carried over by the next start instead of being lost.
 */
class LatestGpusTest {
    @TempDir
    Path dir;

    private static GpuMetricsRequest.Sample gpu(int index, double util) {
        return new GpuMetricsRequest.Sample(index, "A100", util, 1000.0, 2000.0, 50.0, 200.0, 1400.0, 0L, 0L, List.of());
    }

    @Test
    void aReadAfterACommittedSampleSeesIt() throws Exception {
        try (Database db = Database.open(DatabaseUrls.h2File(dir), 2)) {
            db.migrate();
            WorkerRepository repo = new WorkerRepository(db);
            FleetCache cache = new FleetCache();
            // An hour between timed flushes: only the read itself can have brought the table up to date.
            IngestWriter writer = new IngestWriter(repo, cache, WorkerSettings.defaults(), Duration.ofHours(1), (b, s, e) -> { });
            repo.beforeLatestRead(writer::awaitLatest);
            writer.recoverLatest();
            writer.start();
            try {
                Instant t = Instant.parse("2026-11-23T10:00:00Z");
                writer.heartbeat(new HeartbeatRequest("w1", null, null, null, null, null, null, null, null, null, null, null, null), t).get();
                writer.metrics("w1", t.plusSeconds(1), List.of(gpu(0, 10), gpu(1, 20))).get();
                writer.metrics("w1", t.plusSeconds(2), List.of(gpu(0, 30))).get();
                assertThat(scalar(repo, "SELECT COUNT(*) FROM worker_gpus")).as("nothing flushed yet").isZero();

                List<WorkerRepository.GpuRow> gpus = repo.gpus("w1", 10, 0);
                assertThat(gpus).extracting(WorkerRepository.GpuRow::utilization).containsExactly(30.0, 20.0);
                assertThat(repo.gpuTotals(t).gpus()).isEqualTo(2);
            } finally {
                writer.close();
            }
        }
    }

    @Test
    void samplesCommittedAfterTheLastFlushAreCarriedOverAtStart() throws Exception {
        try (Database db = Database.open(DatabaseUrls.h2File(dir), 2)) {
            db.migrate();
            WorkerRepository repo = new WorkerRepository(db);
            IngestWriter first = new IngestWriter(repo, new FleetCache(), WorkerSettings.defaults(), Duration.ofSeconds(1), (b, s, e) -> { });
            first.recoverLatest(); // a fresh database: the mark starts at the newest raw id (none)
            Instant t = Instant.parse("2026-11-23T10:00:00Z");
            repo.inTransaction(c -> {
                repo.upsertLatest(c, List.of(new Rows.Sample("w1", t, gpu(0, 10))));
                repo.insertSamples(c, List.of(new Rows.Sample("w1", t, gpu(0, 10))));
                repo.setWatermark(c, WorkerRepository.LATEST_MARK, repo.maxRawId(c), t);
                return null;
            });
            // Committed by the writer, then the process died before its next flush: newer samples, one older (buffered) one.
            repo.inTransaction(c -> {
                repo.insertSamples(c, List.of(new Rows.Sample("w1", t.plusSeconds(20), gpu(0, 70)), new Rows.Sample("w1", t.plusSeconds(5), gpu(0, 40)),
                        new Rows.Sample("w2", t.plusSeconds(3), gpu(3, 55))));
                return null;
            });

            IngestWriter restarted = new IngestWriter(repo, new FleetCache(), WorkerSettings.defaults(), Duration.ofSeconds(1), (b, s, e) -> { });
            restarted.recoverLatest();

            assertThat(scalar(repo, "SELECT utilization_percent FROM worker_gpus WHERE worker_id = 'w1' AND gpu_index = 0")).isEqualTo(70);
            assertThat(scalar(repo, "SELECT utilization_percent FROM worker_gpus WHERE worker_id = 'w2' AND gpu_index = 3")).isEqualTo(55);
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(repo.watermark(c, WorkerRepository.LATEST_MARK)).isEqualTo(repo.maxRawId(c));
            }
        }
    }

    @Test
    void writingInEachBatchDropsAMarkLeftBehind() throws Exception {
        try (Database db = Database.open(DatabaseUrls.h2File(dir), 2)) {
            db.migrate();
            WorkerRepository repo = new WorkerRepository(db);
            Instant t = Instant.parse("2026-11-23T10:00:00Z");
            repo.inTransaction(c -> {
                repo.setWatermark(c, WorkerRepository.LATEST_MARK, 0, t);
                repo.insertSamples(c, List.of(new Rows.Sample("w1", t, gpu(0, 10))));
                return null;
            });
            new IngestWriter(repo, new FleetCache(), WorkerSettings.defaults(), Duration.ZERO, (b, s, e) -> { }).recoverLatest();
            assertThat(scalar(repo, "SELECT utilization_percent FROM worker_gpus WHERE worker_id = 'w1'")).isEqualTo(10);
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(repo.watermark(c, WorkerRepository.LATEST_MARK)).isEqualTo(-1);
            }
        }
    }

    private static long scalar(WorkerRepository repo, String sql) {
        return repo.query(sql, ps -> { }, rs -> (long) rs.getDouble(1)).get(0);
    }
}
