package dev.opsdeck.backend.jobs;

import dev.opsdeck.backend.api.Profile;
import dev.opsdeck.backend.demo.jobs.DemoJobLoad;
import dev.opsdeck.backend.jobs.automation.Automation;
import dev.opsdeck.backend.jobs.automation.AutomationRoutes;
import dev.opsdeck.backend.jobs.automation.AutomationTask;
import dev.opsdeck.backend.jobs.inventory.InventoryMonitor;
import dev.opsdeck.backend.jobs.inventory.InventoryRepository;
import dev.opsdeck.backend.jobs.inventory.InventoryRoutes;
import dev.opsdeck.backend.jobs.inventory.InventoryService;
import dev.opsdeck.backend.jobs.inventory.Pool;
import dev.opsdeck.backend.jobs.workloads.WorkloadRepository;
import dev.opsdeck.backend.jobs.workloads.WorkloadRoutes;
import dev.opsdeck.backend.jobs.workloads.WorkloadService;
import dev.opsdeck.backend.jobs.workloads.WorkloadSettings;
import dev.opsdeck.backend.platform.BackendContext;
import dev.opsdeck.backend.platform.BackendModule;
import dev.opsdeck.backend.platform.http.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The jobs domain: durable queue, statistics, workloads with payouts, inventory pools, automation, demo load. */
public final class JobsModule implements BackendModule {
    private static final Logger log = LoggerFactory.getLogger(JobsModule.class);

    private final BackendContext ctx;
    private final JobsSettings settings;
    private final JobQueue queue;
    private final JobStats stats;
    private final JobRoutes jobRoutes;
    private final JobAdminRoutes adminRoutes;
    private final WorkloadService workloads;
    private final InventoryService inventory;
    private final InventoryMonitor monitor;
    private final boolean monitorAutoStart;
    private final Automation automation;
    private final DemoJobLoad demoLoad;
    private final List<ScheduledFuture<?>> loops = new ArrayList<>();

    public JobsModule(BackendContext ctx) {
        this.ctx = ctx;
        this.settings = JobsSettings.from(ctx.config());
        JobRepository repo = new JobRepository(ctx.mapper());
        JobMetrics metrics = new JobMetrics(ctx.metrics());
        String coordinator = "coord-" + UUID.randomUUID().toString().substring(0, 8);
        this.queue = new JobQueue(ctx.database(), repo, settings, ctx.mapper(), ctx.events(), metrics, ctx.clock(), coordinator);
        this.stats = new JobStats(ctx.database(), repo, settings, metrics, ctx.clock());
        this.jobRoutes = new JobRoutes(queue, new JobValidation(ctx.mapper(), settings), settings, ctx.mapper());
        this.adminRoutes = new JobAdminRoutes(queue, stats, ctx.audit(), ctx.mapper());
        this.workloads = new WorkloadService(ctx.database(), new WorkloadRepository(ctx.mapper()),
                WorkloadSettings.from(ctx.config(), ctx.dataDir()), ctx.events(), ctx.clock());
        this.inventory = new InventoryService(ctx.database(), new InventoryRepository(), ctx.events(), ctx.metrics(), ctx.clock(),
                new Pool("default", 10, 50, 10_000, 86_400));
        this.monitor = new InventoryMonitor(inventory, ctx.scheduler(),
                Duration.ofMillis(ctx.config().number("VTXO_MONITOR_INTERVAL_MS", 30_000, 50, 3_600_000)), ctx.clock());
        // The relay guide's VTXO_AUTO_START: the monitor runs from startup unless turned off.
        this.monitorAutoStart = ctx.config().flag("VTXO_AUTO_START", true);
        ctx.services().register(monitor);
        Duration retention = Duration.ofDays(ctx.config().number("JOBS_RETENTION_DAYS", 90, 1, 36_500));
        this.demoLoad = demoLoad(ctx, repo);
        this.automation = new Automation(ctx.database(), ctx.metrics(), ctx.clock(), List.of(
                new AutomationTask("vtxo-expired-cleanup", "Remove expired, unallocated inventory items", Duration.ofMinutes(10),
                        () -> "removed " + inventory.cleanup(false).get("removed") + " expired items"),
                new AutomationTask("inventory-replenish", "Top up pools below their low watermark (also when the monitor is stopped)",
                        Duration.ofMinutes(5), () -> "created " + inventory.replenish()),
                new AutomationTask("job-retention", "Delete completed and cancelled jobs older than JOBS_RETENTION_DAYS",
                        Duration.ofHours(24), () -> "deleted " + queue.purgeFinished(retention) + " finished jobs")),
                coordinator, Duration.ofMillis(ctx.config().number("AUTOMATION_POLL_MS", 10_000, 50, 600_000)));
    }

    @Override
    public String name() {
        return "jobs";
    }

    public JobQueue queue() {
        return queue;
    }

    @Override
    public void routes(Routes r) {
        jobRoutes.register(r);
        adminRoutes.register(r);
        new WorkloadRoutes(workloads, ctx.mapper()).register(r);
        new InventoryRoutes(inventory, monitor, ctx.audit(), ctx.mapper()).register(r);
        new AutomationRoutes(automation, ctx.audit(), ctx.mapper()).register(r);
    }

    @Override
    public void start() {
        // Every coordinator reaps: the SKIP LOCKED select makes concurrent reapers share the work, not repeat it.
        loops.add(ctx.scheduler().scheduleWithFixedDelay(() -> guarded("lease reaper", queue::reapExpiredLeases),
                settings.reaperInterval().toMillis(), settings.reaperInterval().toMillis(), TimeUnit.MILLISECONDS));
        loops.add(ctx.scheduler().scheduleWithFixedDelay(() -> {
                    guarded("job metrics", stats::refreshSnapshot);
                    guarded("inventory metrics", inventory::refreshGauges);
                },
                0, settings.metricsRefresh().toMillis(), TimeUnit.MILLISECONDS));
        automation.start();
        if (monitorAutoStart) {
            monitor.start();
        }
        if (demoLoad != null) {
            // A pool for the demo to draw from, so the inventory view and its monitor have something to show.
            guarded("demo inventory pool", () -> {
                inventory.configure(new Pool(DemoJobLoad.ASSET, 20, 100, 10_000, 3_600));
                inventory.replenish();
            });
            demoLoad.start();
        }
    }

    @Override
    public void stop() {
        if (demoLoad != null) {
            demoLoad.stop();
        }
        monitor.stop();
        automation.stop();
        loops.forEach(f -> f.cancel(false));
        loops.clear();
    }

    /** The demo load in the demo profile (unless {@code DEMO_JOB_LOAD=false}), executing for the active workers. */
    private DemoJobLoad demoLoad(BackendContext ctx, JobRepository repo) {
        if (ctx.config().profile() != Profile.DEMO || !ctx.config().flag("DEMO_JOB_LOAD", true) || ctx.apiTokens().isEmpty()) {
            return null;
        }
        long tick = ctx.config().number("DEMO_JOB_TICK_MS", 1_000, 50, 60_000);
        double scale = ctx.config().number("DEMO_JOB_DURATION_PERCENT", 100, 1, 1_000) / 100.0;
        boolean payPerWorkload = ctx.config().setting("PAYMENTS_WORKLOAD_TIME_CREDIT_ETH_PER_MINUTE").isEmpty();
        DemoJobLoad load = DemoJobLoad.create(ctx.baseUrl()::get, ctx.apiTokens().get(0),
                () -> ctx.database().jdbi().withHandle(h -> List.copyOf(
                        repo.activeWorkersBusy(h, ctx.clock().instant().minus(settings.activeWindow())).keySet())),
                ctx.mapper(), ctx.clock(), tick, scale, payPerWorkload);
        ctx.services().register(load);
        return load;
    }

    /** Runs one round of background work; a failure is logged and the next round tries again. */
    private static void guarded(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", what, e.toString());
        }
    }
}
