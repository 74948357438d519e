package dev.opsdeck.backend.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auth-failure bursts and rate-limit storms from one source raise one alert each: an audit entry, an event on the
 * {@code alerts} topic, and a POST to SECURITY_ALERT_WEBHOOK_URL (a real local HTTP receiver here). Token values
 * never reach the logs.
 */
@ParameterizedClass
@EnumSource(Store.class)
class SecurityAlertsTest {
    private static final String GUESSED = "guessed-token-value-that-must-not-be-logged-0001";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Parameter
    Store store;

    private HttpServer receiver;
    private final BlockingQueue<JsonNode> webhooks = new LinkedBlockingQueue<>();
    private TestBackend backend;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            webhooks.add(MAPPER.readTree(ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        backend = TestBackend.start(store, Map.of(
                "SECURITY_ALERT_WEBHOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "SECURITY_ALERT_AUTH_FAILURES", "5",
                "SECURITY_ALERT_RATE_LIMITED", "3",
                "RATE_LIMIT_DEFAULT_RPM", "1000",
                "RATE_LIMIT_STATUS_RPM", "2",
                "RATE_LIMIT_WINDOW_SECS", "600"));
    }

    @AfterEach
    void stop() {
        backend.close();
        receiver.stop(0);
    }

    @Test
    void anAuthFailureBurstRaisesOneAlertEverywhere() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        WebSocketClient ws = new WebSocketClient(URI.create(backend.url("/ws?token=" + TestBackend.ADMIN_KEY).replace("http", "ws"))) {
            @Override public void onOpen(ServerHandshake h) { }
            @Override public void onMessage(String m) { events.add(m); }
            @Override public void onClose(int code, String reason, boolean remote) { }
            @Override public void onError(Exception e) { }
        };
        assertThat(ws.connectBlocking(10, TimeUnit.SECONDS)).isTrue();
        try {
            for (int i = 0; i < 12; i++) {
                TestBackend.Reply r = backend.get("/admin/audit", "Authorization", "Bearer " + GUESSED);
                assertThat(r.status()).isEqualTo(401);
                assertThat(r.body()).doesNotContain(GUESSED);
            }
            JsonNode hook = webhooks.poll(10, TimeUnit.SECONDS);
            assertThat(hook).isNotNull();
            // Alertmanager webhook format v4, like the alert engine's notifications to the same URL.
            assertThat(hook.path("version").asText()).isEqualTo("4");
            assertThat(hook.path("status").asText()).isEqualTo("firing");
            JsonNode alert = hook.path("alerts").get(0);
            assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("SecurityAuthFailureBurst");
            assertThat(alert.path("labels").path("kind").asText()).isEqualTo("security.auth_failure_burst");
            assertThat(alert.path("labels").path("source_ip").asText()).isEqualTo("127.0.0.1");
            assertThat(alert.path("annotations").path("count").asInt()).isEqualTo(5);
            assertThat(alert.path("startsAt").asText()).isNotEmpty();
            assertThat(alert.path("fingerprint").asText()).matches("[0-9a-f]{16}");
            assertThat(webhooks.poll(500, TimeUnit.MILLISECONDS)).as("one alert per source and window").isNull();

            String event = null;
            for (String m; (m = events.poll(5, TimeUnit.SECONDS)) != null; ) {
                if (m.contains("security_alert")) {
                    event = m;
                    break;
                }
            }
            assertThat(event).contains("security.auth_failure_burst");

            JsonNode audit = backend.admin("GET", "/admin/audit?action=security.auth_failure_burst", null).json();
            assertThat(audit.path("count").asInt()).isEqualTo(1);
            assertThat(audit.path("entries").get(0).path("source_ip").asText()).isEqualTo("127.0.0.1");
            assertThat(backend.get("/metrics").body()).containsPattern("auth_failures_total\\{status=\"401\"} 12");
        } finally {
            ws.closeBlocking();
        }
        assertThat(logsContain(GUESSED)).isFalse();
        assertThat(logsContain(TestBackend.ADMIN_KEY)).isFalse();
    }

    @Test
    void aRateLimitStormRaisesAnAlert() throws Exception {
        int limited = 0;
        for (int i = 0; i < 8; i++) {
            if (backend.get("/health").status() == 429) {
                limited++;
            }
        }
        assertThat(limited).isEqualTo(6);
        JsonNode hook = webhooks.poll(10, TimeUnit.SECONDS);
        assertThat(hook).isNotNull();
        JsonNode alert = hook.path("alerts").get(0);
        assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("SecurityRateLimitStorm");
        assertThat(alert.path("annotations").path("description").asText()).contains("(status)");
        assertThat(backend.admin("GET", "/admin/audit?action=security.*", null).json().path("entries").findValuesAsText("action"))
                .containsExactly("security.rate_limit_storm");
    }

    private boolean logsContain(String needle) throws IOException {
        try (Stream<Path> files = Files.walk(backend.dataDir().resolve("logs"))) {
            List<Path> list = files.filter(Files::isRegularFile).toList();
            assertThat(list).isNotEmpty();
            for (Path p : list) {
                if (new String(Files.readAllBytes(p), StandardCharsets.UTF_8).contains(needle)) {
                    return true;
                }
            }
        }
        return false;
    }
}
