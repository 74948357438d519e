package dev.opsdeck.backend.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Trusted hosts, CORS with an explicit list, trusted proxies and the generated API docs on a running server. */
@ParameterizedClass
@EnumSource(Store.class)
class EdgeTest {
    @Parameter
    Store store;

    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        backend = TestBackend.start(store, Generous.limits(Map.of(
                "ALLOWED_HOSTS", "127.0.0.1,console.example.com,*.fleet.example.com",
                "CORS_ALLOWED_ORIGINS", "https://console.example.com",
                "TRUSTED_PROXIES", "127.0.0.1/32",
                "RATE_LIMIT_DEFAULT_RPM", "3",
                "RATE_LIMIT_WINDOW_SECS", "600")));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    @Test
    void aHostNotAllowedGetsAJson400OnEveryPath() {
        for (String path : new String[]{"/health", "/health/live", "/admin/audit", "/no/such/route"}) {
            TestBackend.Reply r = backend.get(path, "Host", "evil.example.net", "X-Admin-Key", TestBackend.ADMIN_KEY);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.json().path("error").asText()).isEqualTo("host_not_allowed");
        }
        assertThat(backend.get("/health", "Host", "console.example.com").status()).isEqualTo(200);
        assertThat(backend.get("/health", "Host", "console.example.com:8443").status()).isEqualTo(200);
        assertThat(backend.get("/health", "Host", "rack-7.fleet.example.com").status()).isEqualTo(200);
        assertThat(backend.get("/health", "Host", "fleet.example.com.evil.net").status()).isEqualTo(400);
    }

    @Test
    void corsAnswersOnlyTheListedOrigin() {
        TestBackend.Reply ok = backend.get("/health", "Origin", "https://console.example.com");
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("https://console.example.com");
        assertThat(ok.header("Access-Control-Expose-Headers")).contains("X-RateLimit-Remaining");
        TestBackend.Reply other = backend.get("/health", "Origin", "https://evil.example.net");
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();

        TestBackend.Reply preflight = backend.call(new Request.Builder().url(backend.url("/admin/audit")).method("OPTIONS", null),
                "Origin", "https://console.example.com", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "x-admin-key");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("X-Admin-Key");
        TestBackend.Reply refused = backend.call(new Request.Builder().url(backend.url("/admin/audit")).method("OPTIONS", null),
                "Origin", "https://evil.example.net", "Access-Control-Request-Method", "GET");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").asText()).isEqualTo("origin_not_allowed");
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnBudget() {
        // DEFAULT is 3 per window here: three distinct forwarded clients each get their full budget.
        for (String client : new String[]{"198.51.100.1", "198.51.100.2", "198.51.100.3"}) {
            for (int i = 0; i < 3; i++) {
                TestBackend.Reply r = backend.get("/openapi.json", "X-Forwarded-For", "203.0.113.99, " + client);
                assertThat(r.status()).as(client + " #" + i).isEqualTo(200);
            }
            TestBackend.Reply over = backend.get("/openapi.json", "X-Forwarded-For", client);
            assertThat(over.status()).as(client).isEqualTo(429);
            assertThat(over.header("Retry-After")).isNotNull();
        }
    }

    @Test
    void anAdminKeyIsPricedPerKeyWithTenTimesTheBudget() {
        // The operator's console polls many admin endpoints from one address: 3 per window would throttle it.
        TestBackend.Reply first = backend.get("/admin/routes", "X-Admin-Key", TestBackend.ADMIN_KEY, "X-Forwarded-For", "198.51.100.50");
        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("30");
        long left = Long.parseLong(first.header("X-RateLimit-Remaining")); // other tests of this class used the key too
        assertThat(left).isGreaterThan(20);
        int ok = 0;
        for (int i = 0; i <= left; i++) {
            if (backend.get("/admin/routes", "X-Admin-Key", TestBackend.ADMIN_KEY, "X-Forwarded-For", "198.51.100." + (50 + i % 5)).status() == 200) {
                ok++;
            }
        }
        assertThat(ok).as("the key's budget follows it across addresses").isEqualTo(left);
        // A wrong key is priced per address like anyone else.
        int unauthorized = 0;
        for (int i = 0; i < 5; i++) {
            if (backend.get("/admin/routes", "X-Admin-Key", "wrong-admin-key-0123456789abcdef", "X-Forwarded-For", "198.51.100.51").status() == 401) {
                unauthorized++;
            }
        }
        assertThat(unauthorized).isEqualTo(3);
    }

    @Test
    void theOpenApiDocumentIsGeneratedFromTheRouteTable() {
        TestBackend.Reply r = backend.get("/openapi.json", "X-Forwarded-For", "198.51.100.60");
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        JsonNode routes = backend.get("/admin/routes", "X-Admin-Key", TestBackend.ADMIN_KEY).json().path("routes");
        for (JsonNode route : routes) {
            JsonNode op = doc.path("paths").path(route.path("path").asText()).path(route.path("method").asText().toLowerCase());
            assertThat(op.isMissingNode()).as(route.toString()).isFalse();
            assertThat(op.path("x-opsdeck-access").asText()).isEqualTo(route.path("access").asText());
        }
        assertThat(doc.path("paths").path("/admin/secrets/{name}").path("put").path("parameters").get(0).path("name").asText())
                .isEqualTo("name");
        TestBackend.Reply page = backend.get("/api-docs", "X-Forwarded-For", "198.51.100.61");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("openapi.json");
    }
}
