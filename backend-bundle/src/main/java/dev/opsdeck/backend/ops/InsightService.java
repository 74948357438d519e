package dev.opsdeck.backend.ops;

import com.sun.management.OperatingSystemMXBean;
import dev.opsdeck.backend.platform.health.HealthService;
import dev.opsdeck.backend.platform.services.ManagedService;
import dev.opsdeck.backend.platform.services.ServiceRegistry;
import dev.opsdeck.backend.platform.store.Database;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Read-only views for the operator: database statistics, caches, system figures, dashboard summary, full health. */
final class InsightService {
    private final Database db;
    private final OpsRepository repo;
    private final ServiceRegistry services;
    private final HealthService health;
    private final LogRing logs;
    private final Path dataDir;
    private final Clock clock;

    InsightService(Database db, OpsRepository repo, ServiceRegistry services, HealthService health, LogRing logs, Path dataDir, Clock clock) {
        this.db = db;
        this.repo = repo;
        this.services = services;
        this.health = health;
        this.logs = logs;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    Map<String, Object> databaseStats() throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        try (Connection c = db.dataSource().getConnection()) {
            m.put("store", db.kind().name().toLowerCase(Locale.ROOT));
            m.put("description", db.description());
            m.put("server_version", c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion());
            m.put("schema_version", db.schemaVersion());
            m.put("size_on_disk_bytes", StoreStats.sizeOnDisk(c, db.kind()));
            List<StoreStats.TableSize> tables = StoreStats.tables(c, db.kind());
            m.put("total_rows", tables.stream().mapToLong(StoreStats.TableSize::rows).sum());
            m.put("tables", tables);
            m.put("pool", db.poolStats());
            m.put("slow_queries", StoreStats.slowQueries(c, db.kind(), 10));
        }
        return m;
    }

    Map<String, Object> cacheStats() throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> ring = new LinkedHashMap<>();
        ring.put("name", "recent log ring buffer");
        ring.put("entries", logs.size());
        ring.put("capacity", logs.capacity());
        Map<String, Object> pool = new LinkedHashMap<>(db.poolStats());
        pool.put("name", "database connection pool (HikariCP)");
        try (Connection c = db.dataSource().getConnection()) {
            m.put("caches", List.of(StoreStats.cache(c, db.kind()), pool, ring));
        }
        m.put("note", "the backend keeps no application-level query or response cache: every read goes to the store; "
                + "these are the caches that do exist");
        return m;
    }

    Map<String, Object> system() {
        Map<String, Object> m = new LinkedHashMap<>();
        Runtime rt = Runtime.getRuntime();
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            m.put("cpu_system_percent", percent(os.getCpuLoad()));
            m.put("cpu_process_percent", percent(os.getProcessCpuLoad()));
            m.put("memory_total_mb", os.getTotalMemorySize() / (1024 * 1024));
            m.put("memory_free_mb", os.getFreeMemorySize() / (1024 * 1024));
        }
        m.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        m.put("available_processors", rt.availableProcessors());
        m.put("jvm_heap_used_mb", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        m.put("jvm_heap_max_mb", rt.maxMemory() / (1024 * 1024));
        m.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        m.put("uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        try {
            FileStore fs = Files.getFileStore(dataDir);
            m.put("disk_total_gb", round(fs.getTotalSpace() / 1e9));
            m.put("disk_free_gb", round(fs.getUsableSpace() / 1e9));
            m.put("disk_used_percent", round(100.0 * (fs.getTotalSpace() - fs.getUsableSpace()) / Math.max(1, fs.getTotalSpace())));
        } catch (IOException e) {
            m.put("disk_error", e.getMessage());
        }
        return m;
    }

    Map<String, Long> servicesByState() {
        Map<String, Long> m = new TreeMap<>();
        for (ManagedService s : services.all()) {
            String state;
            try {
                state = s.status().state();
            } catch (RuntimeException e) {
                state = "unknown";
            }
            m.merge(state, 1L, Long::sum);
        }
        return m;
    }

    Map<String, Object> backupsSummary() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<BackupRecord> all = repo.listBackups();
        Instant now = clock.instant();
        all.stream().filter(BackupRecord::completed).findFirst().ifPresentOrElse(b -> {
            m.put("last_completed_id", b.backupId());
            m.put("last_completed_type", b.type());
            m.put("last_completed_age_hours", round(Duration.between(b.completedAt(), now).toMinutes() / 60.0));
        }, () -> m.put("last_completed_id", null));
        m.put("running", all.stream().filter(b -> "running".equals(b.status())).count());
        m.put("failed_last_24h", all.stream().filter(b -> "failed".equals(b.status()) && b.createdAt().isAfter(now.minus(Duration.ofDays(1)))).count());
        m.put("total", all.size());
        return m;
    }

    Map<String, Object> logSummary() {
        Map<String, Object> m = new LinkedHashMap<>();
        Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
        m.put("errors_last_hour", logs.recent(logs.capacity(), ch.qos.logback.classic.Level.ERROR, null).stream()
                .filter(e -> e.timestamp().isAfter(hourAgo)).count());
        m.put("warnings_last_hour", logs.recent(logs.capacity(), ch.qos.logback.classic.Level.WARN, null).stream()
                .filter(e -> e.timestamp().isAfter(hourAgo) && e.level().equals("WARN")).count());
        return m;
    }

    Map<String, Object> dashboardSummary() {
        Map<String, Object> m = new LinkedHashMap<>();
        Instant now = clock.instant();
        m.put("health", health.report().status());
        m.put("workers_by_status", repo.countBy("workers", "status"));
        m.put("jobs_by_status", repo.countBy("jobs", "status"));
        m.put("heartbeats_last_hour", repo.countSince("heartbeats", "heartbeat_time", now.minus(Duration.ofHours(1))));
        m.put("services", servicesByState());
        m.put("backups", backupsSummary());
        m.put("logs", logSummary());
        m.put("system", system());
        return m;
    }

    Map<String, Object> comprehensiveHealth(boolean admin) {
        Map<String, Object> m = new LinkedHashMap<>();
        HealthService.Report r = health.report();
        m.put("status", r.status());
        m.put("version", r.version());
        m.put("uptime_seconds", r.uptimeSeconds());
        m.put("checked_at", r.checkedAt());
        m.put("components", r.components());
        m.put("services", servicesByState());
        m.put("backups", backupsSummary());
        m.put("logs", logSummary());
        m.put("system", system());
        if (admin) {
            m.put("database_pool", db.poolStats());
        }
        return m;
    }

    private static Double percent(double load) {
        return load < 0 ? null : round(load * 100);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
