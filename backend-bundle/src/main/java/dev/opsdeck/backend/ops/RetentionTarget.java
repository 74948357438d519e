package dev.opsdeck.backend.ops;

/**
 * A table cleanup may trim, found in the catalogue at run time (domains merged later are covered without a
 * change here).
 *
 * @param table   table name
 * @param column  timestamp column compared with the cutoff
 * @param key     column (or row id pseudo-column) batches delete by
 * @param rule    why the table qualifies, for the preview
 * @param expiry  true when rows carry their own expiry ({@code expires_at}): they go once expired, whatever the days
 */
record RetentionTarget(String table, String column, String key, String rule, boolean expiry) {
}
