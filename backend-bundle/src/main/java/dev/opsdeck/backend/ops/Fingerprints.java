package dev.opsdeck.backend.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** Measures every table of a connection's schema: what a backup records and what verify compares. */
final class Fingerprints {
    private Fingerprints() {
    }

    /**
     * @param withData false for schema backups: only the column signatures are taken
     * @param percent  receives 0..100 as tables are done (progress for the operator)
     */
    static List<TableStat> measure(Connection c, boolean withData, IntConsumer percent) throws SQLException {
        List<String> tables = StoreSql.tables(c);
        List<TableStat> out = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            String t = tables.get(i);
            String cols = StoreSql.columnSignature(StoreSql.columns(c, t));
            if (withData) {
                long[] cs = StoreSql.countAndChecksum(c, t);
                out.add(new TableStat(t, cs[0], String.format("%016x", cs[1]), cols));
            } else {
                out.add(new TableStat(t, null, null, cols));
            }
            percent.accept((i + 1) * 100 / Math.max(1, tables.size()));
        }
        return out;
    }
}
