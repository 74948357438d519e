package dev.opsdeck.backend.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.audit.HashChainedAuditLog;
import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BackupFailureAndScheduleTest {
    @Test
    void aMissingPgDumpFailsTheJobWithThatReason() throws Exception {
        try (TestBackend b = TestBackend.start(Store.POSTGRESQL, Map.of("PG_DUMP_PATH", "/nonexistent/bin/pg_dump"))) {
            TestBackend.Reply created = b.admin("POST", "/admin/backup/create", "{\"type\":\"full\"}");
            assertThat(created.status()).isEqualTo(202);
            JsonNode done = OpsTestData.awaitBackup(b, created.json().path("backup_id").asText());
            assertThat(done.path("status").asText()).isEqualTo("failed");
            assertThat(done.path("error").asText()).contains("pg_dump not found at /nonexistent/bin/pg_dump");
            assertThat(b.dataDir().resolve("backups").resolve(done.path("file_name").asText())).doesNotExist();
            TestBackend.Reply log = b.admin("GET", "/admin/logs/recent?level=warn&q=pg_dump", null);
            assertThat(log.json().path("logs").size()).isPositive();
        }
    }

    @Test
    void scheduledBackupsRunWhenDueAndRetentionKeepsTheNewest() throws Exception {
        Path dir = Files.createTempDirectory("opsdeck-schedule");
        ExecutorService jobs = Executors.newSingleThreadExecutor();
        UpstreamServiceTest.MutableClock clock = new UpstreamServiceTest.MutableClock();
        try (Database db = Database.open(DatabaseUrls.h2File(dir), 3)) {
            db.migrate();
            OpsRepository repo = new OpsRepository(db, Json.newMapper());
            BackupService backups = new BackupService(db, new H2BackupEngine(db.dataSource()), repo, new EventBus(), Json.newMapper(),
                    clock, dir.resolve("backups"), jobs);
            OpsAudit audit = new OpsAudit(new HashChainedAuditLog(db, Json.newMapper(), clock));
            BackupScheduler scheduler = new BackupScheduler(repo, backups, audit, clock);
            backups.start(BackupType.SCHEMA, "operator", false); // by hand: never removed by retention
            scheduler.set(true, BackupType.SCHEMA, 24, 2);

            for (int run = 0; run < 3; run++) {
                if (run > 0) {
                    clock.now = clock.now.plus(Duration.ofHours(25));
                }
                scheduler.tick();
                drain(jobs);
            }
            scheduler.tick(); // not due again within the interval: retention only
            List<BackupRecord> all = repo.listBackups();
            assertThat(all.stream().filter(BackupRecord::scheduled).count()).isEqualTo(2);
            assertThat(all.stream().filter(r -> !r.scheduled()).count()).isEqualTo(1);
            assertThat(all).allMatch(BackupRecord::completed);
            try (var files = Files.list(dir.resolve("backups"))) {
                assertThat(files.filter(p -> p.toString().endsWith(".sql")).count()).isEqualTo(3);
            }
            assertThat(scheduler.describe().get("retain_count")).isEqualTo(2);
            // A second coordinator that read the schedule before this run cannot claim the same run again.
            assertThat(repo.claimScheduleRun(null, clock.now)).isFalse();
        } finally {
            jobs.shutdownNow();
            H2BackupEngine.deleteTree(dir);
        }
    }

    private static void drain(ExecutorService jobs) throws Exception {
        jobs.submit(() -> { }).get(30, TimeUnit.SECONDS);
    }
}
