package dev.opsdeck.backend.ops;

/**
 * What a backup recorded about one table, and what verify measures after restoring it.
 *
 * @param table    lower-case table name
 * @param rows     row count (null for a schema backup: rows are not part of it)
 * @param checksum order-independent checksum of the rows (null for a schema backup)
 * @param columns  short hash of the column names and types
 */
record TableStat(String table, Long rows, String checksum, String columns) {
}
