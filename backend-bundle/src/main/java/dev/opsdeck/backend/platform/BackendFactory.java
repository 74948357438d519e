package dev.opsdeck.backend.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.ConfigException;
import dev.opsdeck.backend.api.Profile;
import dev.opsdeck.backend.api.RunningBackend;
import dev.opsdeck.backend.platform.audit.HashChainedAuditLog;
import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.services.ServiceRegistry;
import dev.opsdeck.backend.platform.events.WebSocketHub;
import dev.opsdeck.backend.platform.health.HealthService;
import dev.opsdeck.backend.platform.http.HttpServer;
import dev.opsdeck.backend.platform.http.RequestGuard;
import dev.opsdeck.backend.platform.http.Routes;
import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import dev.opsdeck.backend.security.Authenticator;
import dev.opsdeck.backend.security.Principal;
import dev.opsdeck.backend.security.SecurityModule;
import dev.opsdeck.backend.security.secrets.SecretsService;
import dev.opsdeck.backend.security.TokenRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds one backend by constructor injection and starts it. No static state: several may run in one JVM. */
public final class BackendFactory {
    private static final Logger log = LoggerFactory.getLogger(BackendFactory.class);

    private BackendFactory() {
    }

    public static RunningBackend start(BackendConfig config) {
        StartupChecks.validate(config);
        Path dataDir = config.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dataDir.resolve("logs"));
        } catch (IOException e) {
            throw new ConfigException("OPSDECK_DATA_DIR", "cannot create " + dataDir + ": " + e.getMessage());
        }
        if (config.flag("OPSDECK_LOG_FILES", true)) {
            LoggingSetup.configure(dataDir.resolve("logs"), config.logLevel(), config.flag("OPSDECK_LOG_STDOUT", false));
        }

        boolean generated = config.adminKey().isEmpty();
        String adminKey = config.adminKey().orElseGet(BackendFactory::randomToken);
        List<String> apiTokens = config.apiTokens().isEmpty() && !config.profile().strict() ? List.of(randomToken()) : config.apiTokens();
        if (generated) {
            log.info("no admin key configured: generated one for this {} run", config.profile().id());
        }

        String jdbcUrl = config.databaseUrl().map(DatabaseUrls::toJdbc).orElseGet(() -> DatabaseUrls.h2File(dataDir));
        int poolSize = (int) config.number("DATABASE_POOL_SIZE", 10, 1, 200);
        Database database = Database.open(jdbcUrl, poolSize);
        List<AutoCloseable> toClose = new ArrayList<>();
        toClose.add(database);
        try {
            database.migrate();
            ObjectMapper mapper = Json.newMapper();
            Metrics metrics = new Metrics();
            EventBus events = new EventBus();
            HealthService health = new HealthService(Version.get());
            health.register(database);
            boolean dashboardPublic = config.flag("DASHBOARD_PUBLIC", !config.profile().strict());
            Authenticator auth = new Authenticator(new TokenRegistry(adminKey, config.viewerTokens(), apiTokens), dashboardPublic);
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemonThreads("opsdeck-bg"));
            toClose.add(0, scheduler::shutdownNow);
            BackendContext.BaseUrl baseUrl = new BackendContext.BaseUrl();
            SecretsService secrets = SecretsService.open(config, dataDir, database, Clock.systemUTC());
            BackendContext ctx = new BackendContext(config, dataDir, database, mapper, metrics, events, health, auth,
                    Clock.systemUTC(), scheduler, adminKey, config.viewerTokens(), apiTokens, baseUrl,
                    new HashChainedAuditLog(database, mapper, Clock.systemUTC()), new ServiceRegistry(), secrets::lookup);

            SecurityModule security = new SecurityModule(ctx, secrets);
            WebSocketHub hub = new WebSocketHub(mapper, metrics);
            events.subscribe(hub);
            hub.setConnectGuard(ws -> {
                String limited = security.refuseWebSocketConnect(ws);
                if (limited != null) {
                    return limited;
                }
                try {
                    String token = ws.queryParam("token");
                    Principal p = auth.identify(ws.header(Authenticator.ADMIN_HEADER),
                            token != null ? "Bearer " + token : ws.header("Authorization"));
                    auth.authorize(p, dev.opsdeck.backend.platform.http.Access.DASHBOARD);
                    return null;
                } catch (dev.opsdeck.backend.platform.http.ApiException e) {
                    return e.getMessage();
                }
            });

            List<BackendModule> modules = new ArrayList<>();
            modules.add(new PlatformModule(health, metrics, database, hub, config.profile().id()));
            modules.add(security);
            modules.addAll(DomainModules.create(ctx));

            Routes routes = new Routes();
            for (BackendModule m : modules) {
                m.routes(routes);
            }
            // Rate limits, authentication (principal in "opsdeck.principal") and the ingest secret, in that order.
            List<RequestGuard> guards = new ArrayList<>(DomainModules.guards(security));

            HttpServer server = new HttpServer(config.bind(), config.port(), mapper, metrics, routes.all(), guards, cfg -> {
                hub.register(cfg);
                security.configureServer(cfg);
            });
            server.start();
            String host = config.bind().equals("0.0.0.0") ? "127.0.0.1" : config.bind();
            URI url = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port());
            baseUrl.set(url.toString());

            List<BackendModule> started = new ArrayList<>();
            for (BackendModule m : modules) {
                m.start();
                started.add(m);
            }
            log.info("OpsDeck backend {} listening on {} (profile {}, store {})", Version.get(), url, config.profile().id(), database.description());
            return new Running(url, adminKey, config.viewerTokens(), apiTokens, config.profile(), dataDir, database, server, hub, started, toClose);
        } catch (RuntimeException e) {
            closeAll(toClose);
            throw e;
        }
    }

    static String randomToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable c : resources) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {}: {}", c, e.toString());
            }
        }
    }

    private static final class Running implements RunningBackend {
        private final URI url;
        private final String adminKey;
        private final List<String> viewerTokens;
        private final List<String> apiTokens;
        private final Profile profile;
        private final Path dataDir;
        private final Database database;
        private final HttpServer server;
        private final WebSocketHub hub;
        private final List<BackendModule> modules;
        private final List<AutoCloseable> toClose;
        private final AtomicInteger stopped = new AtomicInteger();

        Running(URI url, String adminKey, List<String> viewerTokens, List<String> apiTokens, Profile profile, Path dataDir,
                Database database, HttpServer server, WebSocketHub hub, List<BackendModule> modules, List<AutoCloseable> toClose) {
            this.url = url;
            this.adminKey = adminKey;
            this.viewerTokens = List.copyOf(viewerTokens);
            this.apiTokens = List.copyOf(apiTokens);
            this.profile = profile;
            this.dataDir = dataDir;
            this.database = database;
            this.server = server;
            this.hub = hub;
            this.modules = modules;
            this.toClose = toClose;
        }

        @Override public URI baseUrl() { return url; }
        @Override public String adminKey() { return adminKey; }
        @Override public List<String> viewerTokens() { return viewerTokens; }
        @Override public List<String> apiTokens() { return apiTokens; }
        @Override public Profile profile() { return profile; }
        @Override public Path dataDir() { return dataDir; }
        @Override public String storeDescription() { return database.description(); }

        @Override
        public void stop() {
            if (stopped.getAndIncrement() > 0) {
                return;
            }
            log.info("stopping OpsDeck backend on {}", url);
            // Background producers first, so nothing new is written while requests drain.
            for (int i = modules.size() - 1; i >= 0; i--) {
                try {
                    modules.get(i).stop();
                } catch (RuntimeException e) {
                    log.warn("stopping module {}: {}", modules.get(i).name(), e.toString());
                }
            }
            hub.close();
            server.stop(10_000);
            closeAll(toClose);
            log.info("OpsDeck backend stopped");
        }
    }

    /** Waits for {@code ms}; used by the CLI's shutdown path only. */
    static void sleepQuietly(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
