package dev.opsdeck.backend.jobs.workloads;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.jobs.Params;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import io.javalin.http.Context;

import java.util.Map;

/** {@code /api/workloads}: record workloads with payouts, list them, totals per worker for the rewards views. */
public final class WorkloadRoutes {
    private final WorkloadService service;
    private final ObjectMapper mapper;

    public WorkloadRoutes(WorkloadService service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    public void register(Routes r) {
        r.post("/api/workloads", Access.WORKER, RateCategory.DEFAULT,
                "Record a workload and its payout, exactly once per workload_id / Idempotency-Key", this::record);
        r.get("/api/workloads", Access.DASHBOARD, RateCategory.ANALYTICS, "Recent workloads (worker_id, limit)", ctx ->
                ctx.json(Map.of("workloads", service.recent(Params.text(ctx, "worker_id", 128), Params.intParam(ctx, "limit", 50, 1, 500)))));
        r.get("/api/workloads/payouts", Access.DASHBOARD, RateCategory.ANALYTICS, "Payout totals per worker", ctx ->
                ctx.json(Map.of("workers", service.totals(), "dry_run", service.settings().dryRun())));
        r.get("/api/workloads/{workload_id}", Access.DASHBOARD, RateCategory.STATUS, "One workload with its payout",
                ctx -> ctx.json(service.find(ctx.pathParam("workload_id"))));
    }

    private void record(Context ctx) {
        WorkloadRequest req = Json.body(ctx, mapper, WorkloadRequest.class);
        Workload w = service.record(req, ctx.header("Idempotency-Key"), Params.principal(ctx).name());
        ctx.status(w.replayed() ? 200 : 201).json(w);
    }
}
