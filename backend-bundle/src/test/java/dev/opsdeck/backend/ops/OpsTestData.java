package dev.opsdeck.backend.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.TestBackend;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Rows written straight into a test backend's store, and polling helpers. */
final class OpsTestData {
    private OpsTestData() {
    }

    /** Inserts one worker with {@code recent} fresh and {@code old} 90-day-old heartbeats and GPU samples. */
    static void seed(TestBackend b, String worker, int recent, int old) throws SQLException {
        try (Connection c = DriverManager.getConnection(b.jdbcUrl())) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO workers (worker_id, hostname, gpu_count, registered_at, total_rewards) VALUES (?, ?, 2, ?, 12.5)")) {
                ps.setString(1, worker);
                ps.setString(2, worker + ".local");
                ps.setObject(3, now);
                ps.executeUpdate();
            }
            try (PreparedStatement hb = c.prepareStatement("INSERT INTO heartbeats (worker_id, heartbeat_time, status, cpu_percent) VALUES (?, ?, 'online', ?)");
                 PreparedStatement gm = c.prepareStatement("INSERT INTO gpu_metrics_history (worker_id, gpu_index, recorded_at, utilization_percent, temperature_c) VALUES (?, 0, ?, ?, 61.5)")) {
                for (int i = 0; i < recent + old; i++) {
                    OffsetDateTime at = i < recent ? now.minusMinutes(i) : now.minusDays(90).minusMinutes(i);
                    hb.setString(1, worker);
                    hb.setObject(2, at);
                    hb.setDouble(3, i % 100 + 0.25);
                    hb.addBatch();
                    gm.setString(1, worker);
                    gm.setObject(2, at);
                    gm.setDouble(3, (i * 7) % 100);
                    gm.addBatch();
                }
                hb.executeBatch();
                gm.executeBatch();
            }
        }
    }

    static long count(TestBackend b, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(b.jdbcUrl()); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Polls a backup until it leaves {@code running}; fails after 60 s. */
    static JsonNode awaitBackup(TestBackend b, String id) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            TestBackend.Reply r = b.admin("GET", "/admin/backups/" + id, null);
            if (r.status() != 200) {
                throw new AssertionError("GET backup " + id + ": " + r.status() + " " + r.body());
            }
            if (!"running".equals(r.json().path("status").asText())) {
                return r.json();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("backup " + id + " still running after 60 s");
    }

    static JsonNode table(JsonNode tables, String name) {
        for (JsonNode t : tables) {
            if (name.equals(t.path("table").asText())) {
                return t;
            }
        }
        throw new AssertionError("no table " + name + " in " + tables);
    }
}
