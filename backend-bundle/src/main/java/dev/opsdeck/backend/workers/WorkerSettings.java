package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.ConfigException;

import java.time.Duration;

/**
 * The workers domain's configuration. Thresholds are absolute ages of the last heartbeat, so that an operator
 * reads "late after 30 s" in the API rather than a factor to multiply.
 *
 * @param heartbeatInterval     what a worker is told to heartbeat at (and the default it is judged against)
 * @param lateAfter             heartbeat age from which a worker is {@code late}; also the longest gap credited as up
 * @param staleAfter            age from which a worker is {@code stale}
 * @param offlineAfter          age from which a worker is {@code offline}
 * @param departedWindow        how long an offline worker stays on the "recently departed" list
 * @param rawRetention          raw GPU samples kept this long
 * @param minuteRetention       1-minute rollups kept this long
 * @param hourRetention         1-hour rollups (and hourly uptime coverage) kept this long
 * @param rollupEvery           how often the rollup and retention job runs
 * @param sweepEvery            how often worker states are re-judged (state_changed events, gauges)
 * @param uptimeRefresh         how often the fleet's 24 h uptime (gauge, workers list) is recomputed
 * @param ingestQueue           requests waiting for the group-commit writer before 503
 * @param ingestBatchRows       rows the writer puts in one transaction at most
 * @param latestSaveEvery       H2 only: how often the newest sample per GPU is saved from memory to the file (the
 *                              history rows after the last save refill it after a kill)
 */
public record WorkerSettings(Duration heartbeatInterval, Duration lateAfter, Duration staleAfter, Duration offlineAfter,
                             Duration departedWindow, Duration rawRetention, Duration minuteRetention, Duration hourRetention,
                             Duration rollupEvery, Duration sweepEvery, Duration uptimeRefresh, int ingestQueue, int ingestBatchRows,
                             Duration latestSaveEvery) {

    public static WorkerSettings defaults() {
        return new WorkerSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(300),
                Duration.ofHours(24), Duration.ofHours(48), Duration.ofDays(14), Duration.ofDays(400),
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30), 50_000, 2_000, Duration.ofSeconds(30));
    }

    /** Reads {@code WORKER_*} settings; every refusal names its variable. */
    public static WorkerSettings from(BackendConfig c) {
        WorkerSettings d = defaults();
        Duration interval = Duration.ofSeconds(c.number("WORKER_HEARTBEAT_INTERVAL_SECONDS", d.heartbeatInterval.toSeconds(), 1, 3600));
        Duration late = Duration.ofSeconds(c.number("WORKER_LATE_AFTER_SECONDS", interval.toSeconds() * 3, 1, 86_400));
        Duration stale = Duration.ofSeconds(c.number("WORKER_STALE_AFTER_SECONDS", late.toSeconds() * 3, 1, 86_400));
        Duration offline = Duration.ofSeconds(c.number("WORKER_OFFLINE_AFTER_SECONDS", Math.max(stale.toSeconds() * 3, 300), 1, 7 * 86_400));
        if (!(interval.compareTo(late) < 0 && late.compareTo(stale) < 0 && stale.compareTo(offline) < 0)) {
            throw new ConfigException("WORKER_OFFLINE_AFTER_SECONDS",
                    "thresholds must grow: heartbeat interval < late < stale < offline (were " + interval.toSeconds() + ", "
                            + late.toSeconds() + ", " + stale.toSeconds() + ", " + offline.toSeconds() + " s)");
        }
        return new WorkerSettings(interval, late, stale, offline,
                Duration.ofHours(c.number("WORKER_DEPARTED_WINDOW_HOURS", 24, 1, 24 * 30)),
                Duration.ofHours(c.number("WORKER_METRICS_RAW_RETENTION_HOURS", 48, 1, 24 * 90)),
                Duration.ofDays(c.number("WORKER_METRICS_1M_RETENTION_DAYS", 14, 1, 365)),
                Duration.ofDays(c.number("WORKER_METRICS_1H_RETENTION_DAYS", 400, 1, 3650)),
                Duration.ofSeconds(c.number("WORKER_ROLLUP_EVERY_SECONDS", 30, 1, 3600)),
                Duration.ofMillis(c.number("WORKER_SWEEP_EVERY_MS", 5_000, 100, 600_000)),
                Duration.ofSeconds(c.number("WORKER_UPTIME_REFRESH_SECONDS", 30, 1, 3600)),
                (int) c.number("WORKER_INGEST_QUEUE", 50_000, 100, 1_000_000),
                (int) c.number("WORKER_INGEST_BATCH_ROWS", 2_000, 1, 50_000),
                Duration.ofSeconds(c.number("WORKER_LATEST_SAVE_SECONDS", d.latestSaveEvery.toSeconds(), 1, 3600)));
    }
}
