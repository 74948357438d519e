package dev.opsdeck.backend.ops;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * PostgreSQL backups through the real client tools: {@code pg_dump -Fc} (full) and {@code pg_dump --schema-only}
 * (schema); restores with {@code pg_restore} and {@code psql} into a database of their own.
 */
final class PgBackupEngine implements BackupEngine {
    private final DataSource live;
    private final PgConnInfo conn;
    private final PgTools tools;

    PgBackupEngine(DataSource live, String jdbcUrl, PgTools tools) {
        this.live = live;
        this.conn = PgConnInfo.parse(jdbcUrl);
        this.tools = tools;
    }

    @Override
    public String extension(BackupType type) {
        return type == BackupType.FULL ? ".dump" : ".sql";
    }

    @Override
    public List<TableStat> create(BackupType type, Path file, Progress progress) throws Exception {
        // Fail on a missing tool before holding a snapshot open.
        tools.locate("pg_dump");
        try (Connection c = live.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                // pg_dump reads the snapshot this transaction exports, so the counts measured here are exactly
                // those of the dump, while writers carry on unblocked.
                String snapshot = OpsRepository.exportSnapshot(c);
                List<TableStat> stats = Fingerprints.measure(c, type == BackupType.FULL, p -> progress.report("measuring", p));
                progress.report("writing", 0);
                List<String> args = type == BackupType.FULL
                        ? List.of("--format=custom", "--snapshot=" + snapshot, "--file=" + file, conn.database())
                        : List.of("--schema-only", "--format=plain", "--snapshot=" + snapshot, "--file=" + file, conn.database());
                tools.run("pg_dump", args, conn);
                return stats;
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    @Override
    public List<TableStat> restoreAndMeasure(BackupType type, Path file, Progress progress) throws Exception {
        String scratch = "opsdeck_verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = live.getConnection()) {
            OpsRepository.createDatabase(c, scratch);
        }
        try {
            progress.report("restoring", 0);
            PgConnInfo target = conn.withDatabase(scratch);
            restoreInto(type, file, target);
            try (Connection c = DriverManager.getConnection(target.jdbcUrl())) {
                return Fingerprints.measure(c, type == BackupType.FULL, p -> progress.report("measuring", p));
            }
        } finally {
            try (Connection c = live.getConnection()) {
                OpsRepository.dropDatabase(c, scratch);
            }
        }
    }

    /** Restores into an existing, empty database; refuses one that already has tables (never overwrites). */
    void restoreInto(BackupType type, Path file, PgConnInfo target) throws Exception {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl())) {
            List<String> existing = StoreSql.tables(c);
            if (!existing.isEmpty()) {
                throw new IllegalStateException("refusing to restore into " + target.database() + ": it already has "
                        + existing.size() + " table(s), e.g. " + existing.get(0));
            }
        }
        if (type == BackupType.FULL) {
            tools.run("pg_restore", List.of("--no-owner", "--no-privileges", "--exit-on-error", "--dbname=" + target.database(), file.toString()), target);
        } else {
            tools.run("psql", List.of("-X", "-q", "-v", "ON_ERROR_STOP=1", "--file=" + file, "--dbname=" + target.database()), target);
        }
    }

    /** Creates {@code target}'s database when it does not exist yet (CLI restore into a named database). */
    static void ensureDatabase(PgConnInfo target) throws SQLException {
        try (Connection c = DriverManager.getConnection(target.withDatabase("postgres").jdbcUrl());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + target.database().replace("'", "''") + "'")) {
            if (!rs.next()) {
                OpsRepository.createDatabase(c, target.database());
            }
        }
    }
}
