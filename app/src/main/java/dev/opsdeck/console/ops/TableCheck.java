package dev.opsdeck.console.ops;

/**
 * One table of a backup verification: what the backup recorded against what the scratch restore holds.
 *
 * @param status {@code ok}, {@code mismatch}, {@code missing} or {@code unexpected}
 */
public record TableCheck(String table, String status, Long expectedRows, Long actualRows) {
}
