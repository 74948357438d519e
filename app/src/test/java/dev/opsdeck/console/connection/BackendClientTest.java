package dev.opsdeck.console.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The HTTP client against a small real server: what it sends and the words it makes of failures. */
class BackendClientTest {
    private HttpServer server;
    private final AtomicReference<String> adminHeader = new AtomicReference<>();
    private volatile int healthStatus = 200;
    private volatile String healthBody = "{\"status\":\"UP\",\"components\":{\"database\":{\"status\":\"UP\","
            + "\"details\":{\"active\":1,\"idle\":9,\"pool\":{\"max\":10}}},\"indexer\":{\"status\":\"DOWN\"}}}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health/live", ex -> {
            adminHeader.set(ex.getRequestHeaders().getFirst("X-Admin-Key"));
            reply(ex, 200, "{\"status\":\"UP\"}");
        });
        server.createContext("/health", ex -> reply(ex, healthStatus, healthBody));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void liveProbeMeasuresRoundTripAndSendsTheAdminKey() throws Exception {
        long ms = client(Optional.of("k-123")).roundTripMillis();
        assertThat(ms).isBetween(0L, 3_000L);
        assertThat(adminHeader.get()).isEqualTo("k-123");
    }

    @Test
    void healthComponentsKeepOrderAndFlattenDetails() throws Exception {
        HealthReport report = client(Optional.empty()).health();
        assertThat(report.up()).isTrue();
        assertThat(report.components()).extracting(ComponentHealth::name).containsExactly("database", "indexer");
        assertThat(report.components().get(0).details()).containsExactly(
                entry("active", "1"),
                entry("idle", "9"),
                entry("pool.max", "10"));
        assertThat(report.components().get(1).up()).isFalse();
    }

    @Test
    void downBackendStillGivesItsReport() throws Exception {
        healthStatus = 503;
        healthBody = "{\"status\":\"DOWN\",\"components\":{\"database\":{\"status\":\"DOWN\",\"details\":{\"error\":\"pool exhausted\"}}}}";
        HealthReport report = client(Optional.empty()).health();
        assertThat(report.up()).isFalse();
        assertThat(report.components().get(0).details()).containsEntry("error", "pool exhausted");
    }

    @Test
    void errorJsonBecomesItsMessage() {
        healthStatus = 401;
        healthBody = "{\"error\":\"unauthorized\",\"message\":\"admin key required\",\"details\":null}";
        assertThatThrownBy(() -> client(Optional.empty()).health())
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("HTTP 401 from /health: admin key required");
    }

    @Test
    void refusedConnectionIsSaidInWords() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        BackendClient client = new BackendClient(target(URI.create("http://127.0.0.1:" + closedPort), Optional.empty()),
                BackendClient.defaultHttpClient(), new ObjectMapper());
        assertThatThrownBy(client::roundTripMillis)
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("cannot connect to 127.0.0.1:" + closedPort + " (connection refused)");
    }

    private BackendClient client(Optional<String> adminKey) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new BackendClient(target(url, adminKey), BackendClient.defaultHttpClient(), new ObjectMapper());
    }

    private static ConnectionTarget target(URI url, Optional<String> adminKey) {
        return new ConnectionTarget("test", url, adminKey, Optional.empty(), false);
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
