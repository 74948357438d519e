package dev.opsdeck.backend.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Not a test: prints how long a full backup, its verify and a retention cleanup take on N heartbeats, per store.
 * Run: mvn -q -pl backend-bundle test-compile exec:java -Dexec.classpathScope=test
 *      -Dexec.mainClass=dev.opsdeck.backend.ops.bench.OpsBenchmark -Dexec.args=100000
 */
public final class OpsBenchmark {
    private OpsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        for (Store store : Store.values()) {
            try (TestBackend b = TestBackend.start(store)) {
                seed(b, rows);
                long t0 = System.nanoTime();
                String id = b.admin("POST", "/admin/backup/create", "{\"type\":\"full\"}").json().path("backup_id").asText();
                JsonNode done;
                do {
                    Thread.sleep(50);
                    done = b.admin("GET", "/admin/backups/" + id, null).json();
                } while ("running".equals(done.path("status").asText()));
                double create = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                JsonNode v = b.admin("POST", "/admin/backups/" + id + "/verify", "").json();
                double verify = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                JsonNode dry = b.admin("POST", "/admin/maintenance/cleanup", "{\"days\":30,\"dry_run\":true}").json();
                double dryS = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                JsonNode real = b.admin("POST", "/admin/maintenance/cleanup", "{\"days\":30,\"dry_run\":false}").json();
                double realS = (System.nanoTime() - t0) / 1e9;
                System.out.printf("%s: %d heartbeats; full backup %s %d bytes in %.2f s (job %d ms); verify ok=%s in %.2f s; "
                                + "cleanup dry run %d rows in %.2f s, real %d rows in %.2f s%n", store, rows, done.path("status").asText(),
                        done.path("size_bytes").asLong(), create, done.path("duration_ms").asLong(), v.path("ok").asBoolean(), verify,
                        dry.path("total").asLong(), dryS, real.path("total").asLong(), realS);
            }
        }
    }

    private static void seed(TestBackend b, int rows) throws Exception {
        try (Connection c = DriverManager.getConnection(b.jdbcUrl());
             PreparedStatement ps = c.prepareStatement("INSERT INTO heartbeats (worker_id, heartbeat_time, status, cpu_percent) VALUES (?, ?, 'online', ?)")) {
            c.setAutoCommit(false);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (int i = 0; i < rows; i++) {
                ps.setString(1, "w-" + (i % 50));
                ps.setObject(2, i % 2 == 0 ? now.minusMinutes(i % 1000) : now.minusDays(60));
                ps.setDouble(3, i % 100);
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
    }
}
