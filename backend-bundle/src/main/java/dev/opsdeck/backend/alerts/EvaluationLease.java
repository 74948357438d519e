package dev.opsdeck.backend.alerts;

import com.zaxxer.hikari.HikariDataSource;
import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.StoreKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which coordinator evaluates. Several coordinators on one PostgreSQL must not each notify and each write the
 * same transitions, so the evaluator holds a session-level advisory lock on a connection of its own (outside the
 * pool, so a small pool is not starved). The lock dies with the session: when the leader stops or crashes,
 * another coordinator takes it at its next tick and resumes from the history. H2 belongs to one process, which
 * always leads.
 */
final class EvaluationLease implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EvaluationLease.class);
    /** Arbitrary constant every coordinator agrees on ("alerts" in hex-ish). */
    static final long LOCK_ID = 0x0A1E27_5EA1L;

    private final String jdbcUrl;
    private Connection held;

    EvaluationLease(Database db) {
        this.jdbcUrl = db.kind() == StoreKind.POSTGRESQL && db.dataSource() instanceof HikariDataSource h ? h.getJdbcUrl() : null;
    }

    /** True when this process may evaluate now; tries to take the lock when it does not hold it. */
    synchronized boolean holds() {
        if (jdbcUrl == null) {
            return true;
        }
        try {
            if (held != null && held.isValid(2)) {
                return true;
            }
            closeQuietly();
            Connection c = DriverManager.getConnection(jdbcUrl);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_ID + ")")) {
                if (rs.next() && rs.getBoolean(1)) {
                    held = c;
                    log.info("this coordinator now evaluates the alert rules");
                    return true;
                }
            }
            c.close();
            return false;
        } catch (SQLException e) {
            log.warn("alert evaluation lease: {}", e.getMessage());
            closeQuietly();
            return false;
        }
    }

    private void closeQuietly() {
        if (held != null) {
            try {
                held.close();
            } catch (SQLException ignored) {
                // the session is gone either way, and with it the lock
            }
            held = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
