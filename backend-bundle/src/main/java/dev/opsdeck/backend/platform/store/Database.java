package dev.opsdeck.backend.platform.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.opsdeck.backend.platform.health.ComponentHealth;
import dev.opsdeck.backend.platform.health.HealthContributor;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The connection pool, migrations and JDBI handle over H2 or PostgreSQL. */
public final class Database implements AutoCloseable, HealthContributor {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final StoreKind kind;
    private final String description;

    private Database(HikariDataSource ds, StoreKind kind, String description) {
        this.dataSource = ds;
        this.kind = kind;
        this.description = description;
        this.jdbi = Jdbi.create(ds);
    }

    /**
     * Opens a pool on {@code jdbcUrl}. Fails with an {@link IllegalStateException} in words when the
     * database cannot be reached, rather than a pool that retries forever.
     */
    public static Database open(String jdbcUrl, int maxPoolSize) {
        StoreKind kind = DatabaseUrls.kindOf(jdbcUrl);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setPoolName("opsdeck-" + kind.name().toLowerCase(java.util.Locale.ROOT));
        hc.setMaximumPoolSize(maxPoolSize);
        hc.setMinimumIdle(Math.min(2, maxPoolSize));
        hc.setConnectionTimeout(10_000);
        hc.setInitializationFailTimeout(10_000);
        hc.setRegisterMbeans(false);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException("cannot open the database " + DatabaseUrls.redact(jdbcUrl) + ": " + root.getMessage(), e);
        }
        return new Database(ds, kind, describe(kind, jdbcUrl));
    }

    private static String describe(StoreKind kind, String jdbcUrl) {
        if (kind == StoreKind.H2) {
            String file = jdbcUrl.substring("jdbc:h2:".length()).split(";", 2)[0].replaceFirst("^retry:", "").replaceFirst("^file:", "");
            return "H2 file " + file + ".mv.db";
        }
        return "PostgreSQL " + DatabaseUrls.redact(jdbcUrl).replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*$", "");
    }

    /** Runs the Flyway migrations that serve both stores; returns how many were applied. */
    public int migrate() {
        MigrateResult r = flyway().migrate();
        if (r.migrationsExecuted > 0) {
            log.info("applied {} migration(s) on {}; schema version {}", r.migrationsExecuted, description, r.targetSchemaVersion);
        }
        return r.migrationsExecuted;
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                // db/migration serves both stores; db/migration-h2 holds what only the embedded store does.
                .locations(kind == StoreKind.H2 ? new String[]{"classpath:db/migration", "classpath:db/migration-h2"}
                        : new String[]{"classpath:db/migration"})
                // Domains add migrations in their own version ranges; a database that already saw a
                // higher range must still take a lower, newly added one.
                .outOfOrder(true)
                // Identity columns written in bulk: H2 persists a sequence each time its cache runs out (a store
                // write every 32 rows by default), so it gets a large one. PostgreSQL caches per session, which
                // would hand out ids out of insertion order across pooled connections, so it keeps 1.
                .placeholders(Map.of("identity_cache", kind == StoreKind.H2 ? "10000" : "1"))
                .load();
    }

    /** The current schema version (highest applied migration). */
    public String schemaVersion() {
        var info = flyway().info();
        return info.current() == null ? "none" : info.current().getVersion().toString();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public StoreKind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    /** Pool statistics as {@code /health} shows them. */
    public Map<String, Object> poolStats() {
        Map<String, Object> m = new LinkedHashMap<>();
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        m.put("pool_max", dataSource.getMaximumPoolSize());
        if (pool != null) {
            m.put("pool_active", pool.getActiveConnections());
            m.put("pool_idle", pool.getIdleConnections());
            m.put("pool_total", pool.getTotalConnections());
            m.put("pool_waiting", pool.getThreadsAwaitingConnection());
        }
        return m;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public boolean critical() {
        return true;
    }

    @Override
    public ComponentHealth check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("store", kind.name().toLowerCase(java.util.Locale.ROOT));
        details.put("description", description);
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(2)) {
                details.putAll(poolStats());
                return ComponentHealth.down("connection is not valid", details);
            }
        } catch (SQLException e) {
            details.putAll(poolStats());
            return ComponentHealth.down("cannot get a connection: " + e.getMessage(), details);
        }
        details.put("latency_ms", Math.round((System.nanoTime() - t0) / 1e4) / 100.0);
        details.putAll(poolStats());
        return ComponentHealth.up(details);
    }

    @Override
    public void close() {
        // Closing the pool closes H2's last connection, and H2 (DB_CLOSE_DELAY 0) then closes its file cleanly:
        // an explicit SHUTDOWN first left the pool closing dead connections and logging errors.
        dataSource.close();
    }
}
