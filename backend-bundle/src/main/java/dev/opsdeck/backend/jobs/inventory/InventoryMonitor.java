package dev.opsdeck.backend.jobs.inventory;

import dev.opsdeck.backend.platform.services.ManagedService;
import dev.opsdeck.backend.platform.services.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The replenishment monitor ({@code /vtxos/monitor/start|stop}): while started, checks every pool each interval
 * and tops up those below their low watermark. Listed with the other background services (kind "background").
 */
public final class InventoryMonitor implements ManagedService {
    private static final Logger log = LoggerFactory.getLogger(InventoryMonitor.class);

    private final InventoryService inventory;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final Clock clock;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    private ScheduledFuture<?> task;
    private volatile Instant since;
    private volatile String lastError;
    private volatile Instant lastRun;

    public InventoryMonitor(InventoryService inventory, ScheduledExecutorService scheduler, Duration interval, Clock clock) {
        this.inventory = inventory;
        this.scheduler = scheduler;
        this.interval = interval;
        this.clock = clock;
        this.since = clock.instant();
    }

    @Override
    public String name() {
        return "vtxo-monitor";
    }

    @Override
    public String kind() {
        return "background";
    }

    @Override
    public boolean startStoppable() {
        return true;
    }

    public synchronized boolean running() {
        return task != null;
    }

    @Override
    public synchronized ServiceStatus start() {
        if (task == null) {
            task = scheduler.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            since = clock.instant();
            log.info("inventory monitor started (every {} ms)", interval.toMillis());
        }
        return status();
    }

    @Override
    public synchronized ServiceStatus stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
            since = clock.instant();
            log.info("inventory monitor stopped");
        }
        return status();
    }

    /** One check of every pool; public so the automation scheduler and tests can run a round on demand. */
    public void round() {
        try {
            Map<String, Integer> made = inventory.replenish();
            made.values().forEach(created::addAndGet);
            inventory.refreshGauges();
            lastError = null;
        } catch (RuntimeException e) {
            lastError = e.toString();
            log.warn("inventory replenishment failed: {}", e.toString());
        } finally {
            rounds.incrementAndGet();
            lastRun = clock.instant();
        }
    }

    @Override
    public synchronized ServiceStatus status() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("interval_ms", interval.toMillis());
        d.put("rounds", rounds.get());
        d.put("items_created", created.get());
        d.put("last_run", lastRun);
        String state = task == null ? "stopped" : lastError != null ? "degraded" : "up";
        return new ServiceStatus(state, null, lastError, since, d);
    }
}
