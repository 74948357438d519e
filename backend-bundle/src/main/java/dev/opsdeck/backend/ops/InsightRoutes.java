package dev.opsdeck.backend.ops;

import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** Database statistics, caches, monitoring figures, dashboard summary, comprehensive health, performance profile. */
final class InsightRoutes {
    private final InsightService insight;
    private final ServiceRoutes services;
    private final JfrProfiler profiler;
    private final OpsAudit audit;

    InsightRoutes(InsightService insight, ServiceRoutes services, JfrProfiler profiler, OpsAudit audit) {
        this.insight = insight;
        this.services = services;
        this.profiler = profiler;
        this.audit = audit;
    }

    void register(Routes r) {
        r.get("/admin/database/stats", Access.ADMIN, RateCategory.DEFAULT,
                "Store, version, size on disk, rows and size per table, pool statistics, slow queries", ctx -> ctx.json(insight.databaseStats()));
        r.get("/monitoring/cache/stats", Access.DASHBOARD, RateCategory.STATUS, "The caches that exist and their figures",
                ctx -> ctx.json(insight.cacheStats()));
        r.get("/monitoring/stats", Access.DASHBOARD, RateCategory.STATUS, "System, queue and service figures", ctx -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("system", insight.system());
            m.put("services", insight.servicesByState());
            m.put("backups", insight.backupsSummary());
            m.put("logs", insight.logSummary());
            ctx.json(m);
        });
        r.get("/admin/dashboard/summary", Access.ADMIN, RateCategory.DEFAULT, "One-screen summary for the operator",
                ctx -> ctx.json(insight.dashboardSummary()));
        r.get("/health/comprehensive", Access.DASHBOARD, RateCategory.STATUS, "Full system health: components, services, backups, logs, system",
                ctx -> health(ctx, false));
        r.get("/admin/health/comprehensive", Access.ADMIN, RateCategory.DEFAULT, "Full system health with every service's detail",
                ctx -> health(ctx, true));
        r.get("/admin/performance/profile", Access.ADMIN, RateCategory.DEFAULT,
                "JFR profile of a few seconds (?seconds=3&top=15): hottest frames, allocations, thread states", this::profile);
    }

    private void health(Context ctx, boolean admin) {
        Map<String, Object> h = insight.comprehensiveHealth(admin);
        if (admin) {
            h.put("services_detail", services.snapshot());
        }
        ctx.status("DOWN".equals(h.get("status")) ? 503 : 200).json(h);
    }

    private void profile(Context ctx) throws Exception {
        int seconds = MaintenanceRoutes.intParam(ctx, "seconds", 3, 1, 30);
        int top = MaintenanceRoutes.intParam(ctx, "top", 15, 1, 100);
        if (profiler.busy()) {
            throw ApiException.conflict("a profile is already being recorded; try again in a few seconds");
        }
        JfrProfiler.Profile p;
        try {
            p = profiler.profile(seconds, top);
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
        audit.record(ctx, "performance.profile", Map.of("seconds", seconds), "ok");
        ctx.json(p);
    }
}
