package dev.opsdeck.backend.jobs.inventory;

/**
 * One asset's inventory pool settings: below {@code low_watermark} available items the monitor tops the pool up
 * to {@code target_level}; new items carry {@code amount_sats} and expire after {@code expiry_seconds}.
 */
public record Pool(String assetId, int lowWatermark, int targetLevel, long amountSats, long expirySeconds) {
}
