package dev.opsdeck.backend.jobs.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.jobs.Params;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.audit.AuditTrail;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import dev.opsdeck.backend.platform.services.ServiceStatus;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** The relay guide's inventory endpoints under {@code /vtxos}. */
public final class InventoryRoutes {
    /** Request bodies. */
    record PoolSettings(Integer lowWatermark, Integer targetLevel, Long amountSats, Long expirySeconds) {
    }

    record Batch(String assetId, Integer count, Long amountSats, Long expiresInSeconds) {
    }

    record Allocate(String assetId, Integer count, String allocatedTo) {
    }

    record Cleanup(Boolean dryRun) {
    }

    private final InventoryService inventory;
    private final InventoryMonitor monitor;
    private final AuditTrail audit;
    private final ObjectMapper mapper;

    public InventoryRoutes(InventoryService inventory, InventoryMonitor monitor, AuditTrail audit, ObjectMapper mapper) {
        this.inventory = inventory;
        this.monitor = monitor;
        this.audit = audit;
        this.mapper = mapper;
    }

    public void register(Routes r) {
        r.get("/vtxos/inventory/{asset_id}", Access.DASHBOARD, RateCategory.STATUS, "Inventory level of one asset pool", ctx ->
                ctx.json(inventory.inventory(InventoryService.assetId("asset_id", ctx.pathParam("asset_id")))));
        r.get("/vtxos/stats", Access.DASHBOARD, RateCategory.STATUS, "Levels of every pool and the monitor's state", ctx -> {
            Map<String, Object> m = new LinkedHashMap<>(inventory.stats());
            m.put("monitor", monitor.status());
            ctx.json(m);
        });
        r.put("/vtxos/pools/{asset_id}", Access.ADMIN, RateCategory.DEFAULT,
                "Set a pool's low watermark, target level, item amount and expiry", this::configure);
        r.post("/vtxos/batch/create", Access.ADMIN, RateCategory.DEFAULT, "Create a batch of items for an asset", this::batch);
        r.post("/vtxos/allocate", Access.WORKER, RateCategory.DEFAULT, "Take items out of a pool", this::allocate);
        r.post("/vtxos/cleanup", Access.ADMIN, RateCategory.DEFAULT, "Remove expired items (dry_run counts them)", this::cleanup);
        r.post("/vtxos/monitor/start", Access.ADMIN, RateCategory.DEFAULT, "Start automatic replenishment", ctx ->
                ctx.json(monitorAction(ctx, "vtxos.monitor.start", monitor.start())));
        r.post("/vtxos/monitor/stop", Access.ADMIN, RateCategory.DEFAULT, "Stop automatic replenishment", ctx ->
                ctx.json(monitorAction(ctx, "vtxos.monitor.stop", monitor.stop())));
    }

    private ServiceStatus monitorAction(Context ctx, String action, ServiceStatus s) {
        audit.record(Params.principal(ctx).name(), action, Map.of(), "ok", ctx.ip());
        return s;
    }

    private void configure(Context ctx) {
        String asset = InventoryService.assetId("asset_id", ctx.pathParam("asset_id"));
        PoolSettings s = Json.body(ctx, mapper, PoolSettings.class);
        Pool p = new Pool(asset, range("low_watermark", s.lowWatermark(), 0, InventoryService.MAX_BATCH),
                range("target_level", s.targetLevel(), 1, InventoryService.MAX_BATCH),
                s.amountSats() == null ? 10_000 : rangeL("amount_sats", s.amountSats(), 1, 2_100_000_000_000_000L),
                s.expirySeconds() == null ? 86_400 : rangeL("expiry_seconds", s.expirySeconds(), 1, 365L * 86_400));
        Pool saved = inventory.configure(p);
        audit.record(Params.principal(ctx).name(), "vtxos.pool.configure", Map.of("asset_id", asset, "low_watermark", p.lowWatermark(),
                "target_level", p.targetLevel()), "ok", ctx.ip());
        ctx.json(saved);
    }

    private void batch(Context ctx) {
        Batch b = Json.body(ctx, mapper, Batch.class);
        String asset = InventoryService.assetId("asset_id", b.assetId());
        int count = range("count", b.count(), 1, InventoryService.MAX_BATCH);
        Long amount = b.amountSats() == null ? null : rangeL("amount_sats", b.amountSats(), 1, 2_100_000_000_000_000L);
        Long ttl = b.expiresInSeconds() == null ? null : rangeL("expires_in_seconds", b.expiresInSeconds(), 1, 365L * 86_400);
        Map<String, Object> r = inventory.createBatch(asset, count, amount, ttl);
        audit.record(Params.principal(ctx).name(), "vtxos.batch.create", Map.of("asset_id", asset, "count", count), "ok", ctx.ip());
        ctx.status(201).json(r);
    }

    private void allocate(Context ctx) {
        Allocate a = Json.body(ctx, mapper, Allocate.class);
        String asset = InventoryService.assetId("asset_id", a.assetId());
        int count = range("count", a.count(), 1, 1_000);
        String to = a.allocatedTo() == null ? Params.principal(ctx).name() : a.allocatedTo();
        if (to.length() > 128) {
            throw ApiException.invalidField("allocated_to", "must be at most 128 characters");
        }
        ctx.json(inventory.allocate(asset, count, to));
    }

    private void cleanup(Context ctx) {
        boolean dryRun = false;
        if (ctx.bodyAsBytes().length > 0) {
            Cleanup c = Json.body(ctx, mapper, Cleanup.class);
            dryRun = c.dryRun() != null && c.dryRun();
        }
        Map<String, Object> r = inventory.cleanup(dryRun);
        audit.record(Params.principal(ctx).name(), "vtxos.cleanup", Map.of("dry_run", dryRun), dryRun ? "dry_run" : "ok", ctx.ip());
        ctx.json(r);
    }

    private static int range(String field, Integer v, int min, int max) {
        if (v == null) {
            throw ApiException.invalidField(field, "is required");
        }
        if (v < min || v > max) {
            throw ApiException.invalidField(field, "must be between " + min + " and " + max);
        }
        return v;
    }

    private static long rangeL(String field, long v, long min, long max) {
        if (v < min || v > max) {
            throw ApiException.invalidField(field, "must be between " + min + " and " + max);
        }
        return v;
    }
}
