package dev.opsdeck.backend.ops;

import java.io.PrintStream;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Copies every table of an H2 database into a PostgreSQL one that has the same migrations applied. Idempotent:
 * rows whose key already exists are skipped ({@code ON CONFLICT DO NOTHING}), existing rows are never changed,
 * so an interrupted run is simply run again. Identity sequences are moved past the copied ids afterwards.
 */
final class StoreMigration {
    static final int BATCH = 500;
    private static final String FK_VIOLATION = "23503";

    /** Per table: rows in the source, inserted now, already present, in the target afterwards, checksum equality. */
    record TableReport(String table, long sourceRows, long inserted, long skipped, long targetRows, Boolean checksumsMatch, String note) {
    }

    private StoreMigration() {
    }

    static List<TableReport> run(Connection source, Connection target, PrintStream progress) throws SQLException {
        List<String> targetTables = StoreSql.tables(target);
        Deque<String> pending = new ArrayDeque<>();
        Map<String, TableReport> reports = new LinkedHashMap<>();
        List<String> sourceTables = StoreSql.tables(source);
        for (String t : sourceTables) {
            if (t.equals("flyway_schema_history")) {
                continue; // the target's own migrations wrote its history; copying would confuse Flyway
            }
            if (t.equals(LIVE_GPUS) && sourceTables.contains(SAVED_GPUS)) {
                continue; // H2 keeps it in memory only: a closed file holds it empty, and its saved copy goes instead
            }
            if (!targetTables.contains(into(t))) {
                reports.put(t, new TableReport(t, StoreSql.count(source, t), 0, 0, 0, null, "not in the target schema; not copied"));
            } else {
                pending.add(t);
                reports.put(t, null);
            }
        }
        // Tables whose foreign keys point at a table not yet copied fail; they are retried after the others.
        int stalled = 0;
        while (!pending.isEmpty() && stalled <= pending.size()) {
            String t = pending.poll();
            try {
                reports.put(t, copy(source, target, t, progress));
                stalled = 0;
            } catch (SQLException e) {
                if (!FK_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                pending.add(t);
                stalled++;
            }
        }
        if (!pending.isEmpty()) {
            throw new SQLException("foreign keys never satisfied for: " + String.join(", ", pending));
        }
        return new ArrayList<>(reports.values());
    }

    /**
     * On H2, {@code worker_gpus} is an in-memory table and {@code worker_gpus_saved} its copy on disk, as of the last
     * save (a clean stop saves everything); PostgreSQL has only {@code worker_gpus}.
     */
    private static final String LIVE_GPUS = "worker_gpus";
    private static final String SAVED_GPUS = "worker_gpus_saved";

    private static String into(String sourceTable) {
        return sourceTable.equals(SAVED_GPUS) ? LIVE_GPUS : sourceTable;
    }

    private static TableReport copy(Connection source, Connection target, String from, PrintStream progress) throws SQLException {
        String table = into(from);
        List<StoreSql.Column> cols = StoreSql.columns(target, table);
        List<String> sourceCols = StoreSql.columns(source, from).stream().map(StoreSql.Column::name).collect(Collectors.toList());
        List<String> names = cols.stream().map(StoreSql.Column::name).filter(sourceCols::contains).collect(Collectors.toList());
        boolean keyed = !StoreSql.primaryKey(target, table).isEmpty() || hasUnique(target, table);
        String colList = names.stream().map(StoreSql::q).collect(Collectors.joining(", "));
        String params = names.stream().map(n -> "?").collect(Collectors.joining(", "));
        String insert = keyed
                ? "INSERT INTO " + StoreSql.q(table) + " (" + colList + ") VALUES (" + params + ") ON CONFLICT DO NOTHING"
                // Without any key only an identical row counts as "already there".
                : "INSERT INTO " + StoreSql.q(table) + " (" + colList + ") SELECT " + params + " WHERE NOT EXISTS (SELECT 1 FROM "
                + StoreSql.q(table) + " WHERE " + names.stream().map(n -> StoreSql.q(n) + " IS NOT DISTINCT FROM ?").collect(Collectors.joining(" AND ")) + ")";
        long read = 0;
        long inserted = 0;
        boolean auto = target.getAutoCommit();
        target.setAutoCommit(false);
        try (Statement st = source.createStatement(); PreparedStatement ps = target.prepareStatement(insert)) {
            st.setFetchSize(BATCH);
            try (ResultSet rs = st.executeQuery("SELECT " + colList + " FROM " + StoreSql.q(from))) {
                int inBatch = 0;
                while (rs.next()) {
                    for (int i = 0; i < names.size(); i++) {
                        Object v = value(rs.getObject(i + 1));
                        ps.setObject(i + 1, v);
                        if (!keyed) {
                            ps.setObject(names.size() + i + 1, v);
                        }
                    }
                    ps.addBatch();
                    read++;
                    if (++inBatch == BATCH) {
                        inserted += flush(ps, target);
                        inBatch = 0;
                    }
                }
                inserted += flush(ps, target);
            }
        } catch (SQLException e) {
            target.rollback();
            throw e;
        } finally {
            target.setAutoCommit(auto);
        }
        advanceIdentities(target, table);
        long targetRows = StoreSql.count(target, table);
        Boolean same = null;
        if (targetRows == read) {
            same = StoreSql.countAndChecksum(source, from)[1] == StoreSql.countAndChecksum(target, table)[1];
        }
        String name = from.equals(table) ? table : from + " -> " + table;
        progress.printf("  %-28s source %8d  inserted %8d  already there %8d  target %8d%s%n", name, read, inserted, read - inserted,
                targetRows, same == null ? "" : same ? "  checksum ok" : "  content differs (target rows kept as they were)");
        return new TableReport(name, read, inserted, read - inserted, targetRows, same, null);
    }

    private static long flush(PreparedStatement ps, Connection target) throws SQLException {
        long n = 0;
        for (int c : ps.executeBatch()) {
            n += Math.max(c, 0);
        }
        target.commit();
        return n;
    }

    private static Object value(Object v) throws SQLException {
        if (v instanceof Clob c) {
            return c.getSubString(1, (int) c.length());
        }
        if (v instanceof Blob b) {
            return b.getBytes(1, (int) b.length());
        }
        return v;
    }

    private static boolean hasUnique(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, c.getSchema(), table, true, true)) {
            return rs.next();
        }
    }

    /** Copied explicit ids leave identity sequences behind; the next insert on the target would collide. */
    private static void advanceIdentities(Connection c, String table) throws SQLException {
        List<String> identity = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns WHERE table_schema = ? "
                + "AND table_name = ? AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')")) {
            ps.setString(1, c.getSchema());
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    identity.add(rs.getString(1));
                }
            }
        }
        for (String col : identity) {
            try (PreparedStatement ps = c.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), GREATEST((SELECT COALESCE(MAX("
                    + StoreSql.q(col) + "), 0) FROM " + StoreSql.q(table) + "), 1))")) {
                ps.setString(1, StoreSql.q(table));
                ps.setString(2, col);
                ps.execute();
            }
        }
    }
}
