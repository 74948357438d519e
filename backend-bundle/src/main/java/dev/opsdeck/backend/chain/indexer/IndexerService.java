package dev.opsdeck.backend.chain.indexer;

import dev.opsdeck.backend.platform.health.ComponentHealth;
import dev.opsdeck.backend.platform.health.HealthContributor;
import dev.opsdeck.backend.platform.services.ManagedService;
import dev.opsdeck.backend.platform.services.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the indexer on its own thread (a catch-up can take minutes, too long for the shared scheduler): a sync
 * every {@code INDEXER_POLL_MS}; on failure, exponential back-off up to {@code INDEXER_BACKOFF_MAX_MS} with the
 * health component DOWN and the reason in words, and back to UP by itself once a sync succeeds.
 */
public final class IndexerService implements ManagedService, HealthContributor {
    private static final Logger log = LoggerFactory.getLogger(IndexerService.class);

    private final ChainIndexer indexer;
    private final Clock clock;
    private final long pollMs;
    private final long backoffMaxMs;
    private final Object lock = new Object();
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> next;
    private volatile boolean stopping;
    private volatile ChainIndexer.SyncResult last;
    private volatile String lastError;
    private volatile int failures;
    private volatile Instant since;
    private volatile long nextDelayMs;
    private volatile Instant lastSuccess;

    public IndexerService(ChainIndexer indexer, Clock clock, long pollMs, long backoffMaxMs) {
        this.indexer = indexer;
        this.clock = clock;
        this.pollMs = pollMs;
        this.backoffMaxMs = backoffMaxMs;
        this.since = clock.instant();
    }

    @Override
    public String name() {
        return "chain-indexer";
    }

    @Override
    public String kind() {
        return "background";
    }

    @Override
    public boolean startStoppable() {
        return true;
    }

    @Override
    public ServiceStatus start() {
        synchronized (lock) {
            if (executor == null) {
                stopping = false;
                executor = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "chain-indexer");
                    t.setDaemon(true);
                    return t;
                });
                since = clock.instant();
                next = executor.schedule(this::cycle, 0, TimeUnit.MILLISECONDS);
            }
        }
        return status();
    }

    @Override
    public ServiceStatus stop() {
        ScheduledExecutorService ex;
        synchronized (lock) {
            ex = executor;
            executor = null;
            stopping = true;
        }
        if (ex != null) {
            ex.shutdown();
            try {
                // The current range finishes (it is one transaction); then the thread exits.
                if (!ex.awaitTermination(30, TimeUnit.SECONDS)) {
                    ex.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.shutdownNow();
            }
            since = clock.instant();
        }
        return status();
    }

    /** Polls now instead of waiting for the next tick or the back-off (after a reconnect). */
    public void pollNow() {
        synchronized (lock) {
            if (executor != null && !stopping) {
                if (next != null) {
                    next.cancel(false);
                }
                next = executor.schedule(this::cycle, 0, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public ServiceStatus reconnect() {
        pollNow();
        return status();
    }

    private void cycle() {
        if (stopping) {
            return;
        }
        long delay;
        try {
            last = indexer.syncOnce(() -> stopping);
            if (failures > 0) {
                log.info("chain indexer recovered after {} failed attempt(s)", failures);
                since = clock.instant();
            }
            failures = 0;
            lastError = null;
            lastSuccess = clock.instant();
            delay = pollMs;
        } catch (RuntimeException e) {
            int attempt = failures + 1;
            delay = Math.min(backoffMaxMs, pollMs * (1L << Math.min(attempt - 1, 20)));
            // Reason and delay first: health turns DOWN when failures moves, and must show both at once.
            nextDelayMs = delay;
            lastError = e.getMessage();
            if (attempt == 1) {
                since = clock.instant();
            }
            failures = attempt;
            log.warn("chain indexer sync failed (attempt {}), retrying in {} ms: {}", attempt, delay, e.getMessage());
        }
        nextDelayMs = delay;
        synchronized (lock) {
            if (executor != null && !stopping) {
                next = executor.schedule(this::cycle, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    public ChainIndexer.SyncResult last() {
        return last;
    }

    public boolean running() {
        synchronized (lock) {
            return executor != null;
        }
    }

    /** Chain head time minus indexed block time, in seconds (0 when caught up or unknown). */
    public double lagSeconds() {
        ChainIndexer.SyncResult r = last;
        if (r == null || r.headTime() == null || r.indexedTime() == null) {
            return 0;
        }
        return Math.max(0, Duration.between(r.indexedTime(), r.headTime()).toMillis() / 1000.0);
    }

    private Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        ChainIndexer.SyncResult r = last;
        d.put("running", running());
        if (r != null) {
            d.put("indexed_block", r.indexedBlock());
            d.put("chain_head", r.headBlock());
            d.put("lag_seconds", lagSeconds());
        }
        d.put("consecutive_failures", failures);
        if (failures > 0) {
            d.put("retry_in_ms", nextDelayMs);
        }
        if (lastSuccess != null) {
            d.put("last_success", lastSuccess.toString());
        }
        return d;
    }

    @Override
    public ServiceStatus status() {
        String state = !running() ? "stopped" : failures > 0 ? "down" : last == null ? "starting" : "up";
        return new ServiceStatus(state, null, lastError, since, details());
    }

    @Override
    public ComponentHealth check() {
        if (failures > 0) {
            return ComponentHealth.down("indexer cannot sync since " + since + " (" + failures + " attempt(s)): " + lastError, details());
        }
        if (!running()) {
            return new ComponentHealth(ComponentHealth.DEGRADED, "indexer is stopped", details());
        }
        return ComponentHealth.up(details());
    }
}
