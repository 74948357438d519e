package dev.opsdeck.console.ops;

import java.util.List;

/** {@code GET /admin/database/stats}: the store, its size and per-table figures, and the connection pool. */
public record DatabaseStats(String store, String description, String serverVersion, String schemaVersion,
                            Long sizeOnDiskBytes, long totalRows, List<TableSize> tables, String pool) {
}
