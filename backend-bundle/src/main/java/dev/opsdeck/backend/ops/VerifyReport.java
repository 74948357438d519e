package dev.opsdeck.backend.ops;

import java.util.List;

/**
 * What verify found, table by table.
 *
 * @param ok             true when the file checksum and every table matched
 * @param fileChecksumOk the file's SHA-256 still equals the one recorded at creation
 * @param restoredInto   where the scratch restore ran (removed afterwards)
 */
record VerifyReport(String backupId, String type, boolean ok, boolean fileChecksumOk, String restoredInto, long durationMs,
                    List<TableCheck> tables) {

    /**
     * @param status {@code ok}, {@code mismatch}, {@code missing} (recorded, not restored) or {@code unexpected}
     */
    record TableCheck(String table, String status, Long expectedRows, Long actualRows, String expectedChecksum,
                      String actualChecksum, boolean columnsMatch) {
    }
}
