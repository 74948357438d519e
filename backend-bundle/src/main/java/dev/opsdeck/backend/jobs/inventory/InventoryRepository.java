package dev.opsdeck.backend.jobs.inventory;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL of the inventory pools ({@code vtxo_pools}, {@code vtxo_inventory}). */
public final class InventoryRepository {

    public Optional<Pool> pool(Handle h, String assetId) {
        return h.createQuery("SELECT asset_id, low_watermark, target_level, amount_sats, expiry_seconds FROM vtxo_pools WHERE asset_id = :a")
                .bind("a", assetId).map((rs, c) -> new Pool(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getLong(5)))
                .findOne();
    }

    /**
     * The pool row locked for this transaction: replenishing coordinators queue up on it, so two monitors never
     * both top up the same pool.
     */
    public Optional<Pool> lockPool(Handle h, String assetId) {
        return h.createQuery("SELECT asset_id, low_watermark, target_level, amount_sats, expiry_seconds FROM vtxo_pools "
                        + "WHERE asset_id = :a FOR UPDATE")
                .bind("a", assetId).map((rs, c) -> new Pool(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getLong(5)))
                .findOne();
    }

    public List<Pool> pools(Handle h) {
        return h.createQuery("SELECT asset_id, low_watermark, target_level, amount_sats, expiry_seconds FROM vtxo_pools ORDER BY asset_id")
                .map((rs, c) -> new Pool(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getLong(5))).list();
    }

    /** Creates or replaces the pool settings (update first; insert when there was nothing to update). */
    public void savePool(Handle h, Pool p, Instant now) {
        int n = h.createUpdate("UPDATE vtxo_pools SET low_watermark = :low, target_level = :target, amount_sats = :amount, "
                        + "expiry_seconds = :exp, updated_at = :now WHERE asset_id = :a")
                .bind("low", p.lowWatermark()).bind("target", p.targetLevel()).bind("amount", p.amountSats())
                .bind("exp", p.expirySeconds()).bind("now", t(now)).bind("a", p.assetId()).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO vtxo_pools (asset_id, low_watermark, target_level, amount_sats, expiry_seconds, updated_at) "
                            + "VALUES (:a, :low, :target, :amount, :exp, :now)")
                    .bind("low", p.lowWatermark()).bind("target", p.targetLevel()).bind("amount", p.amountSats())
                    .bind("exp", p.expirySeconds()).bind("now", t(now)).bind("a", p.assetId()).execute();
        }
    }

    /**
     * Inserts the pool unless a row for its asset exists; returns whether this call inserted it. The conflict
     * clause lets concurrent first creators of one asset both go on instead of one failing on the primary key
     * (the asset id is the table's only key; H2's PostgreSQL mode accepts the clause only without a target).
     */
    public boolean insertPoolIfAbsent(Handle h, Pool p, Instant now) {
        return h.createUpdate("INSERT INTO vtxo_pools (asset_id, low_watermark, target_level, amount_sats, expiry_seconds, updated_at) "
                        + "VALUES (:a, :low, :target, :amount, :exp, :now) ON CONFLICT DO NOTHING")
                .bind("low", p.lowWatermark()).bind("target", p.targetLevel()).bind("amount", p.amountSats())
                .bind("exp", p.expirySeconds()).bind("now", t(now)).bind("a", p.assetId()).execute() == 1;
    }

    /** Inserts {@code count} fresh items; returns the batch id. */
    public String createItems(Handle h, String assetId, int count, long amountSats, Instant now, Instant expiresAt) {
        String batch = "batch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        PreparedBatch b = h.prepareBatch("INSERT INTO vtxo_inventory (vtxo_id, asset_id, amount_sats, status, batch_id, created_at, expires_at) "
                + "VALUES (:id, :a, :amount, 'available', :batch, :now, :exp)");
        for (int i = 0; i < count; i++) {
            b.bind("id", "vtxo_" + UUID.randomUUID().toString().replace("-", "")).bind("a", assetId).bind("amount", amountSats)
                    .bind("batch", batch).bind("now", t(now)).bind("exp", t(expiresAt)).add();
        }
        if (count > 0) {
            b.execute();
        }
        return batch;
    }

    public int available(Handle h, String assetId, Instant now) {
        return h.createQuery("SELECT COUNT(*) FROM vtxo_inventory WHERE asset_id = :a AND status = 'available' AND expires_at > :now")
                .bind("a", assetId).bind("now", t(now)).mapTo(Integer.class).one();
    }

    /** Per asset: available (unexpired), allocated, expired-but-not-cleaned counts. */
    public Map<String, long[]> counts(Handle h, Instant now) {
        Map<String, long[]> m = new LinkedHashMap<>();
        h.createQuery("SELECT asset_id, "
                        + "SUM(CASE WHEN status = 'available' AND expires_at > :now THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN status = 'allocated' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN status = 'available' AND expires_at <= :now THEN 1 ELSE 0 END) "
                        + "FROM vtxo_inventory GROUP BY asset_id ORDER BY asset_id")
                .bind("now", t(now))
                .map((rs, c) -> Map.entry(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4)}))
                .forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /** Hands out up to {@code count} unexpired items, oldest first; rows another transaction holds are skipped. */
    public List<String> allocate(Handle h, String assetId, int count, String to, Instant now) {
        List<String> ids = h.createQuery("SELECT vtxo_id FROM vtxo_inventory WHERE asset_id = :a AND status = 'available' "
                        + "AND expires_at > :now ORDER BY created_at LIMIT :n FOR UPDATE SKIP LOCKED")
                .bind("a", assetId).bind("now", t(now)).bind("n", count).mapTo(String.class).list();
        if (!ids.isEmpty()) {
            h.createUpdate("UPDATE vtxo_inventory SET status = 'allocated', allocated_at = :now, allocated_to = :to "
                            + "WHERE vtxo_id IN (<ids>) AND status = 'available'")
                    .bind("now", t(now)).bind("to", to).bindList("ids", ids).execute();
        }
        return ids;
    }

    public long countExpired(Handle h, Instant now) {
        return h.createQuery("SELECT COUNT(*) FROM vtxo_inventory WHERE status = 'available' AND expires_at <= :now")
                .bind("now", t(now)).mapTo(Long.class).one();
    }

    public int deleteExpired(Handle h, Instant now) {
        return h.createUpdate("DELETE FROM vtxo_inventory WHERE status = 'available' AND expires_at <= :now").bind("now", t(now)).execute();
    }

    static OffsetDateTime t(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
