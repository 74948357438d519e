package dev.opsdeck.backend.security;

import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.security.ratelimit.RateLimitSettings;
import dev.opsdeck.backend.testing.TestBackend;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Helpers shared by the security tests: settings with rate limits high enough not to matter, and row counts. */
final class Generous {
    private Generous() {
    }

    /** Rate limiting on (the real guard chain) with budgets no test of another concern reaches. */
    static Map<String, String> limits(Map<String, String> extra) {
        Map<String, String> m = new LinkedHashMap<>();
        for (RateCategory c : RateCategory.values()) {
            if (c != RateCategory.NONE) {
                m.put(RateLimitSettings.variable(c), "1000000");
            }
        }
        m.putAll(extra);
        return m;
    }

    /** Rows per table of the backend's store (Flyway's own history excluded). */
    static Map<String, Long> rowCounts(TestBackend backend) {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl()); Statement st = c.createStatement()) {
            Map<String, Boolean> tables = new TreeMap<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[]{"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    String name = rs.getString("TABLE_NAME");
                    if (schema != null && (schema.equalsIgnoreCase("public")) && !name.toLowerCase().contains("flyway")) {
                        tables.put(name, true);
                    }
                }
            }
            for (String t : tables.keySet()) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"" + t + "\"")) {
                    rs.next();
                    out.put(t.toLowerCase(), rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
