package dev.opsdeck.console.ops;

import java.util.List;

/** What {@code POST /admin/backups/{id}/verify} found: the file checksum and every table. */
public record VerifyResult(String backupId, boolean ok, boolean fileChecksumOk, long durationMs, List<TableCheck> tables) {
}
