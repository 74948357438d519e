package dev.opsdeck.console.ops;

import java.time.Instant;

/**
 * One backup of the catalogue ({@code GET /admin/backups}).
 *
 * @param status    {@code running}, {@code completed} or {@code failed}
 * @param sizeBytes null until completed
 * @param sha256    checksum recorded at creation, null until completed
 */
public record Backup(String id, String type, String status, String store, String fileName, Long sizeBytes, String sha256, String error,
                     Instant createdAt, Instant completedAt) {

    public boolean completed() {
        return "completed".equals(status);
    }

    public boolean running() {
        return "running".equals(status);
    }
}
