package dev.opsdeck.backend.ops;

import java.nio.file.Path;
import java.util.List;

/** Store-specific backup mechanics: H2's BACKUP TO / SCRIPT, PostgreSQL's pg_dump / pg_restore. */
interface BackupEngine {
    /** Progress of a long step, for the operator: a phase name and 0..100. */
    interface Progress {
        void report(String phase, int percent);
    }

    /** File name suffix for a backup of this type, e.g. {@code .zip}, {@code .dump}, {@code .sql}. */
    String extension(BackupType type);

    /**
     * Writes a consistent backup of the live store to {@code file} and returns the per-table figures taken from
     * the very same snapshot, so that verify can compare a restore against them exactly.
     */
    List<TableStat> create(BackupType type, Path file, Progress progress) throws Exception;

    /** Restores {@code file} into a fresh scratch database, measures it, and removes the scratch database. */
    List<TableStat> restoreAndMeasure(BackupType type, Path file, Progress progress) throws Exception;
}
