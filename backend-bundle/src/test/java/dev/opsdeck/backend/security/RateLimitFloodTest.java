package dev.opsdeck.backend.security;

import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood against a small budget (5 status requests per 2 s window): 429 with the guide's headers, then recovery
 * once the window has passed. On PostgreSQL the buckets live in the database (RATE_LIMIT_STORE=postgresql) and a
 * second coordinator on the same database shares the budget.
 */
@ParameterizedClass
@EnumSource(Store.class)
class RateLimitFloodTest {
    private static final int LIMIT = 5;

    @Parameter
    Store store;

    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        backend = TestBackend.start(store, settings(store));
    }

    private static Map<String, String> settings(Store store) {
        return Map.of("RATE_LIMIT_WINDOW_SECS", "2", "RATE_LIMIT_STATUS_RPM", Integer.toString(LIMIT), "RATE_LIMIT_WEBSOCKET_RPM", "2",
                "RATE_LIMIT_STORE", store == Store.POSTGRESQL ? "postgresql" : "memory");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    @Test
    void floodGets429WithHeadersAndRecoversAfterTheWindow() throws InterruptedException {
        waitForFullBucket();
        for (int i = 1; i <= LIMIT; i++) {
            TestBackend.Reply r = backend.get("/health");
            assertThat(r.status()).as("request " + i).isEqualTo(200);
            assertThat(r.header("X-RateLimit-Remaining")).as("request " + i).isEqualTo(Integer.toString(LIMIT - i));
            assertThat(Long.parseLong(r.header("X-RateLimit-Reset"))).isBetween(1L, 2L);
            assertThat(r.header("Retry-After")).isNull();
        }
        TestBackend.Reply limited = backend.get("/health");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 2L);
        assertThat(Long.parseLong(limited.header("X-RateLimit-Reset"))).isBetween(1L, 2L);
        assertThat(limited.json().path("error").asText()).isEqualTo("rate_limited");
        assertThat(limited.json().path("details").path("category").asText()).isEqualTo("status");

        String metrics = backend.get("/metrics").body();
        assertThat(metrics).containsPattern("rate_limiter_rejections_total\\{category=\"status\"} [1-9]");
        assertThat(metrics).containsPattern("(?m)^rate_limiter_active_buckets [1-9]");

        Thread.sleep(2100); // one window: the bucket is full again
        TestBackend.Reply recovered = backend.get("/health");
        assertThat(recovered.status()).isEqualTo(200);
        assertThat(recovered.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(LIMIT - 1));
    }

    @Test
    void responsesNoRouteGuardsCarryTheHeadersToo() {
        for (String path : new String[]{"/health/live", "/no/such/route"}) {
            TestBackend.Reply r = backend.get(path);
            assertThat(r.header("X-RateLimit-Remaining")).as(path).isNotNull();
            assertThat(r.header("X-RateLimit-Reset")).as(path).isNotNull();
        }
    }

    @Test
    void forwardedForIsNotTrustedByDefault() throws InterruptedException {
        waitForFullBucket();
        int ok = 0;
        for (int i = 0; i < LIMIT * 3; i++) {
            // A client inventing addresses must not get a fresh bucket per request.
            if (backend.get("/health", "X-Forwarded-For", "203.0.113." + i).status() == 200) {
                ok++;
            }
        }
        assertThat(ok).isLessThanOrEqualTo(LIMIT * 2); // one window boundary may fall inside the loop, no more
    }

    @Test
    void coordinatorsOnOneDatabaseShareTheBudget() throws InterruptedException {
        if (store != Store.POSTGRESQL) {
            // Memory buckets are per process by design; only the PostgreSQL store shares them.
            assertThat(backend.get("/admin/security/status", "X-Admin-Key", TestBackend.ADMIN_KEY).json()
                    .path("rate_limit_store").asText()).isEqualTo("memory");
            return;
        }
        java.util.Map<String, String> s = new java.util.HashMap<>(settings(store));
        s.put("DATABASE_URL", backend.jdbcUrl());
        try (TestBackend second = TestBackend.start(store, s)) {
            waitForFullBucket();
            for (int i = 0; i < LIMIT; i++) {
                TestBackend b = i % 2 == 0 ? backend : second;
                assertThat(b.get("/health").status()).isEqualTo(200);
            }
            assertThat(second.get("/health").status()).isEqualTo(429);
            assertThat(backend.get("/health").status()).isEqualTo(429);
        }
    }

    @Test
    void webSocketConnectsArePricedToo() throws Exception {
        waitForFullBucket();
        java.util.List<Integer> closes = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<org.java_websocket.client.WebSocketClient> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                java.util.concurrent.CountDownLatch welcome = new java.util.concurrent.CountDownLatch(1);
                var ws = new org.java_websocket.client.WebSocketClient(java.net.URI.create(
                        backend.url("/ws?token=" + TestBackend.VIEWER_TOKEN).replace("http", "ws"))) {
                    @Override public void onOpen(org.java_websocket.handshake.ServerHandshake h) { }
                    @Override public void onMessage(String m) { welcome.countDown(); }
                    @Override public void onClose(int code, String reason, boolean remote) { closes.add(code); welcome.countDown(); }
                    @Override public void onError(Exception e) { }
                };
                clients.add(ws);
                ws.connectBlocking(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(welcome.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
            // Two connects fit the budget of 2 per window; the third is closed with policy violation.
            assertThat(closes).containsExactly(1008);
        } finally {
            for (var c : clients) {
                c.closeBlocking();
            }
        }
    }

    private static void waitForFullBucket() throws InterruptedException {
        Thread.sleep(2100);
    }
}
