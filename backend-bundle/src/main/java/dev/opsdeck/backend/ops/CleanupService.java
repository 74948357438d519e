package dev.opsdeck.backend.ops;

import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.store.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Retention cleanup: a dry run counts what would go, a real run deletes it in small batches (each its own short
 * transaction, so ingest never waits behind one long lock) and reports progress per batch.
 */
final class CleanupService {
    static final int BATCH = 1000;

    private final Database db;
    private final EventBus events;
    private final Clock clock;

    CleanupService(Database db, EventBus events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    /** Per table: what rule, which column, the cutoff and the rows (would be) deleted. */
    record TableResult(String table, String rule, String column, Instant cutoff, long rows) {
    }

    record Result(int days, boolean dryRun, Instant cutoff, long total, long durationMs, List<TableResult> tables) {
    }

    Result run(int days, boolean dryRun) {
        long t0 = System.nanoTime();
        Instant now = clock.instant();
        Instant cutoff = now.minus(Duration.ofDays(days));
        List<TableResult> out = new ArrayList<>();
        long total = 0;
        try (Connection c = db.dataSource().getConnection()) {
            List<RetentionTarget> targets = RetentionRules.discover(c, db.kind());
            for (RetentionTarget t : targets) {
                Instant tableCutoff = t.expiry() ? now : cutoff;
                OffsetDateTime at = OpsRepository.utc(tableCutoff);
                long rows = dryRun ? StoreSql.countOlder(c, t.table(), t.column(), at) : deleteInBatches(c, t, at);
                out.add(new TableResult(t.table(), t.rule(), t.column(), tableCutoff, rows));
                total += rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cleanup failed: " + e.getMessage(), e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Result r = new Result(days, dryRun, cutoff, total, ms, out);
        events.publish("ops", dryRun ? "cleanup.previewed" : "cleanup.completed",
                Map.of("days", days, "dry_run", dryRun, "total", total, "tables", out));
        return r;
    }

    private long deleteInBatches(Connection c, RetentionTarget t, OffsetDateTime cutoff) throws SQLException {
        long deleted = 0;
        while (true) {
            int n = StoreSql.deleteOlderBatch(c, t.table(), t.key(), t.column(), cutoff, BATCH);
            deleted += n;
            if (n > 0) {
                events.publish("ops", "cleanup.progress", Map.of("table", t.table(), "deleted", deleted));
            }
            if (n < BATCH) {
                return deleted;
            }
        }
    }
}
