package dev.opsdeck.backend.jobs.inventory;

import dev.opsdeck.backend.platform.Metrics;
import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.store.Database;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Inventory pools of pre-created items per asset (the relay guide's VTXOs): levels, batch creation, allocation,
 * cleanup of expired items and replenishment below the low watermark. Publishes
 * {@code vtxo_inventory_available{asset_id}} and {@code vtxo_inventory_low_watermark{asset_id}} so an alert rule
 * can say {@code vtxo_inventory_available < vtxo_inventory_low_watermark}.
 */
public final class InventoryService {
    static final Pattern ASSET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    public static final int MAX_BATCH = 10_000;

    private final Database db;
    private final InventoryRepository repo;
    private final EventBus events;
    private final Clock clock;
    private final Pool defaults;
    private volatile Map<String, double[]> gauge = Map.of();

    public InventoryService(Database db, InventoryRepository repo, EventBus events, Metrics metrics, Clock clock, Pool defaults) {
        this.db = db;
        this.repo = repo;
        this.events = events;
        this.clock = clock;
        this.defaults = defaults;
        GaugeWithCallback.builder().name("vtxo_inventory_available").help("Unexpired items available per asset pool")
                .labelNames("asset_id").callback(cb -> gauge.forEach((a, v) -> cb.call(v[0], a))).register(metrics.registry());
        GaugeWithCallback.builder().name("vtxo_inventory_low_watermark").help("Level below which the pool is replenished")
                .labelNames("asset_id").callback(cb -> gauge.forEach((a, v) -> cb.call(v[1], a))).register(metrics.registry());
    }

    public static String assetId(String field, String v) {
        if (v == null || v.isBlank()) {
            throw ApiException.invalidField(field, "is required");
        }
        if (!ASSET.matcher(v).matches()) {
            throw ApiException.invalidField(field, "must be letters, digits, '_', '.' or '-', at most 64 characters");
        }
        return v;
    }

    /** {@code GET /vtxos/inventory/{asset_id}}. */
    public Map<String, Object> inventory(String assetId) {
        Instant now = now();
        return db.jdbi().withHandle(h -> {
            Pool p = repo.pool(h, assetId).orElseThrow(() -> ApiException.notFound("no inventory pool for asset " + assetId));
            long[] c = repo.counts(h, now).getOrDefault(assetId, new long[3]);
            return level(p, c);
        });
    }

    /** {@code GET /vtxos/stats}: every pool's levels. */
    public Map<String, Object> stats() {
        Instant now = now();
        return db.jdbi().withHandle(h -> {
            Map<String, long[]> counts = repo.counts(h, now);
            List<Map<String, Object>> pools = new ArrayList<>();
            long available = 0;
            int low = 0;
            for (Pool p : repo.pools(h)) {
                Map<String, Object> l = level(p, counts.getOrDefault(p.assetId(), new long[3]));
                pools.add(l);
                available += (Long) l.get("available");
                low += Boolean.TRUE.equals(l.get("below_watermark")) ? 1 : 0;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pools", pools);
            m.put("total_available", available);
            m.put("pools_below_watermark", low);
            return m;
        });
    }

    public Pool configure(Pool p) {
        if (p.targetLevel() < p.lowWatermark()) {
            throw ApiException.invalidField("target_level", "must be at least low_watermark");
        }
        try {
            db.jdbi().useTransaction(h -> repo.savePool(h, p, now()));
        } catch (RuntimeException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            // Two first-time saves of one new pool raced; the row exists now, so the update path applies.
            db.jdbi().useTransaction(h -> repo.savePool(h, p, now()));
        }
        return p;
    }

    /** Creates {@code count} items now (operator action); creates the pool with defaults if it is new. */
    public Map<String, Object> createBatch(String assetId, int count, Long amountSats, Long expiresInSeconds) {
        Instant now = now();
        ensurePool(assetId, now);
        Map<String, Object> r = db.jdbi().inTransaction(h -> {
            Pool p = repo.pool(h, assetId).orElseThrow(() -> new IllegalStateException("pool vanished: " + assetId));
            long amount = amountSats != null ? amountSats : p.amountSats();
            long ttl = expiresInSeconds != null ? expiresInSeconds : p.expirySeconds();
            String batch = repo.createItems(h, assetId, count, amount, now, now.plusSeconds(ttl));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("asset_id", assetId);
            m.put("batch_id", batch);
            m.put("created", count);
            m.put("available", repo.available(h, assetId, now));
            return m;
        });
        events.publish("jobs", "vtxo.batch_created", r);
        return r;
    }

    /**
     * Creates the pool with the defaults if it is new, in its own short transaction so that a concurrent first
     * creator's row is committed (and visible) before the batch reads it. Insert-if-absent covers PostgreSQL;
     * H2 may still report the duplicate key when the competitor's insert was in flight, which means the row
     * exists now, so that is success too.
     */
    private void ensurePool(String assetId, Instant now) {
        Pool p = new Pool(assetId, defaults.lowWatermark(), defaults.targetLevel(), defaults.amountSats(), defaults.expirySeconds());
        try {
            db.jdbi().useTransaction(h -> {
                if (repo.pool(h, assetId).isEmpty()) {
                    repo.insertPoolIfAbsent(h, p, now);
                }
            });
        } catch (RuntimeException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    /** Hands out items to a consumer; fewer than asked when the pool runs dry. */
    public Map<String, Object> allocate(String assetId, int count, String to) {
        Instant now = now();
        List<String> ids = db.jdbi().inTransaction(h -> {
            if (repo.pool(h, assetId).isEmpty()) {
                throw ApiException.notFound("no inventory pool for asset " + assetId);
            }
            return repo.allocate(h, assetId, count, to, now);
        });
        return Map.of("asset_id", assetId, "allocated", ids.size(), "vtxo_ids", ids);
    }

    /** Deletes expired unallocated items ({@code dryRun} only counts them). */
    public Map<String, Object> cleanup(boolean dryRun) {
        Instant now = now();
        long n = db.jdbi().inTransaction(h -> dryRun ? repo.countExpired(h, now) : repo.deleteExpired(h, now));
        return Map.of("dry_run", dryRun, dryRun ? "would_remove" : "removed", n);
    }

    /**
     * Tops up every pool that is below its low watermark to its target level. Each pool is handled in its own
     * transaction holding the pool row, so coordinators running this at once do not overshoot.
     *
     * @return items created per asset (only pools that needed it)
     */
    public Map<String, Integer> replenish() {
        Instant now = now();
        List<String> assets = db.jdbi().withHandle(h -> repo.pools(h).stream().map(Pool::assetId).toList());
        Map<String, Integer> created = new LinkedHashMap<>();
        for (String asset : assets) {
            int n = db.jdbi().inTransaction(h -> {
                Pool p = repo.lockPool(h, asset).orElse(null);
                if (p == null) {
                    return 0;
                }
                int available = repo.available(h, asset, now);
                if (available >= p.lowWatermark()) {
                    return 0;
                }
                int need = Math.min(MAX_BATCH, p.targetLevel() - available);
                repo.createItems(h, asset, need, p.amountSats(), now, now.plusSeconds(p.expirySeconds()));
                return need;
            });
            if (n > 0) {
                created.put(asset, n);
                events.publish("jobs", "vtxo.replenished", Map.of("asset_id", asset, "created", n));
            }
        }
        return created;
    }

    /** Recomputes the gauges from the database. */
    public void refreshGauges() {
        Instant now = now();
        gauge = db.jdbi().withHandle(h -> {
            Map<String, long[]> counts = repo.counts(h, now);
            Map<String, double[]> g = new LinkedHashMap<>();
            for (Pool p : repo.pools(h)) {
                g.put(p.assetId(), new double[]{counts.getOrDefault(p.assetId(), new long[3])[0], p.lowWatermark()});
            }
            return g;
        });
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException se && "23505".equals(se.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> level(Pool p, long[] c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asset_id", p.assetId());
        m.put("available", c[0]);
        m.put("allocated", c[1]);
        m.put("expired", c[2]);
        m.put("low_watermark", p.lowWatermark());
        m.put("target_level", p.targetLevel());
        m.put("amount_sats", p.amountSats());
        m.put("expiry_seconds", p.expirySeconds());
        m.put("below_watermark", c[0] < p.lowWatermark());
        return m;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
