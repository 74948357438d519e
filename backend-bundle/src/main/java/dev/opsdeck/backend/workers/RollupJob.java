package dev.opsdeck.backend.workers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Folds raw samples into the 1-minute and 1-hour tiers and applies each tier's retention. It reads raw rows by id
 * past a stored watermark, so a late (buffered) sample still lands in its old bucket; chunks keep each transaction short.
 */
final class RollupJob {
    private static final Logger log = LoggerFactory.getLogger(RollupJob.class);
    static final long CHUNK_IDS = 50_000;

    private final WorkerRepository repo;
    private final WorkerSettings settings;
    private final Clock clock;
    private volatile boolean stopping;

    RollupJob(WorkerRepository repo, WorkerSettings settings, Clock clock) {
        this.repo = repo;
        this.settings = settings;
        this.clock = clock;
    }

    /** Rolls up everything committed so far (or until {@link #stop()}); returns how many raw ids it advanced over. */
    synchronized long rollup() {
        long total = 0;
        while (!stopping) {
            long advanced = repo.inTransaction(c -> {
                long from = repo.rollupWatermark(c);
                long max = repo.maxRawId(c);
                if (max <= from) {
                    return 0L;
                }
                long to = Math.min(max, from + CHUNK_IDS);
                repo.rollUp(c, from, to);
                repo.setRollupWatermark(c, to, clock.instant());
                return to - from;
            });
            if (advanced == 0) {
                return total;
            }
            total += advanced;
        }
        return total;
    }

    /** Asks a running rollup to end after its current chunk: each chunk is one transaction, so nothing is left half done. */
    void stop() {
        stopping = true;
    }

    /** Deletes what is past each tier's retention (raw rows only once rolled up). */
    synchronized Map<String, Integer> retention() {
        Instant now = clock.instant();
        Map<String, Integer> deleted = repo.applyRetention(now.minus(settings.rawRetention()), now.minus(settings.minuteRetention()),
                now.minus(settings.hourRetention()), now.minus(settings.hourRetention()));
        if (deleted.values().stream().anyMatch(n -> n > 0)) {
            log.info("workers retention deleted {}", deleted);
        }
        return deleted;
    }

    void runQuietly() {
        try {
            rollup();
            if (!stopping) {
                retention();
            }
        } catch (RuntimeException e) {
            log.warn("GPU metrics rollup failed (will retry): {}", e.toString());
        }
    }
}
