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
 * A flood against a small budget (5 status requests per 3 s window): 429 with the guide's headers, then recovery
 * once the window has passed. On PostgreSQL the buckets live in the database (RATE_LIMIT_STORE=postgresql) and a
 * second coordinator on the same database shares the budget.
 */
@ParameterizedClass
@EnumSource(Store.class)
class RateLimitFloodTest {
    private static final int LIMIT = 5;
    private static final int WINDOW = 3;

    @Parameter
    Store store;

    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        backend = TestBackend.start(store, settings(store));
    }

    /**
     * Each test uses a bucket no other test touches (STATUS, DEFAULT, WEBSOCKET), so its window starts at its own
     * first request and the counts below do not depend on when an earlier test's window rolls over.
     */
    private static Map<String, String> settings(Store store) {
        return Map.of("RATE_LIMIT_WINDOW_SECS", Integer.toString(WINDOW), "RATE_LIMIT_STATUS_RPM", Integer.toString(LIMIT),
                "RATE_LIMIT_DEFAULT_RPM", Integer.toString(LIMIT), "RATE_LIMIT_WEBSOCKET_RPM", "2",
                "RATE_LIMIT_STORE", store == Store.POSTGRESQL ? "postgresql" : "memory");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    @Test
    void floodGets429WithHeadersAndRecoversAfterTheWindow() throws InterruptedException {
        for (int i = 1; i <= LIMIT; i++) {
            TestBackend.Reply r = backend.get("/health");
            assertThat(r.status()).as("request " + i).isEqualTo(200);
            assertThat(r.header("X-RateLimit-Remaining")).as("request " + i).isEqualTo(Integer.toString(LIMIT - i));
            assertThat(Long.parseLong(r.header("X-RateLimit-Reset"))).isBetween(1L, (long) WINDOW);
            assertThat(r.header("Retry-After")).isNull();
        }
        TestBackend.Reply limited = backend.get("/health");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, (long) WINDOW);
        assertThat(Long.parseLong(limited.header("X-RateLimit-Reset"))).isBetween(1L, (long) WINDOW);
        assertThat(limited.json().path("error").asText()).isEqualTo("rate_limited");
        assertThat(limited.json().path("details").path("category").asText()).isEqualTo("status");

        String metrics = backend.get("/metrics").body();
        assertThat(metrics).containsPattern("rate_limiter_rejections_total\\{category=\"status\"} [1-9]");
        assertThat(metrics).containsPattern("(?m)^rate_limiter_active_buckets [1-9]");

        Thread.sleep(WINDOW * 1000L + 100); // one window: the bucket is full again
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
    void forwardedForIsNotTrustedByDefault() {
        int ok = 0;
        for (int i = 0; i < LIMIT * 3; i++) {
            // A client inventing addresses must not get a fresh bucket per request.
            if (backend.get("/openapi.json", "X-Forwarded-For", "203.0.113." + i).status() == 200) {
                ok++;
            }
        }
        assertThat(ok).isLessThanOrEqualTo(LIMIT * 2); // one window boundary may fall inside the loop, no more
    }

    @Test
    void coordinatorsOnOneDatabaseShareTheBudget() {
        if (store != Store.POSTGRESQL) {
            // Shared buckets live in the shared database: without one, the setting is refused at start-up.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestBackend.start(store, Map.of("RATE_LIMIT_STORE", "postgresql")).close())
                    .hasMessageContaining("RATE_LIMIT_STORE: postgresql needs DATABASE_URL");
            return;
        }
        // Two fresh coordinators on one database, with a window long enough that none rolls over mid-test.
        java.util.Map<String, String> s = new java.util.HashMap<>(settings(store));
        s.put("RATE_LIMIT_WINDOW_SECS", "60");
        try (TestBackend first = TestBackend.start(store, s)) {
            s.put("DATABASE_URL", first.jdbcUrl());
            try (TestBackend second = TestBackend.start(store, s)) {
                for (int i = 0; i < LIMIT; i++) {
                    TestBackend b = i % 2 == 0 ? first : second;
                    assertThat(b.get("/health").status()).as("request " + i).isEqualTo(200);
                }
                assertThat(second.get("/health").status()).isEqualTo(429);
                assertThat(first.get("/health").status()).isEqualTo(429);
            }
        }
    }

    @Test
    void webSocketConnectsArePricedToo() throws Exception {
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

}
