package dev.opsdeck.console.ops;

import java.util.List;

/** Answer of {@code POST /admin/maintenance/cleanup}: per-table counts and their total. */
public record CleanupResult(int days, boolean dryRun, long total, List<CleanupCount> tables) {
}
