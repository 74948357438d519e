package dev.opsdeck.backend.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.Metrics;
import dev.opsdeck.backend.platform.audit.AuditTrail;
import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.HttpServer;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.RequestGuard;
import dev.opsdeck.backend.platform.http.Route;
import dev.opsdeck.backend.security.alerts.SecurityAlerts;
import dev.opsdeck.backend.security.edge.IngestSecretGuard;
import dev.opsdeck.backend.security.ratelimit.LocalBucketStore;
import dev.opsdeck.backend.security.ratelimit.RateLimitGuard;
import dev.opsdeck.backend.security.ratelimit.RateLimitSettings;
import dev.opsdeck.backend.security.ratelimit.RateLimiter;
import dev.opsdeck.backend.api.BackendConfig;
import io.javalin.http.HandlerType;
import io.prometheus.metrics.core.metrics.Counter;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security guard chain on the platform's real HTTP server, in front of worker ingest routes declared as the
 * workers domain declares them (POST, WORKER access, HEARTBEAT / GPU_METRICS). The handlers only record what reached
 * them: what is under test is who gets through, per worker identity and per address, and the ingest secret.
 */
class WorkerIngestGuardsTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String ADMIN = "guard-admin-key-0123456789abcdef";
    private static final String VIEWER = "guard-viewer-token-0123456789abcdef";
    private static final String API = "guard-api-token-0123456789abcdef";
    private static final String SECRET = "ingest-secret-0123456789abcdef";
    private static final int PER_WORKER = 5;

    private final OkHttpClient http = new OkHttpClient();
    private final List<String> reached = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private void start(Optional<String> secret, boolean disabledWithoutSecret) {
        ObjectMapper mapper = Json.newMapper();
        Metrics metrics = new Metrics();
        Authenticator auth = new Authenticator(new TokenRegistry(ADMIN, List.of(VIEWER), List.of(API)), false);
        RateLimitSettings rl = RateLimitSettings.from(BackendConfig.fromSettings(Map.of(
                "RATE_LIMIT_HEARTBEAT_RPM", Integer.toString(PER_WORKER), "RATE_LIMIT_WINDOW_SECS", "600")));
        RateLimiter limiter = new RateLimiter(rl, new LocalBucketStore(Duration.ofMinutes(20), System::nanoTime), System::nanoTime);
        AuditTrail audit = (actor, action, params, result, ip) -> 0;
        SecurityAlerts alerts = new SecurityAlerts(audit, new EventBus(), mapper, Clock.systemUTC(), Duration.ofMinutes(1), 1000, 1000, null);
        Counter rejected = Counter.builder().name("rejected_total").labelNames("category").register(metrics.registry());
        Counter failed = Counter.builder().name("failed_total").labelNames("status").register(metrics.registry());
        List<RequestGuard> guards = List.of(new RateLimitGuard(limiter, auth, mapper, rejected, alerts),
                new AuthGuard(auth, alerts, failed), new IngestSecretGuard(secret, disabledWithoutSecret));
        List<Route> routes = new ArrayList<>();
        routes.add(new Route(HandlerType.POST, "/api/worker/heartbeat", Access.WORKER, RateCategory.HEARTBEAT, "heartbeat",
                ctx -> { reached.add(ctx.body()); ctx.json(Map.of("ok", true)); }));
        routes.add(new Route(HandlerType.POST, "/api/worker/claim-reward", Access.WORKER, RateCategory.DEFAULT, "not ingest",
                ctx -> { reached.add("claim"); ctx.json(Map.of("ok", true)); }));
        server = new HttpServer("127.0.0.1", 0, mapper, metrics, routes, guards, null);
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(1000);
        }
    }

    @Test
    void aFleetOfThirtyWorkersOnLoopbackSharesOneAddressWithoutBeingThrottled() throws IOException {
        start(Optional.empty(), false);
        int limited = 0;
        for (int round = 0; round < PER_WORKER; round++) {
            for (int w = 0; w < 30; w++) {
                int status = post("/api/worker/heartbeat", "{\"worker_id\": \"gpu-node-" + w + "\"}", "Bearer " + API, null);
                if (status == 429) {
                    limited++;
                }
            }
        }
        assertThat(limited).isZero();
        assertThat(reached).hasSize(30 * PER_WORKER);
        // The sixth heartbeat of one worker in the window is over its own budget.
        assertThat(post("/api/worker/heartbeat", "{\"worker_id\": \"gpu-node-3\"}", "Bearer " + API, null)).isEqualTo(429);
        // X-Worker-Id names the identity when the body does not.
        assertThat(post("/api/worker/heartbeat", "{}", "Bearer " + API, "gpu-node-new")).isEqualTo(200);
    }

    @Test
    void withoutAValidTokenTheAddressBudgetIsOneIdentitysAndNothingIsReached() throws IOException {
        start(Optional.empty(), false);
        assertThat(post("/api/worker/heartbeat", "{}", "Bearer " + VIEWER, null)).isEqualTo(403);
        int unauthorized = 0;
        int limited = 0;
        for (int i = 0; i < PER_WORKER + 3; i++) {
            int s = post("/api/worker/heartbeat", "{\"worker_id\": \"w-" + i + "\"}", "Bearer wrong-token-0123456789abcdef", null);
            if (s == 401) {
                unauthorized++;
            } else if (s == 429) {
                limited++;
            }
        }
        // The viewer's call counted against the address too: one request of the budget was already used.
        assertThat(unauthorized).isEqualTo(PER_WORKER - 1);
        assertThat(limited).isEqualTo(4);
        assertThat(reached).isEmpty();
    }

    @Test
    void aConfiguredIngestSecretIsRequiredOnIngestRoutesOnly() throws IOException {
        start(Optional.of(SECRET), true);
        assertThat(post("/api/worker/heartbeat", "{\"worker_id\": \"w\"}", "Bearer " + API, null)).isEqualTo(403);
        assertThat(postWithSecret("wrong-secret")).isEqualTo(403);
        assertThat(postWithSecret(SECRET)).isEqualTo(200);
        // Reward claims are not metric ingest.
        assertThat(post("/api/worker/claim-reward", "{}", "Bearer " + API, null)).isEqualTo(200);
        assertThat(reached).containsExactly("{\"worker_id\": \"w\"}", "claim");
    }

    @Test
    void withoutASecretStrictProfilesDisableIngest() throws IOException {
        start(Optional.empty(), true);
        Request req = new Request.Builder().url(url("/api/worker/heartbeat")).header("Authorization", "Bearer " + API)
                .post(RequestBody.create("{\"worker_id\": \"w\"}", JSON)).build();
        try (Response r = http.newCall(req).execute()) {
            assertThat(r.code()).isEqualTo(403);
            assertThat(r.body().string()).contains("ingest_disabled");
        }
        assertThat(reached).isEmpty();
    }

    private int postWithSecret(String secret) throws IOException {
        Request req = new Request.Builder().url(url("/api/worker/heartbeat")).header("Authorization", "Bearer " + API)
                .header(IngestSecretGuard.HEADER, secret).post(RequestBody.create("{\"worker_id\": \"w\"}", JSON)).build();
        try (Response r = http.newCall(req).execute()) {
            return r.code();
        }
    }

    private int post(String path, String body, String authorization, String workerId) throws IOException {
        Request.Builder b = new Request.Builder().url(url(path)).header("Authorization", authorization)
                .post(RequestBody.create(body, JSON));
        if (workerId != null) {
            b.header("X-Worker-Id", workerId);
        }
        try (Response r = http.newCall(b.build()).execute()) {
            if (r.code() == 429) {
                assertThat(r.header("Retry-After")).isNotNull();
            }
            return r.code();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }
}
