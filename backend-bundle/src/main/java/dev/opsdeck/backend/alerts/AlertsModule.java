package dev.opsdeck.backend.alerts;

import dev.opsdeck.backend.api.ConfigException;
import dev.opsdeck.backend.platform.BackendContext;
import dev.opsdeck.backend.platform.BackendModule;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The alerts domain: rules evaluated over the backend's own registry every {@code ALERT_EVAL_INTERVAL_SECONDS},
 * silences and acknowledgements, Alertmanager-format webhook notifications, and the host's system metrics.
 *
 * <p>Settings (all optional): {@code ALERT_EVAL_INTERVAL_SECONDS} (15), {@code OPSDECK_ALERT_WEBHOOK_URL} or its
 * alias {@code SECURITY_ALERT_WEBHOOK_URL} (none: notifications off, the service shows "disabled"),
 * {@code ALERT_WEBHOOK_MAX_ATTEMPTS} (4), {@code ALERT_WEBHOOK_BACKOFF_MS} (1000, doubled per retry, capped at 60 s),
 * {@code ALERT_EXTERNAL_URL} (the backend's URL; Alertmanager's externalURL), {@code ALERT_SILENCE_MAX_HOURS} (168),
 * {@code ALERT_ACK_MAX_HOURS} (72), {@code ALERT_ACK_FLAP_GUARD_SECONDS} (300), {@code SYSTEM_METRICS_INTERVAL_SECONDS} (15),
 * {@code SYSTEM_METRICS_RETENTION_HOURS} (48).
 *
 * <p>Metrics it exports: {@code system_cpu_usage_percent}, {@code system_memory_usage_percent},
 * {@code system_disk_free_percent}, {@code system_load_average_1m}, and {@code service_up{service}} for every
 * registered {@link dev.opsdeck.backend.platform.services.ManagedService}.
 */
public final class AlertsModule implements BackendModule {
    private static final Logger log = LoggerFactory.getLogger(AlertsModule.class);

    private final BackendContext ctx;
    private final long intervalSeconds;
    private final long systemIntervalSeconds;
    private final ScheduledExecutorService webhookExecutor;
    private final WebhookNotifier webhook;
    private final AlertService service;
    private final AlertEngine engine;
    private final SystemSampler sampler;
    private final AlertRepository repo;
    private final EvaluationLease lease;
    private ScheduledFuture<?> evaluation;
    private ScheduledFuture<?> sampling;

    public AlertsModule(BackendContext ctx) {
        this.ctx = ctx;
        var cfg = ctx.config();
        intervalSeconds = cfg.number("ALERT_EVAL_INTERVAL_SECONDS", 15, 1, 3600);
        systemIntervalSeconds = cfg.number("SYSTEM_METRICS_INTERVAL_SECONDS", 15, 1, 3600);
        long retentionHours = cfg.number("SYSTEM_METRICS_RETENTION_HOURS", 48, 24, 24 * 90);
        repo = new AlertRepository(ctx.database(), ctx.mapper());
        URI url = webhookUrl(cfg.setting("OPSDECK_ALERT_WEBHOOK_URL").orElse(null), cfg.setting("SECURITY_ALERT_WEBHOOK_URL").orElse(null));
        webhookExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opsdeck-alert-webhook");
            t.setDaemon(true);
            return t;
        });
        String external = cfg.setting("ALERT_EXTERNAL_URL").orElse(null);
        webhook = new WebhookNotifier(url, repo, ctx.mapper(), ctx.clock(), webhookExecutor,
                () -> external != null ? external : ctx.baseUrl().get(),
                (int) cfg.number("ALERT_WEBHOOK_MAX_ATTEMPTS", 4, 1, 20), cfg.number("ALERT_WEBHOOK_BACKOFF_MS", 1000, 1, 600_000));
        MuteService mutes = new MuteService(repo, ctx.events(), ctx.clock(),
                Duration.ofHours(cfg.number("ALERT_SILENCE_MAX_HOURS", 168, 1, 24 * 90)),
                Duration.ofHours(cfg.number("ALERT_ACK_MAX_HOURS", 72, 1, 24 * 30)),
                Duration.ofSeconds(cfg.number("ALERT_ACK_FLAP_GUARD_SECONDS", 300, 0, 86_400)));
        engine = new AlertEngine(repo, new RegistryHistory(ctx.metrics().registry()), mutes, webhook, ctx.events(), ctx.clock());
        lease = new EvaluationLease(ctx.database());
        service = new AlertService(repo, engine, mutes, ctx.events(), ctx.clock(), intervalSeconds, lease);
        sampler = new SystemSampler(repo, ctx.clock(), ctx.dataDir(), Duration.ofHours(retentionHours));
        sampler.register(ctx.metrics().registry());
        ServiceUpGauge.register(ctx.metrics().registry(), ctx.services());
        ctx.services().register(webhook);
        int added = service.seedBuiltins();
        if (added > 0) {
            log.info("seeded {} built-in alert rule(s)", added);
        }
        int restored = engine.restore();
        if (restored > 0) {
            log.info("restored {} pending or firing alert(s) from the history", restored);
        }
        if (!lease.holds()) {
            engine.mirror(); // another coordinator evaluates: never act on rules from here
        }
    }

    /** The alert webhook: OPSDECK_ALERT_WEBHOOK_URL wins; the edge notes' SECURITY_ALERT_WEBHOOK_URL is the alias. */
    static URI webhookUrl(String own, String security) {
        String name = own != null && !own.isBlank() ? "OPSDECK_ALERT_WEBHOOK_URL" : "SECURITY_ALERT_WEBHOOK_URL";
        String v = own != null && !own.isBlank() ? own : security;
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(v.trim());
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new ConfigException(name, "must be an http(s) URL");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(name, "not a URL: " + e.getReason());
        }
    }

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public void routes(Routes r) {
        new AlertRoutes(service, ctx.mapper(), ctx.audit(), ctx.clock()).register(r);
        new MuteRoutes(service, ctx.mapper(), ctx.audit(), webhook, repo).register(r);
        r.get("/admin/metrics/system", Access.ADMIN, RateCategory.ANALYTICS, "Host CPU, memory, disk and load over time (?hours=24&step_seconds=)", c -> {
            int hours = AlertRoutes.intParam(c, "hours", 24, 1, 24 * 90);
            long defaultStep = SystemSeries.step(hours, systemIntervalSeconds);
            long step = c.queryParam("step_seconds") == null ? defaultStep
                    : AlertRoutes.intParam(c, "step_seconds", (int) defaultStep, (int) systemIntervalSeconds, 86_400);
            List<SystemSample> samples = repo.systemSamples(ctx.clock().instant().minus(Duration.ofHours(hours)));
            List<SystemSeries.Point> points = SystemSeries.downsample(samples, step);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hours", hours);
            m.put("interval_seconds", systemIntervalSeconds);
            m.put("step_seconds", step);
            m.put("current", sampler.latest());
            m.put("raw_samples", samples.size());
            m.put("count", points.size());
            m.put("samples", points);
            c.json(m);
        });
    }

    @Override
    public void start() {
        sampler.sample();
        sampling = ctx.scheduler().scheduleAtFixedRate(() -> guard("system sample", sampler::sample),
                systemIntervalSeconds, systemIntervalSeconds, TimeUnit.SECONDS);
        // The first evaluation waits one interval: the sampler and the other domains' gauges have values by then.
        evaluation = ctx.scheduler().scheduleAtFixedRate(() -> guard("alert evaluation", service::tick),
                intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    /** A periodic task that throws is cancelled by the executor for good; log and carry on instead. */
    private static void guard(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", what, e.toString());
        }
    }

    @Override
    public void stop() {
        if (evaluation != null) {
            evaluation.cancel(false);
        }
        if (sampling != null) {
            sampling.cancel(false);
        }
        lease.close();
        webhookExecutor.shutdown();
        try {
            // Let a delivery in progress finish; retries still waiting are dropped (their payloads are in history).
            webhookExecutor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        webhookExecutor.shutdownNow();
    }
}
