package dev.opsdeck.backend.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.store.Database;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** SQL of the ops domain's own tables (backups, idempotency keys, schedule) and of the store-level statements it runs. */
final class OpsRepository {
    private static final Pattern DB_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String BACKUP_COLUMNS = "backup_id, backup_type, status, store, schema_version, file_name, size_bytes, sha256, "
            + "duration_ms, tables_json, error, scheduled, requested_by, created_at, completed_at";

    private final Database db;
    private final ObjectMapper mapper;

    OpsRepository(Database db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    // ---- backups ----

    void insertBackup(BackupRecord b) {
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO ops_backups (backup_id, backup_type, status, store, schema_version, "
                        + "file_name, scheduled, requested_by, created_at) VALUES (:id, :type, :status, :store, :version, :file, :scheduled, :by, :at)")
                .bind("id", b.backupId()).bind("type", b.type()).bind("status", b.status()).bind("store", b.store())
                .bind("version", b.schemaVersion()).bind("file", b.fileName()).bind("scheduled", b.scheduled())
                .bind("by", b.requestedBy()).bind("at", utc(b.createdAt())).execute());
    }

    void completeBackup(String id, long size, String sha256, long durationMs, List<TableStat> tables, Instant at) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE ops_backups SET status = 'completed', size_bytes = :size, sha256 = :sha, "
                        + "duration_ms = :ms, tables_json = :tables, completed_at = :at WHERE backup_id = :id")
                .bind("size", size).bind("sha", sha256).bind("ms", durationMs).bind("tables", json(tables))
                .bind("at", utc(at)).bind("id", id).execute());
    }

    void failBackup(String id, String error, long durationMs, Instant at) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE ops_backups SET status = 'failed', error = :error, duration_ms = :ms, "
                        + "completed_at = :at WHERE backup_id = :id")
                .bind("error", error).bind("ms", durationMs).bind("at", utc(at)).bind("id", id).execute());
    }

    /** Marks backups left {@code running} by a process that died as failed, so the list never shows a ghost job. */
    int failOrphans(Instant at) {
        return db.jdbi().withHandle(h -> h.createUpdate("UPDATE ops_backups SET status = 'failed', "
                        + "error = 'the backend stopped while this backup was running', completed_at = :at WHERE status = 'running'")
                .bind("at", utc(at)).execute());
    }

    Optional<BackupRecord> findBackup(String id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + BACKUP_COLUMNS + " FROM ops_backups WHERE backup_id = :id")
                .bind("id", id).map((rs, c) -> backup(rs)).findOne());
    }

    List<BackupRecord> listBackups() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + BACKUP_COLUMNS + " FROM ops_backups ORDER BY created_at DESC, backup_id DESC")
                .map((rs, c) -> backup(rs)).list());
    }

    boolean deleteBackup(String id) {
        return db.jdbi().withHandle(h -> h.createUpdate("DELETE FROM ops_backups WHERE backup_id = :id").bind("id", id).execute()) > 0;
    }

    /** Completed scheduled backups beyond the newest {@code keep}: what retention removes. */
    List<BackupRecord> scheduledBeyond(int keep) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + BACKUP_COLUMNS + " FROM ops_backups WHERE scheduled = TRUE "
                        + "AND status = 'completed' ORDER BY created_at DESC, backup_id DESC OFFSET :keep")
                .bind("keep", keep).map((rs, c) -> backup(rs)).list());
    }

    private BackupRecord backup(ResultSet rs) throws SQLException {
        String tables = rs.getString("tables_json");
        return new BackupRecord(rs.getString("backup_id"), rs.getString("backup_type"), rs.getString("status"), rs.getString("store"),
                rs.getString("schema_version"), rs.getString("file_name"), rs.getObject("size_bytes", Long.class),
                rs.getString("sha256"), rs.getObject("duration_ms", Long.class),
                tables == null ? List.of() : parseTables(tables), rs.getString("error"), rs.getBoolean("scheduled"),
                rs.getString("requested_by"), instant(rs, "created_at"), instant(rs, "completed_at"));
    }

    // ---- schedule ----

    record Schedule(boolean enabled, String type, int intervalHours, int retainCount, Instant lastRunAt) {
    }

    Optional<Schedule> schedule() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT enabled, backup_type, interval_hours, retain_count, last_run_at "
                        + "FROM ops_backup_schedule WHERE id = 1")
                .map((rs, c) -> new Schedule(rs.getBoolean(1), rs.getString(2), rs.getInt(3), rs.getInt(4), instant(rs, "last_run_at")))
                .findOne());
    }

    void saveSchedule(Schedule s, Instant now) {
        db.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM ops_backup_schedule WHERE id = 1").execute();
            h.createUpdate("INSERT INTO ops_backup_schedule (id, enabled, backup_type, interval_hours, retain_count, last_run_at, updated_at) "
                            + "VALUES (1, :enabled, :type, :hours, :retain, :last, :now)")
                    .bind("enabled", s.enabled()).bind("type", s.type()).bind("hours", s.intervalHours()).bind("retain", s.retainCount())
                    .bind("last", s.lastRunAt() == null ? null : utc(s.lastRunAt())).bind("now", utc(now)).execute();
        });
    }

    /**
     * Claims a due run: moves {@code last_run_at} from the value this coordinator read to {@code at}. Only one of
     * several coordinators sharing the store succeeds, so a scheduled backup is taken once.
     */
    boolean claimScheduleRun(Instant previous, Instant at) {
        return db.jdbi().withHandle(h -> previous == null
                ? h.createUpdate("UPDATE ops_backup_schedule SET last_run_at = :at WHERE id = 1 AND last_run_at IS NULL")
                        .bind("at", utc(at)).execute()
                : h.createUpdate("UPDATE ops_backup_schedule SET last_run_at = :at WHERE id = 1 AND last_run_at = :prev")
                        .bind("at", utc(at)).bind("prev", utc(previous)).execute()) == 1;
    }

    // ---- idempotency ----

    record StoredResponse(String requestHash, Integer status, String body) {
    }

    /** Claims a key; false when somebody already holds it (then {@link #findIdempotent} tells what happened). */
    boolean claimIdempotencyKey(String key, String action, String requestHash, Instant now) {
        try {
            db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO ops_idempotency (idem_key, action, request_hash, created_at) "
                            + "VALUES (:k, :a, :h, :at)")
                    .bind("k", key).bind("a", action).bind("h", requestHash).bind("at", utc(now)).execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return false; // unique violation: the key was claimed first by another request
            }
            throw e;
        }
    }

    Optional<StoredResponse> findIdempotent(String key) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT request_hash, status_code, response FROM ops_idempotency WHERE idem_key = :k")
                .bind("k", key).map((rs, c) -> new StoredResponse(rs.getString(1), rs.getObject(2, Integer.class), rs.getString(3)))
                .findOne());
    }

    void storeIdempotentResponse(String key, int status, String body) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE ops_idempotency SET status_code = :s, response = :b WHERE idem_key = :k")
                .bind("s", status).bind("b", body).bind("k", key).execute());
    }

    void releaseIdempotencyKey(String key) {
        db.jdbi().useHandle(h -> h.createUpdate("DELETE FROM ops_idempotency WHERE idem_key = :k AND status_code IS NULL").bind("k", key).execute());
    }

    // ---- summaries for the dashboard (tables of other domains are read only when present) ----

    /** Row counts per value of {@code column} in {@code table}, e.g. jobs by status; empty when the table is absent. */
    Map<String, Long> countBy(String table, String column) {
        return db.jdbi().withHandle(h -> {
            try {
                if (!StoreSql.tables(h.getConnection()).contains(table)) {
                    return Map.of();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            Map<String, Long> m = new java.util.TreeMap<>();
            h.createQuery("SELECT " + StoreSql.q(column) + " AS k, COUNT(*) AS n FROM " + StoreSql.q(table) + " GROUP BY " + StoreSql.q(column))
                    .map((rs, c) -> Map.entry(String.valueOf(rs.getString("k")), rs.getLong("n"))).forEach(e -> m.put(e.getKey(), e.getValue()));
            return m;
        });
    }

    /** Rows of {@code table} with {@code column} after {@code since}; -1 when the table is absent. */
    long countSince(String table, String column, Instant since) {
        return db.jdbi().withHandle(h -> {
            try {
                if (!StoreSql.tables(h.getConnection()).contains(table)) {
                    return -1L;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return h.createQuery("SELECT COUNT(*) FROM " + StoreSql.q(table) + " WHERE " + StoreSql.q(column) + " >= :since")
                    .bind("since", utc(since)).mapTo(Long.class).one();
        });
    }

    // ---- store-level statements ----

    /** Exports the snapshot of the caller's repeatable-read transaction for {@code pg_dump --snapshot}. */
    static String exportSnapshot(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void createDatabase(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + dbName(name));
        }
    }

    static void dropDatabase(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + dbName(name) + " WITH (FORCE)");
        }
    }

    private static String dbName(String name) {
        // Database names cannot be bound as parameters; only plain lower-case identifiers get this far.
        if (!DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + DB_NAME.pattern() + ": " + name);
        }
        return name;
    }

    // ---- helpers ----

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<TableStat> parseTables(String json) {
        try {
            return mapper.readValue(json, new TypeReference<List<TableStat>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable tables_json: " + e.getOriginalMessage(), e);
        }
    }

    static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime o = rs.getObject(col, OffsetDateTime.class);
        return o == null ? null : o.toInstant();
    }
}
