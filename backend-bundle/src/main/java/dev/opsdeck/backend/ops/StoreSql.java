package dev.opsdeck.backend.ops;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Catalogue-level SQL that runs on <em>any</em> connection: the live store, a scratch database a backup was
 * restored into, the target of a store migration. The ops domain's own tables are in {@link OpsRepository};
 * this class is separate because its statements are built from discovered table names, not fixed.
 */
final class StoreSql {
    private StoreSql() {
    }

    /** A column as the catalogue reports it. */
    record Column(String name, String type) {
    }

    /** User tables of the connection's current schema, lower-case, sorted. */
    static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            ps.setString(1, c.getSchema());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    static List<Column> columns(Connection c, String table) throws SQLException {
        List<Column> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, c.getSchema());
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Column(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2).toLowerCase(Locale.ROOT)));
                }
            }
        }
        return out;
    }

    /** The primary key column when the key is a single column (batch deletes and migrations key on it). */
    static Optional<String> singlePrimaryKey(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        List<String> cols = new ArrayList<>();
        try (ResultSet rs = md.getPrimaryKeys(null, c.getSchema(), table)) {
            while (rs.next()) {
                cols.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return cols.size() == 1 ? Optional.of(cols.get(0)) : Optional.empty();
    }

    static List<String> primaryKey(Connection c, String table) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, c.getSchema(), table)) {
            while (rs.next()) {
                cols.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return cols;
    }

    static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + q(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long countOlder(Connection c, String table, String column, OffsetDateTime cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + q(table) + " WHERE " + q(column) + " < ?")) {
            ps.setObject(1, cutoff);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Deletes at most {@code batch} rows older than {@code cutoff}, keyed on {@code key} (a primary key column,
     * or the store's row id), in the caller's transaction. Small batches keep each lock short.
     */
    static int deleteOlderBatch(Connection c, String table, String key, String column, OffsetDateTime cutoff, int batch)
            throws SQLException {
        String sql = "DELETE FROM " + q(table) + " WHERE " + keyExpr(key) + " IN (SELECT " + keyExpr(key) + " FROM " + q(table)
                + " WHERE " + q(column) + " < ? ORDER BY " + q(column) + " LIMIT " + batch + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, cutoff);
            return ps.executeUpdate();
        }
    }

    private static String keyExpr(String key) {
        // ctid (PostgreSQL) and _rowid_ (H2) are pseudo-columns: quoting them would look for a real column.
        return key.equals("ctid") || key.equals("_rowid_") ? key : q(key);
    }

    /**
     * Row count and an order-independent checksum of a table: the sum (mod 2^64) of the first 8 bytes of
     * SHA-256 over each row's canonical text. Order independence means no ORDER BY on big tables; values are
     * normalised (numbers without trailing zeros, times as instants) so H2 and PostgreSQL agree on equal data.
     */
    static long[] countAndChecksum(Connection c, String table) throws SQLException {
        MessageDigest sha = sha256();
        long rows = 0;
        long sum = 0;
        boolean auto = c.getAutoCommit();
        if (auto) {
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
        }
        try (Statement st = c.createStatement()) {
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery("SELECT * FROM " + q(table))) {
                ResultSetMetaData md = rs.getMetaData();
                Integer[] order = sortedColumns(md);
                StringBuilder sb = new StringBuilder();
                while (rs.next()) {
                    sb.setLength(0);
                    for (int i : order) {
                        sb.append(md.getColumnLabel(i).toLowerCase(Locale.ROOT)).append('=').append(canonical(rs.getObject(i))).append('\u001f');
                    }
                    byte[] d = sha.digest(sb.toString().getBytes(StandardCharsets.UTF_8));
                    long v = 0;
                    for (int k = 0; k < 8; k++) {
                        v = (v << 8) | (d[k] & 0xff);
                    }
                    sum += v;
                    rows++;
                }
            }
        } finally {
            if (auto) {
                c.rollback(); // read-only; nothing to keep
                c.setAutoCommit(true);
            }
        }
        return new long[]{rows, sum};
    }

    private static Integer[] sortedColumns(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        Integer[] idx = new Integer[n];
        String[] names = new String[n + 1];
        for (int i = 1; i <= n; i++) {
            idx[i - 1] = i;
            names[i] = md.getColumnLabel(i).toLowerCase(Locale.ROOT);
        }
        java.util.Arrays.sort(idx, (a, b) -> names[a].compareTo(names[b]));
        return idx;
    }

    static String canonical(Object v) {
        if (v == null) {
            return "\u0000";
        }
        if (v instanceof BigDecimal b) {
            return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? canonical(BigDecimal.valueOf(d)) : Double.toString(d);
        }
        if (v instanceof Number n) {
            return canonical(new BigDecimal(n.toString()));
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant().toString();
        }
        if (v instanceof java.time.ZonedDateTime z) {
            return z.toInstant().toString();
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        return v.toString();
    }

    /** A short hash of a table's column names and types, to compare schemas across a restore. */
    static String columnSignature(List<Column> cols) {
        StringBuilder sb = new StringBuilder();
        cols.stream().sorted(java.util.Comparator.comparing(Column::name)).forEach(col -> sb.append(col.name()).append(':').append(col.type()).append(';'));
        return HexFormat.of().formatHex(sha256().digest(sb.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    /** Quotes an identifier discovered from the catalogue (lower-case on both stores here). */
    static String q(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
