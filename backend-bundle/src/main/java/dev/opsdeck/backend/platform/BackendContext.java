package dev.opsdeck.backend.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.platform.audit.AuditTrail;
import dev.opsdeck.backend.platform.services.ServiceRegistry;
import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.health.HealthService;
import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.security.Authenticator;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the factory hands every module's constructor: the shared parts of one backend.
 *
 * @param config       validated configuration
 * @param dataDir      data directory (exists)
 * @param adminKey     the effective admin key (generated in dev/demo when none was configured)
 * @param apiTokens    the effective worker/API tokens
 * @param scheduler    shared scheduler for periodic background work; tasks must be short
 * @param baseUrl      filled in after the server binds (demo simulators post through it)
 * @param audit        the hash-chained audit log every admin action writes to
 * @param services     upstream connections and background services, for status and reconnects
 * @param secrets      the encrypted secrets store, read-only: upstream credentials by name
 */
public record BackendContext(BackendConfig config, Path dataDir, Database database, ObjectMapper mapper,
                             Metrics metrics, EventBus events, HealthService health, Authenticator authenticator,
                             Clock clock, ScheduledExecutorService scheduler, String adminKey,
                             List<String> viewerTokens, List<String> apiTokens, BaseUrl baseUrl,
                             AuditTrail audit, ServiceRegistry services, SecretResolver secrets) {

    /** Late-bound base URL: known only once Jetty has bound its port. */
    public static final class BaseUrl {
        private volatile String value;

        public String get() {
            if (value == null) {
                throw new IllegalStateException("the server is not listening yet");
            }
            return value;
        }

        void set(String v) {
            this.value = v;
        }
    }
}
