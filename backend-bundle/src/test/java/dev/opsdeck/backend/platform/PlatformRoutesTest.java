package dev.opsdeck.backend.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(Store.class)
class PlatformRoutesTest {
    @Parameter
    Store store;

    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        backend = TestBackend.start(store);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    @Test
    void healthReportsTheDatabaseUpWithPoolStatistics() {
        TestBackend.Reply r = backend.get("/health");
        assertThat(r.status()).isEqualTo(200);
        JsonNode db = r.json().path("components").path("database");
        assertThat(db.path("status").asText()).isEqualTo("UP");
        assertThat(db.path("details").path("store").asText()).isEqualTo(store == Store.H2 ? "h2" : "postgresql");
        assertThat(db.path("details").has("pool_active")).isTrue();
        assertThat(db.path("details").path("pool_max").asInt()).isPositive();
        assertThat(r.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void probesAnswer() {
        for (String p : new String[]{"/health/live", "/health/ready", "/healthz", "/ready"}) {
            TestBackend.Reply r = backend.get(p);
            assertThat(r.status()).as(p).isEqualTo(200);
            assertThat(r.json().path("status").asText()).as(p).isEqualTo("UP");
        }
    }

    @Test
    void metricsAreInPrometheusTextFormatWithRequestCounters() {
        backend.get("/health/live");
        TestBackend.Reply r = backend.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.body())
                .contains("# TYPE dashboard_requests_total counter")
                .contains("dashboard_requests_total{endpoint=\"/health/live\",method=\"GET\",status=\"200\"}")
                .contains("# TYPE dashboard_request_duration_seconds histogram")
                .contains("# TYPE websocket_subscribers_total untyped")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void unknownRouteIsAJsonNotFound() {
        TestBackend.Reply r = backend.get("/no/such/route");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("error").asText()).isEqualTo("not_found");
        assertThat(r.json().path("message").asText()).contains("/no/such/route");
        assertThat(r.json().has("details")).isTrue();
    }

    @Test
    void wrongMethodIsAJson405() {
        TestBackend.Reply r = backend.post("/health", "{}");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.json().path("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void statsRollsUpTheBackend() {
        TestBackend.Reply r = backend.get("/stats");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("schema_version").asText()).isNotEqualTo("none");
        assertThat(r.json().path("store").asText()).startsWith(store == Store.H2 ? "H2" : "PostgreSQL");
    }
}
