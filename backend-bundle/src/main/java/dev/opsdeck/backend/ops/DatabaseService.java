package dev.opsdeck.backend.ops;

import com.zaxxer.hikari.HikariDataSource;
import dev.opsdeck.backend.platform.health.ComponentHealth;
import dev.opsdeck.backend.platform.services.ManagedService;
import dev.opsdeck.backend.platform.services.ServiceStatus;
import dev.opsdeck.backend.platform.store.Database;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The database as a managed service. Reconnect evicts the pool's connections (in-use ones are replaced when
 * returned), which is what helps after a failover or a restarted server, then checks a fresh connection.
 */
final class DatabaseService implements ManagedService {
    private final Database db;
    private final Clock clock;
    private String state = "up";
    private Instant since;

    DatabaseService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.since = clock.instant();
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public String kind() {
        return "database";
    }

    @Override
    public synchronized ServiceStatus status() {
        ComponentHealth h = db.check();
        String s = h.status().toLowerCase(Locale.ROOT);
        if (!s.equals(state)) {
            state = s;
            since = clock.instant();
        }
        Map<String, Object> d = new LinkedHashMap<>(h.details());
        Object latency = d.remove("latency_ms");
        return new ServiceStatus(state, latency instanceof Number n ? n.doubleValue() : null, h.message(), since, d);
    }

    @Override
    public ServiceStatus reconnect() {
        if (db.dataSource() instanceof HikariDataSource ds && ds.getHikariPoolMXBean() != null) {
            ds.getHikariPoolMXBean().softEvictConnections();
        }
        return status();
    }
}
