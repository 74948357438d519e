package dev.opsdeck.backend.security;

import dev.opsdeck.backend.platform.BackendContext;
import dev.opsdeck.backend.platform.BackendModule;
import dev.opsdeck.backend.platform.audit.AuditLogReader;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.RequestGuard;
import dev.opsdeck.backend.platform.http.Route;
import dev.opsdeck.backend.platform.http.Routes;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import dev.opsdeck.backend.platform.store.StoreKind;
import dev.opsdeck.backend.security.alerts.SecurityAlerts;
import dev.opsdeck.backend.security.docs.ApiDocsPage;
import dev.opsdeck.backend.security.docs.OpenApiDocument;
import dev.opsdeck.backend.security.edge.EdgeFilter;
import dev.opsdeck.backend.security.edge.EdgeSettings;
import dev.opsdeck.backend.security.edge.IngestSecretGuard;
import dev.opsdeck.backend.security.ratelimit.BucketStore;
import dev.opsdeck.backend.security.ratelimit.LocalBucketStore;
import dev.opsdeck.backend.security.ratelimit.PostgresBucketStore;
import dev.opsdeck.backend.security.ratelimit.RateLimitGuard;
import dev.opsdeck.backend.security.ratelimit.RateLimitSettings;
import dev.opsdeck.backend.security.ratelimit.RateLimiter;
import dev.opsdeck.backend.security.secrets.SecretRoutes;
import dev.opsdeck.backend.security.secrets.SecretsService;
import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsContext;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The security domain: request guards (rate limits, authentication, metric-ingest secret), the edge filter
 * (trusted hosts, CORS), security alerts, the secrets store, the audit endpoints, the route table and the
 * generated OpenAPI document.
 */
public final class SecurityModule implements BackendModule {
    private static final Logger log = LoggerFactory.getLogger(SecurityModule.class);

    private final BackendContext ctx;
    private final EdgeSettings edge;
    private final RateLimiter limiter;
    private final SecurityAlerts alerts;
    private final SecretsService secrets;
    private final List<RequestGuard> guards = new ArrayList<>();
    private final EdgeFilter edgeFilter;
    private Routes table;
    private ScheduledFuture<?> cleanup;

    public SecurityModule(BackendContext ctx, SecretsService secrets) {
        this.ctx = ctx;
        var config = ctx.config();
        this.edge = EdgeSettings.from(config);
        RateLimitSettings rl = RateLimitSettings.from(config);
        var registry = ctx.metrics().registry();
        Duration alertWindow = Duration.ofSeconds(config.number("SECURITY_ALERT_WINDOW_SECS", 60, 1, 86_400));
        this.alerts = new SecurityAlerts(ctx.audit(), ctx.events(), ctx.mapper(), ctx.clock(), alertWindow,
                (int) config.number("SECURITY_ALERT_AUTH_FAILURES", 20, 1, 1_000_000),
                (int) config.number("SECURITY_ALERT_RATE_LIMITED", 100, 1, 1_000_000),
                config.setting("SECURITY_ALERT_WEBHOOK_URL").map(URI::create).orElse(null));

        if (rl.enabled()) {
            // Idle for two windows means full again: forgetting the bucket changes no decision.
            Duration idle = rl.window().multipliedBy(2);
            BucketStore store = rl.shared() && ctx.database().kind() == StoreKind.POSTGRESQL
                    ? new PostgresBucketStore(config.databaseUrl().map(DatabaseUrls::toJdbc).orElseThrow(), idle, System::nanoTime)
                    : new LocalBucketStore(idle, System::nanoTime);
            this.limiter = new RateLimiter(rl, store, System::nanoTime);
            GaugeWithCallback.builder().name("rate_limiter_active_buckets")
                    .help("Token buckets in use (per client address / worker identity and category)")
                    .callback(cb -> cb.call(limiter.activeBuckets())).register(registry);
            Counter rejections = Counter.builder().name("rate_limiter_rejections_total")
                    .help("Requests refused with 429, by rate category").labelNames("category").register(registry);
            for (RateCategory c : RateCategory.values()) {
                if (c != RateCategory.NONE) {
                    rejections.labelValues(c.name().toLowerCase(Locale.ROOT)); // export zeros, so rate() works from the start
                }
            }
            guards.add(new RateLimitGuard(limiter, ctx.authenticator(), ctx.mapper(), rejections, alerts));
        } else {
            this.limiter = null;
            log.warn("rate limiting is disabled (RATE_LIMIT_ENABLED=false)");
        }
        Counter authFailures = Counter.builder().name("auth_failures_total")
                .help("Requests refused by authentication (401) or authorisation (403)").labelNames("status").register(registry);
        guards.add(new AuthGuard(ctx.authenticator(), alerts, authFailures));
        guards.add(new IngestSecretGuard(edge.ingestSecret(), edge.ingestDisabledWithoutSecret()));
        this.edgeFilter = new EdgeFilter(edge, limiter);

        this.secrets = secrets;
    }

    @Override
    public String name() {
        return "security";
    }

    /** Guards for every routed request, in order: rate limit (before auth, so guessing is limited), auth, ingest. */
    public List<RequestGuard> guards() {
        return List.copyOf(guards);
    }

    /** Server-wide parts that run for unmatched requests too: client address resolution and the edge filter. */
    public void configureServer(JavalinConfig cfg) {
        cfg.contextResolver.ip = c -> edge.proxies().clientIp(c.req().getRemoteAddr(), c.header("X-Forwarded-For"));
        cfg.routes.before(edgeFilter::before);
    }

    /**
     * Prices a WebSocket connect (category WEBSOCKET, per client address). The upgrade is not an HTTP route, so the
     * guards and the edge's address resolver do not see it; the trusted-proxy rule is applied here the same way.
     *
     * @return null to accept, or the reason to close the socket with
     */
    public String refuseWebSocketConnect(WsContext ws) {
        if (limiter == null) {
            return null;
        }
        java.net.SocketAddress a = ws.session.getRemoteSocketAddress();
        String peer = a instanceof java.net.InetSocketAddress isa ? isa.getAddress().getHostAddress() : String.valueOf(a);
        String ip = edge.proxies().clientIp(peer, ws.header("X-Forwarded-For"));
        return limiter.check(RateCategory.WEBSOCKET, ip, null).allowed() ? null
                : "rate limited: too many WebSocket connects from this address";
    }

    public SecretsService secrets() {
        return secrets;
    }

    @Override
    public void routes(Routes r) {
        this.table = r;
        r.get("/admin/routes", Access.ADMIN, RateCategory.DEFAULT, "The route table: method, path, access and rate category of every route",
                c -> c.json(Map.of("routes", table.all().stream().map(SecurityModule::describe).toList())));
        r.get("/admin/security/status", Access.ADMIN, RateCategory.DEFAULT, "Security settings in force (no secret values) and counters",
                c -> c.json(status()));
        new AuditRoutes(new AuditLogReader(ctx.database())).register(r);
        new WhoAmIRoutes(ctx.authenticator(), alerts).register(r);
        new SecretRoutes(secrets, ctx.audit(), ctx.mapper()).register(r);
        if (edge.apiDocs()) {
            r.get("/openapi.json", Access.DASHBOARD, RateCategory.DEFAULT, "OpenAPI 3 document generated from the route table",
                    c -> c.json(OpenApiDocument.build(table.all(), ctx.authenticator().dashboardPublic())));
            r.get("/api-docs", Access.DASHBOARD, RateCategory.DEFAULT, "API documentation viewer",
                    c -> c.contentType("text/html; charset=utf-8").result(ApiDocsPage.HTML));
        }
    }

    private static Map<String, Object> describe(Route route) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", route.method().name());
        m.put("path", route.path());
        m.put("access", route.access().name().toLowerCase(Locale.ROOT));
        m.put("rate_category", route.category().name().toLowerCase(Locale.ROOT));
        m.put("metrics_ingest", IngestSecretGuard.isIngest(route));
        m.put("summary", route.summary());
        return m;
    }

    private Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", ctx.config().profile().id());
        m.put("dashboard_public", ctx.authenticator().dashboardPublic());
        m.put("rate_limit_enabled", limiter != null);
        if (limiter != null) {
            m.put("rate_limit_window_seconds", limiter.settings().window().toSeconds());
            Map<String, Long> limits = new LinkedHashMap<>();
            limiter.settings().perWindow().forEach((k, v) -> limits.put(k.name().toLowerCase(Locale.ROOT), v));
            m.put("rate_limits", limits);
            m.put("rate_limit_store", limiter.settings().shared() ? "postgresql" : "memory");
            m.put("active_buckets", limiter.activeBuckets());
        }
        m.put("allowed_hosts", edge.allowedHosts());
        m.put("cors_origins", edge.corsOrigins().isEmpty() && edge.corsPermissive() ? List.of("*") : edge.corsOrigins());
        m.put("metrics_ingest", edge.ingestSecret().isPresent() ? "secret required"
                : edge.ingestDisabledWithoutSecret() ? "disabled" : "open to API tokens");
        m.put("trusted_proxies", !edge.proxies().isEmpty());
        m.put("api_docs", edge.apiDocs());
        m.put("secrets_key_id", secrets.keyId());
        m.put("security_alerts_raised", alerts.raisedCount());
        return m;
    }

    @Override
    public void start() {
        long period = limiter != null ? limiter.settings().window().toMillis() : 60_000;
        cleanup = ctx.scheduler().scheduleAtFixedRate(this::cleanup, period, period, TimeUnit.MILLISECONDS);
    }

    private void cleanup() {
        try {
            if (limiter != null) {
                int n = limiter.cleanup();
                if (n > 0) {
                    log.debug("dropped {} idle rate-limit buckets", n);
                }
            }
            alerts.cleanup();
        } catch (RuntimeException e) {
            log.warn("security cleanup failed: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        if (cleanup != null) {
            cleanup.cancel(false);
        }
        if (limiter != null) {
            limiter.close(); // requests still draining fall back to per-process buckets
        }
    }
}
