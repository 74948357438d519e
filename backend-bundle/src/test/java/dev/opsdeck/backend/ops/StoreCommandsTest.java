package dev.opsdeck.backend.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.PgTestDatabase;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's CLI commands: restore a backup into a new named target, migrate an H2 store into PostgreSQL. */
class StoreCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @ParameterizedTest
    @EnumSource(Store.class)
    void aFullBackupRestoresIntoANamedTargetWithEqualCountsAndNeverOverwrites(Store store) throws Exception {
        try (TestBackend b = TestBackend.start(store)) {
            OpsTestData.seed(b, "w-restore", 35, 5);
            String id = b.admin("POST", "/admin/backup/create", "{\"type\":\"full\"}").json().path("backup_id").asText();
            JsonNode done = OpsTestData.awaitBackup(b, id);
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
            Path file = b.dataDir().resolve("backups").resolve(done.path("file_name").asText());

            Path dir = Files.createTempDirectory("opsdeck-restore");
            PgTestDatabase pgTarget = null;
            String target;
            String targetJdbc;
            if (store == Store.H2) {
                target = dir.resolve("restored").toString();
                targetJdbc = dev.opsdeck.backend.platform.store.DatabaseUrls.h2File(Path.of(target));
            } else {
                pgTarget = PgTestDatabase.create(); // an empty database of its own, dropped afterwards
                target = pgTarget.jdbcUrl();
                targetJdbc = target;
            }
            try {
                int code = StoreCommands.restore(List.of("--backup", file.toString(), "--target", target), Map.of(), print(out), print(err));
                assertThat(code).as(err + "\n" + out).isZero();
                assertThat(out.toString()).contains("every table matches what the backup recorded");
                try (Connection c = DriverManager.getConnection(targetJdbc)) {
                    assertThat(count(c, "heartbeats")).isEqualTo(40);
                    assertThat(count(c, "gpu_metrics_history")).isEqualTo(40);
                    assertThat(count(c, "workers")).isEqualTo(1);
                }
                int again = StoreCommands.restore(List.of("--backup", file.toString(), "--target", target), Map.of(), print(out), print(err));
                assertThat(again).isEqualTo(1);
                assertThat(err.toString()).contains("refusing");
            } finally {
                if (pgTarget != null) {
                    pgTarget.close();
                }
                H2BackupEngine.deleteTree(dir);
            }
        }
    }

    @Test
    void restoreRefusesATamperedBackupAndBadUsage() throws Exception {
        try (TestBackend b = TestBackend.start(Store.H2)) {
            String id = b.admin("POST", "/admin/backup/create", "{\"type\":\"schema\"}").json().path("backup_id").asText();
            JsonNode done = OpsTestData.awaitBackup(b, id);
            Path file = b.dataDir().resolve("backups").resolve(done.path("file_name").asText());
            Files.writeString(file, "\n-- tampered", java.nio.file.StandardOpenOption.APPEND);
            Path dir = Files.createTempDirectory("opsdeck-restore");
            try {
                assertThat(StoreCommands.restore(List.of("--backup", file.toString(), "--target", dir.toString()), Map.of(), print(out), print(err))).isEqualTo(1);
                assertThat(err.toString()).contains("checksum");
                assertThat(dir.resolve("opsdeck.mv.db")).doesNotExist();
                assertThat(StoreCommands.restore(List.of("--target", dir.toString()), Map.of(), print(out), print(err))).isEqualTo(2);
            } finally {
                H2BackupEngine.deleteTree(dir);
            }
        }
    }

    @Test
    void migrateStoreCopiesEveryTableOnceAndNeverOverwrites() throws Exception {
        TestBackend b = TestBackend.start(Store.H2);
        try (PgTestDatabase pg = PgTestDatabase.create()) {
            OpsTestData.seed(b, "w-migrate", 30, 0);
            b.admin("POST", "/admin/maintenance/cleanup", "{\"days\":30,\"dry_run\":true}"); // an audit entry to carry over
            long auditRows = OpsTestData.count(b, "SELECT COUNT(*) FROM audit_log");
            // Each GPU's newest sample: kept in memory on H2 and saved at the clean stop, it must reach PostgreSQL.
            assertThat(b.post("/api/worker/gpu-metrics", "{\"worker_id\":\"w-migrate\",\"gpus\":[{\"index\":0,\"utilization_percent\":64}]}",
                    "Authorization", "Bearer " + TestBackend.API_TOKEN).status()).isEqualTo(200);
            b.backend().stop(); // a clean H2 shutdown, as an operator would do before migrating

            int code = StoreCommands.migrateStore(List.of("--from", b.dataDir().toString(), "--to", pg.jdbcUrl()), print(out), print(err));
            assertThat(code).as(err + "\n" + out).isZero();
            assertThat(out.toString()).contains("heartbeats").contains("checksum ok").contains("worker_gpus_saved -> worker_gpus")
                    .doesNotContain("differs").doesNotContain("not copied");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl()); Statement st = c.createStatement()) {
                assertThat(count(c, "heartbeats")).isEqualTo(30);
                assertThat(count(c, "workers")).isEqualTo(1);
                assertThat(count(c, "audit_log")).isEqualTo(auditRows);
                assertThat(count(c, "worker_gpus")).isEqualTo(1);
                st.execute("UPDATE workers SET hostname = 'renamed-in-postgres' WHERE worker_id = 'w-migrate'");
                // The identity sequence was moved past the copied ids: a new row gets a fresh id, no collision.
                st.execute("INSERT INTO heartbeats (worker_id, heartbeat_time, status) VALUES ('w-migrate', CURRENT_TIMESTAMP, 'online')");
            }

            out.reset();
            int rerun = StoreCommands.migrateStore(List.of("--from", b.dataDir().toString(), "--to", pg.jdbcUrl()), print(out), print(err));
            assertThat(rerun).as(err.toString()).isZero();
            assertThat(out.toString()).contains("copied 0 row(s)").contains("target rows kept");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT hostname FROM workers WHERE worker_id = 'w-migrate'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("renamed-in-postgres");
                assertThat(count(c, "heartbeats")).isEqualTo(31);
            }
            assertThat(StoreCommands.migrateStore(List.of("--from", b.dataDir().resolve("nothing-here").toString(), "--to", pg.jdbcUrl()),
                    print(out), print(err))).isEqualTo(1);
        } finally {
            b.close();
        }
    }

    private static long count(Connection c, String table) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static PrintStream print(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }
}
