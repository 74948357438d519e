package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.BackendContext;
import dev.opsdeck.backend.platform.BackendModule;
import dev.opsdeck.backend.platform.http.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The workers domain: heartbeats and GPU metrics ingested with group commit, worker states and uptime, GPU history
 * with rollups, XID/ECC error events, reward claims, the dashboard reads and the guide's worker metrics.
 */
public final class WorkersModule implements BackendModule {
    private static final Logger log = LoggerFactory.getLogger(WorkersModule.class);

    private final BackendContext ctx;
    private final WorkerSettings settings;
    private final WorkerRepository repo;
    private final FleetCache cache = new FleetCache();
    private final StateTracker tracker;
    private final SampleFeed feed;
    private final UptimeBoard uptime;
    private final WorkerMetrics metrics;
    private final IngestWriter writer;
    private final RollupJob rollup;
    private final WorkerRoutes routes;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private ScheduledExecutorService rollupExecutor;

    public WorkersModule(BackendContext ctx) {
        this.ctx = ctx;
        this.settings = WorkerSettings.from(ctx.config());
        this.repo = new WorkerRepository(ctx.database());
        this.tracker = new StateTracker(cache, settings, ctx.events(), ctx.clock());
        this.feed = new SampleFeed(ctx.events());
        this.uptime = new UptimeBoard(repo, cache, settings, ctx.clock());
        this.metrics = new WorkerMetrics(ctx.metrics(), cache, tracker, uptime::uptime24h, settings, ctx.clock());
        this.writer = new IngestWriter(repo, cache, settings, (beats, samples, errors) -> {
            beats.forEach(tracker::heartbeat);
            metrics.heartbeats(beats.size());
            feed.add(samples);
            errors.forEach(e -> ctx.events().publish(StateTracker.TOPIC, "gpu.error", Map.of("worker_id", e.workerId(),
                    "gpu_index", e.gpuIndex(), "kind", e.kind(), "code", e.code(), "message", e.message(), "occurred_at", e.occurredAt().toString())));
        });
        this.rollup = new RollupJob(repo, settings, ctx.clock());
        FleetQueries fleet = new FleetQueries(repo, settings, uptime, writer, ctx.clock());
        this.routes = new WorkerRoutes(ctx.mapper(), writer, cache, repo, fleet, new HistoryService(repo, fleet, settings, ctx.clock()),
                new RewardService(repo, fleet, ctx.events(), ctx.clock()), ctx.clock());
    }

    @Override
    public String name() {
        return "workers";
    }

    @Override
    public void routes(Routes r) {
        routes.register(r);
    }

    @Override
    public void start() {
        if (repo.savesLatestSeparately()) {
            int[] restored = repo.restoreLatest();
            log.info("workers: newest sample of {} GPU(s) restored from the last save, {} updated from history rows after it",
                    restored[0], restored[1]);
        }
        repo.loadSnapshots(null).forEach(cache::put);
        tracker.prime();
        uptime.refresh();
        writer.start();
        long sweepMs = settings.sweepEvery().toMillis();
        tasks.add(ctx.scheduler().scheduleWithFixedDelay(() -> quietly("state sweep", () -> repo.updateStatuses(tracker.sweep())),
                sweepMs, sweepMs, TimeUnit.MILLISECONDS));
        tasks.add(ctx.scheduler().scheduleWithFixedDelay(() -> quietly("sample feed", feed::flush), 1, 1, TimeUnit.SECONDS));
        long upMs = settings.uptimeRefresh().toMillis();
        tasks.add(ctx.scheduler().scheduleWithFixedDelay(() -> quietly("uptime board", uptime::refresh), upMs, upMs, TimeUnit.MILLISECONDS));
        // The rollup can take seconds on a large fleet: it gets its own thread, not one of the shared scheduler's two.
        rollupExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opsdeck-gpu-rollup");
            t.setDaemon(true);
            return t;
        });
        long rollMs = settings.rollupEvery().toMillis();
        rollupExecutor.scheduleWithFixedDelay(rollup::runQuietly, rollMs, rollMs, TimeUnit.MILLISECONDS);
        log.info("workers: {} known; late/stale/offline after {}/{}/{} s", cache.size(), settings.lateAfter().toSeconds(),
                settings.staleAfter().toSeconds(), settings.offlineAfter().toSeconds());
    }

    @Override
    public void stop() {
        tasks.forEach(t -> t.cancel(false));
        if (rollupExecutor != null) {
            // Not shutdownNow: an interrupt in the middle of a chunk's transaction would only waste it.
            rollup.stop();
            rollupExecutor.shutdown();
            try {
                if (!rollupExecutor.awaitTermination(30, TimeUnit.SECONDS)) {
                    log.warn("the GPU rollup did not finish its chunk within 30 s; stopping without it");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writer.close();
    }

    private static void quietly(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("workers {} failed (will retry): {}", what, e.toString());
        }
    }

    /** Runs a rollup now (tests, benchmarks). */
    long rollupNow() {
        return rollup.rollup();
    }
}
