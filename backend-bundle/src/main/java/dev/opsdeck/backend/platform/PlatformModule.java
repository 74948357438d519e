package dev.opsdeck.backend.platform;

import dev.opsdeck.backend.platform.events.WebSocketHub;
import dev.opsdeck.backend.platform.health.HealthService;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import dev.opsdeck.backend.platform.store.Database;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** Health probes, {@code /metrics} and {@code /stats}: what every deployment's probes and scrapers call. */
public final class PlatformModule implements BackendModule {
    private final HealthService health;
    private final Metrics metrics;
    private final Database database;
    private final WebSocketHub hub;
    private final String profile;

    public PlatformModule(HealthService health, Metrics metrics, Database database, WebSocketHub hub, String profile) {
        this.health = health;
        this.metrics = metrics;
        this.database = database;
        this.hub = hub;
        this.profile = profile;
    }

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public void routes(Routes r) {
        r.get("/health", Access.PUBLIC, RateCategory.STATUS, "Full health check: every component, database pool statistics", ctx -> {
            HealthService.Report report = health.report();
            ctx.status("DOWN".equals(report.status()) ? 503 : 200).json(report);
        });
        r.get("/health/live", Access.PUBLIC, RateCategory.NONE, "Liveness probe: the process answers", ctx ->
                ctx.json(Map.of("status", "UP")));
        r.get("/healthz", Access.PUBLIC, RateCategory.NONE, "Readiness probe (service layer playbook)", ctx -> ready(ctx));
        r.get("/health/ready", Access.PUBLIC, RateCategory.NONE, "Readiness probe: critical components are up", ctx -> ready(ctx));
        r.get("/ready", Access.PUBLIC, RateCategory.NONE, "Readiness gate (relay operator guide)", ctx -> ready(ctx));
        r.get("/metrics", Access.PUBLIC, RateCategory.NONE, "Prometheus metrics, text format 0.0.4", ctx ->
                ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()));
        r.get("/stats", Access.DASHBOARD, RateCategory.STATUS, "Human-readable roll-up of the backend", ctx -> ctx.json(stats()));
    }

    private void ready(io.javalin.http.Context ctx) {
        boolean ok = health.ready();
        ctx.status(ok ? 200 : 503).json(Map.of("status", ok ? "UP" : "DOWN"));
    }

    private Map<String, Object> stats() {
        Runtime rt = Runtime.getRuntime();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", profile);
        m.put("uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        m.put("store", database.description());
        m.put("schema_version", database.schemaVersion());
        m.put("database_pool", database.poolStats());
        m.put("websocket", hub.stats());
        m.put("jvm_heap_used_mb", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        m.put("jvm_heap_max_mb", rt.maxMemory() / (1024 * 1024));
        m.put("threads", Thread.activeCount());
        m.put("available_processors", rt.availableProcessors());
        return m;
    }
}
