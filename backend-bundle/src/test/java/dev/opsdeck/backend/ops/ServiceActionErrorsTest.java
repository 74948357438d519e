package dev.opsdeck.backend.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.Metrics;
import dev.opsdeck.backend.platform.audit.HashChainedAuditLog;
import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.http.HttpServer;
import dev.opsdeck.backend.platform.http.Routes;
import dev.opsdeck.backend.platform.services.ManagedService;
import dev.opsdeck.backend.platform.services.ServiceRegistry;
import dev.opsdeck.backend.platform.services.ServiceStatus;
import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import dev.opsdeck.backend.testing.PgTestDatabase;
import dev.opsdeck.backend.testing.Store;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A managed service from another domain may refuse an action with {@link UnsupportedOperationException} (say, stop
 * on one that claims to be start/stoppable but cannot stop right now). The operator must get a 4xx JSON error with
 * the service's words, not a 500/502 that reads like an outage. The real demo has no such service, so this test
 * serves {@link ServiceRoutes} over real HTTP with one fake service next to the real database store.
 */
@ParameterizedClass
@EnumSource(Store.class)
class ServiceActionErrorsTest {
    private static final MediaType JSON = MediaType.get("application/json");

    @Parameter
    Store store;

    @TempDir
    Path dir;

    private PgTestDatabase pg;
    private Database db;
    private HttpServer server;
    private final OkHttpClient http = new OkHttpClient();
    private final ObjectMapper mapper = Json.newMapper();

    /** Start/stoppable on paper; stop is not implemented and reconnect breaks. */
    private static final class HalfService implements ManagedService {
        @Override
        public String name() {
            return "half";
        }

        @Override
        public String kind() {
            return "background";
        }

        @Override
        public ServiceStatus status() {
            return new ServiceStatus("up", null, null, Instant.EPOCH, Map.of());
        }

        @Override
        public boolean startStoppable() {
            return true;
        }

        @Override
        public ServiceStatus start() {
            return status();
        }

        @Override
        public ServiceStatus reconnect() {
            throw new IllegalStateException("socket closed");
        }
    }

    @BeforeEach
    void start() {
        pg = store == Store.POSTGRESQL ? PgTestDatabase.create() : null;
        db = Database.open(pg != null ? pg.jdbcUrl() : DatabaseUrls.h2File(dir), 2);
        db.migrate();
        Clock clock = Clock.systemUTC();
        ServiceRegistry registry = new ServiceRegistry();
        registry.register(new HalfService());
        ServiceRoutes routes = new ServiceRoutes(registry, new EventBus(), new Idempotency(new OpsRepository(db, mapper), mapper, clock),
                new OpsAudit(new HashChainedAuditLog(db, mapper, clock)), mapper);
        Routes r = new Routes();
        routes.register(r);
        server = new HttpServer("127.0.0.1", 0, mapper, new Metrics(), r.all(), List.of(), null);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(1000);
        db.close();
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void anActionTheServiceDoesNotSupportIsAConflictInWordsNotAServerError() throws IOException {
        JsonNode stop = post("/admin/services/half/stop", "", "stop-1");
        assertThat(stop.path("status").asInt()).as(stop.toString()).isEqualTo(409);
        assertThat(stop.path("body").path("error").asText()).isEqualTo("not_supported");
        assertThat(stop.path("body").path("message").asText()).contains("half").contains("stop");

        // Restart of a start/stoppable service is stop-then-start: the unsupported stop refuses it the same way.
        JsonNode restart = post("/admin/restart/service", "{\"service\":\"half\"}", null);
        assertThat(restart.path("status").asInt()).as(restart.toString()).isEqualTo(409);

        // A refused request did nothing, so the same key may be used again and is refused again, not replayed as done.
        assertThat(post("/admin/services/half/stop", "", "stop-1").path("status").asInt()).isEqualTo(409);
        // The action that exists still works.
        assertThat(post("/admin/services/half/start", "", null).path("status").asInt()).isEqualTo(200);
    }

    @Test
    void aServiceThatFailsAtTheActionItselfIsAnUpstreamErrorWithItsReason() throws IOException {
        JsonNode r = post("/admin/services/half/reconnect", "", null);
        assertThat(r.path("status").asInt()).isEqualTo(502);
        assertThat(r.path("body").path("message").asText()).contains("socket closed");
    }

    private JsonNode post(String path, String body, String key) throws IOException {
        Request.Builder b = new Request.Builder().url("http://127.0.0.1:" + server.port() + path).post(RequestBody.create(body, JSON));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        try (Response res = http.newCall(b.build()).execute()) {
            String text = res.body() == null ? "" : res.body().string();
            return mapper.createObjectNode().put("status", res.code()).set("body", mapper.readTree(text));
        }
    }
}
