package dev.opsdeck.backend.ops;

import java.time.Instant;
import java.util.List;

/**
 * One backup in the catalogue, as the API shows it.
 *
 * @param status {@code running}, {@code completed} or {@code failed}
 * @param tables per-table figures recorded from the backed-up snapshot (empty until completed)
 */
record BackupRecord(String backupId, String type, String status, String store, String schemaVersion, String fileName,
                    Long sizeBytes, String sha256, Long durationMs, List<TableStat> tables, String error, boolean scheduled,
                    String requestedBy, Instant createdAt, Instant completedAt) {

    boolean completed() {
        return "completed".equals(status);
    }
}
