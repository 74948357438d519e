package dev.opsdeck.console.ops;

/** One table of {@code GET /admin/database/stats}: rows (estimated on large PostgreSQL tables) and size. */
public record TableSize(String table, long rows, boolean rowsExact, Long sizeBytes) {
}
