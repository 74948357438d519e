package dev.opsdeck.backend.jobs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes worker rows the way the workers domain does (registration + heartbeat columns), so queue tests can
 * have active and dead workers without depending on the heartbeat endpoints being present.
 */
final class Fleet {
    private final String jdbcUrl;

    Fleet(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    void worker(String id, int gpus, String model) {
        heartbeat(id, gpus, model, Instant.now());
    }

    /** Inserts or updates the worker with its last heartbeat at {@code at}. */
    void heartbeat(String id, int gpus, String model, Instant at) {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            try (PreparedStatement up = c.prepareStatement("UPDATE workers SET gpu_count = ?, gpu_model = ?, last_heartbeat = ?, status = 'online' WHERE worker_id = ?")) {
                up.setInt(1, gpus);
                up.setString(2, model);
                up.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                up.setString(4, id);
                if (up.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO workers (worker_id, gpu_count, gpu_model, status, registered_at, last_heartbeat) VALUES (?, ?, ?, 'online', ?, ?)")) {
                ins.setString(1, id);
                ins.setInt(2, gpus);
                ins.setString(3, model);
                ins.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                ins.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                ins.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes the worker look dead: its last heartbeat far in the past. */
    void silence(String id) {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement up = c.prepareStatement("UPDATE workers SET last_heartbeat = ? WHERE worker_id = ?")) {
            up.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusHours(1));
            up.setString(2, id);
            up.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
