package dev.opsdeck.backend.ops;

import ch.qos.logback.classic.LoggerContext;
import com.zaxxer.hikari.HikariDataSource;
import dev.opsdeck.backend.api.Profile;
import dev.opsdeck.backend.demo.chaos.ChaosUpstreams;
import dev.opsdeck.backend.platform.BackendContext;
import dev.opsdeck.backend.platform.BackendModule;
import dev.opsdeck.backend.platform.http.Routes;
import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.StoreKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The ops domain: backups, retention cleanup, recent logs, database statistics, services and reconnects,
 * restarts, performance profile, and (demo profile) the chaos upstreams that give reconnects something to fix.
 */
public final class OpsModule implements BackendModule {
    private static final Logger log = LoggerFactory.getLogger(OpsModule.class);

    private final BackendContext ctx;
    private final OpsRepository repo;
    private final ExecutorService jobs;
    private final BackupService backups;
    private final BackupScheduler schedule;
    private final LogRing logs;
    private final BackupRoutes backupRoutes;
    private final MaintenanceRoutes maintenanceRoutes;
    private final ChaosUpstreams chaos;
    private final List<UpstreamService> upstreams;
    private final ServiceRoutes serviceRoutes;
    private final ChaosRoutes chaosRoutes;
    private final ScheduledExecutorService probes;
    private final InsightRoutes insightRoutes;
    private ScheduledFuture<?> scheduleTick;

    public OpsModule(BackendContext ctx) {
        this.ctx = ctx;
        Database db = ctx.database();
        this.repo = new OpsRepository(db, ctx.mapper());
        this.jobs = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "opsdeck-backup");
            t.setDaemon(true);
            return t;
        });
        OpsAudit audit = new OpsAudit(ctx.audit());
        Idempotency idempotency = new Idempotency(repo, ctx.mapper(), ctx.clock());
        Path backupDir = ctx.config().setting("OPSDECK_BACKUP_DIR").map(Path::of).orElse(ctx.dataDir().resolve("backups")).toAbsolutePath();
        this.backups = new BackupService(db, engine(ctx), repo, ctx.events(), ctx.mapper(), ctx.clock(), backupDir, jobs);
        this.schedule = new BackupScheduler(repo, backups, audit, ctx.clock());
        this.logs = new LogRing((int) ctx.config().number("OPSDECK_LOG_BUFFER", 5000, 100, 100_000),
                entry -> ctx.events().publish("logs", "log", entry));
        this.backupRoutes = new BackupRoutes(backups, schedule, idempotency, audit, ctx.mapper());
        this.maintenanceRoutes = new MaintenanceRoutes(new CleanupService(db, ctx.events(), ctx.clock()), logs, idempotency, audit,
                ctx.mapper(), ctx.config().profile());

        ctx.services().register(new DatabaseService(db, ctx.clock()));
        boolean demoChaos = ctx.config().profile() == Profile.DEMO && ctx.config().flag("DEMO_CHAOS", true);
        this.chaos = demoChaos ? ChaosUpstreams.start(Daemons.NAMES) : null;
        this.upstreams = Daemons.create(ctx, chaos);
        upstreams.forEach(ctx.services()::register);
        this.serviceRoutes = new ServiceRoutes(ctx.services(), ctx.events(), idempotency, audit, ctx.mapper());
        this.chaosRoutes = chaos == null ? null : new ChaosRoutes(chaos, audit, ctx.events(), ctx.mapper());
        InsightService insight = new InsightService(db, repo, ctx.services(), ctx.health(), logs, ctx.dataDir(), ctx.clock());
        this.insightRoutes = new InsightRoutes(insight, serviceRoutes, new JfrProfiler(), audit);
        // Probes wait on sockets for up to their timeout: their own thread keeps the shared scheduler free.
        this.probes = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opsdeck-probes");
            t.setDaemon(true);
            return t;
        });
    }

    private static BackupEngine engine(BackendContext ctx) {
        Database db = ctx.database();
        if (db.kind() == StoreKind.H2) {
            return new H2BackupEngine(db.dataSource());
        }
        String url = ((HikariDataSource) db.dataSource()).getJdbcUrl();
        return new PgBackupEngine(db.dataSource(), url, new PgTools(ctx.config().setting("PG_DUMP_PATH").orElse(null)));
    }

    @Override
    public String name() {
        return "ops";
    }

    @Override
    public void routes(Routes r) {
        backupRoutes.register(r);
        maintenanceRoutes.register(r);
        serviceRoutes.register(r);
        insightRoutes.register(r);
        if (chaosRoutes != null) {
            chaosRoutes.register(r);
        }
    }

    @Override
    public void start() {
        int orphans = repo.failOrphans(ctx.clock().instant());
        if (orphans > 0) {
            log.warn("{} backup(s) were left running by a previous process; marked failed", orphans);
        }
        attachLogRing();
        if (ctx.database().kind() == StoreKind.H2 && ctx.config().flag("H2_QUERY_STATISTICS", true)) {
            try (var c = ctx.database().dataSource().getConnection()) {
                StoreStats.enableH2QueryStatistics(c);
            } catch (java.sql.SQLException e) {
                log.warn("cannot turn on H2 query statistics: {}", e.getMessage());
            }
        }
        scheduleTick = ctx.scheduler().scheduleWithFixedDelay(schedule::tick, 30, 60, TimeUnit.SECONDS);
        probes.scheduleWithFixedDelay(() -> upstreams.forEach(UpstreamService::tick), 0, 1, TimeUnit.SECONDS);
    }

    private void attachLogRing() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext lc) {
            // Seed before attaching: lines of this run up to now are in the file, later ones arrive through the appender.
            logs.seedFrom(ctx.dataDir().resolve("logs").resolve("opsdeck.log"), ctx.mapper());
            logs.setContext(lc);
            logs.start();
            lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
        }
    }

    @Override
    public void stop() {
        if (scheduleTick != null) {
            scheduleTick.cancel(false);
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext lc) {
            lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        }
        logs.stop();
        probes.shutdownNow();
        if (chaos != null) {
            chaos.close();
        }
        jobs.shutdown();
        try {
            if (!jobs.awaitTermination(30, TimeUnit.SECONDS)) {
                jobs.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
