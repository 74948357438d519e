package dev.opsdeck.backend.ops;

import dev.opsdeck.backend.platform.store.StoreKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL that reads the store's own statistics (sizes, row estimates, query statistics, cache counters). Kept apart
 * from {@link StoreSql} because every statement here differs between H2 and PostgreSQL.
 */
final class StoreStats {
    /** Above this estimate a PostgreSQL table is not counted exactly: COUNT(*) would scan it all. */
    static final long EXACT_COUNT_LIMIT = 200_000;

    private StoreStats() {
    }

    record TableSize(String table, long rows, boolean rowsExact, Long sizeBytes) {
    }

    static List<TableSize> tables(Connection c, StoreKind kind) throws SQLException {
        List<TableSize> out = new ArrayList<>();
        if (kind == StoreKind.POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement("SELECT c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid) FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String t = rs.getString(1);
                    long estimate = rs.getLong(2);
                    // reltuples is -1 before the first ANALYZE; small tables are cheap to count exactly.
                    boolean exact = estimate < EXACT_COUNT_LIMIT;
                    out.add(new TableSize(t, exact ? StoreSql.count(c, t) : estimate, exact, rs.getLong(3)));
                }
            }
            return out;
        }
        for (String t : StoreSql.tables(c)) {
            Long size = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT DISK_SPACE_USED(?)")) {
                ps.setString(1, t);
                try (ResultSet rs = ps.executeQuery()) {
                    size = rs.next() ? rs.getLong(1) : null;
                }
            } catch (SQLException e) {
                size = null; // not every H2 table type reports space; the count is still useful
            }
            out.add(new TableSize(t, StoreSql.count(c, t), true, size));
        }
        return out;
    }

    static long sizeOnDisk(Connection c, StoreKind kind) throws SQLException {
        String sql = kind == StoreKind.POSTGRESQL ? "SELECT pg_database_size(current_database())"
                : "SELECT CAST(SETTING_VALUE AS BIGINT) FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.FILE_SIZE'";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** The slowest statements by mean time, or why there are none to show. */
    static Map<String, Object> slowQueries(Connection c, StoreKind kind, int limit) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        if (kind == StoreKind.POSTGRESQL) {
            boolean installed;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'")) {
                installed = rs.next();
            }
            if (!installed) {
                m.put("available", false);
                m.put("reason", "pg_stat_statements is not installed in this database (add it to shared_preload_libraries, "
                        + "then CREATE EXTENSION pg_stat_statements)");
                m.put("queries", rows);
                return m;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT query, calls, mean_exec_time, max_exec_time, total_exec_time FROM pg_stat_statements "
                    + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY mean_exec_time DESC LIMIT " + limit);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(query(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
                }
            } catch (SQLException e) {
                m.put("available", false);
                m.put("reason", "pg_stat_statements is installed but not readable: " + e.getMessage());
                m.put("queries", rows);
                return m;
            }
            m.put("available", true);
            m.put("source", "pg_stat_statements");
        } else {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT sql_statement, execution_count, average_execution_time, "
                    + "max_execution_time, cumulative_execution_time FROM INFORMATION_SCHEMA.QUERY_STATISTICS ORDER BY average_execution_time DESC LIMIT " + limit)) {
                while (rs.next()) {
                    rows.add(query(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
                }
            }
            m.put("available", !rows.isEmpty());
            m.put("source", "H2 INFORMATION_SCHEMA.QUERY_STATISTICS (since the backend started)");
            if (rows.isEmpty()) {
                m.put("reason", "H2 query statistics are off or empty (H2_QUERY_STATISTICS=true turns them on)");
            }
        }
        m.put("queries", rows);
        return m;
    }

    /** Turns H2's per-statement timing on (it keeps the 100 most frequent statements; cheap). */
    static void enableH2QueryStatistics(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET QUERY_STATISTICS TRUE");
        }
    }

    /** The store's own caches: H2's page cache, PostgreSQL's shared-buffer hit ratio. */
    static Map<String, Object> cache(Connection c, StoreKind kind) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        if (kind == StoreKind.POSTGRESQL) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT blks_hit, blks_read, "
                    + "current_setting('shared_buffers') FROM pg_stat_database WHERE datname = current_database()")) {
                if (rs.next()) {
                    long hit = rs.getLong(1);
                    long read = rs.getLong(2);
                    m.put("name", "postgresql shared buffers");
                    m.put("hits", hit);
                    m.put("misses", read);
                    m.put("hit_ratio", hit + read == 0 ? null : Math.round(hit * 10000.0 / (hit + read)) / 10000.0);
                    m.put("size", rs.getString(3));
                }
            }
            return m;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                + "WHERE SETTING_NAME IN ('info.CACHE_MAX_SIZE', 'info.CACHE_SIZE', 'info.CACHE_HIT_RATIO', 'QUERY_CACHE_SIZE')")) {
            m.put("name", "h2 page cache");
            while (rs.next()) {
                String k = rs.getString(1);
                String v = rs.getString(2);
                switch (k) {
                    case "info.CACHE_MAX_SIZE": m.put("max_size_mb", Long.parseLong(v)); break;
                    case "info.CACHE_SIZE": m.put("used_mb", Long.parseLong(v)); break;
                    case "info.CACHE_HIT_RATIO": m.put("hit_ratio_percent", Long.parseLong(v)); break;
                    default: m.put("query_cache_entries_per_session", Long.parseLong(v)); break;
                }
            }
        }
        return m;
    }

    private static Map<String, Object> query(String sql, long calls, double mean, double max, double total) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("query", sql.length() > 500 ? sql.substring(0, 500) + "…" : sql);
        q.put("calls", calls);
        q.put("mean_ms", mean);
        q.put("max_ms", max);
        q.put("total_ms", total);
        return q;
    }
}
