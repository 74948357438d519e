package dev.opsdeck.backend.ops;

import com.fasterxml.jackson.databind.JsonNode;
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

/** Demo profile: arkd/tapd/lnd are chaos upstreams on loopback, probed with the gRPC health protocol. */
@ParameterizedClass
@EnumSource(Store.class)
class ServiceRoutesTest {
    @Parameter
    Store store;

    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        backend = TestBackend.start(store, Map.of("OPSDECK_PROFILE", "demo"));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    @Test
    void reconnectBringsBackAnUpstreamThatWasDownAndIsBack() throws Exception {
        WsRecorder ws = WsRecorder.open(backend, "ops");
        try {
            JsonNode up = reconnect("arkd", false);
            assertThat(up.path("status").path("state").asText()).as(up.toString()).isEqualTo("up");
            assertThat(up.path("status").path("details").path("probe").asText()).isEqualTo("grpc-health (h2c)");
            assertThat(up.path("status").path("details").path("detail").asText()).isEqualTo("SERVING");

            chaos("arkd", "down");
            JsonNode down = reconnect("arkd", false);
            assertThat(down.path("status").path("state").asText()).isEqualTo("down");
            assertThat(down.path("status").path("last_error").asText()).containsIgnoringCase("refused");
            ws.await(e -> "service.state".equals(e.path("type").asText()) && "down".equals(e.path("data").path("state").asText())
                    && "arkd".equals(e.path("data").path("service").asText()), 5);

            chaos("arkd", "recover");
            JsonNode back = reconnect("arkd", true); // the relay guide's GET /grpc/reconnect/{service}
            assertThat(back.path("previous_state").asText()).isEqualTo("down");
            assertThat(back.path("status").path("state").asText()).isEqualTo("up");
            assertThat(back.path("status").path("last_error").isNull()).isTrue();
            assertThat(OpsTestData.count(backend, "SELECT COUNT(*) FROM audit_log WHERE action = 'service.reconnect'")).isGreaterThanOrEqualTo(3);
        } finally {
            ws.closeBlocking();
        }
    }

    @Test
    void unhealthyAndSlowUpstreamsAreToldApartFromUnreachableOnes() {
        chaos("tapd", "fail");
        JsonNode failing = reconnect("tapd", false);
        assertThat(failing.path("status").path("state").asText()).isEqualTo("down");
        assertThat(failing.path("status").path("last_error").asText()).contains("TCP reachable").contains("NOT_SERVING");

        TestBackend.Reply lag = backend.admin("POST", "/admin/demo/chaos", "{\"service\":\"tapd\",\"mode\":\"lag\",\"lag_ms\":1200}");
        assertThat(lag.status()).as(lag.body()).isEqualTo(200);
        JsonNode slow = reconnect("tapd", false);
        assertThat(slow.path("status").path("state").asText()).isEqualTo("degraded");
        assertThat(slow.path("status").path("latency_ms").asDouble()).isGreaterThan(1000);
        chaos("tapd", "ok");
        assertThat(reconnect("tapd", false).path("status").path("state").asText()).isEqualTo("up");
    }

    @Test
    void statusListsTheDatabaseAndTheDaemonsAndStopStartRestartWork() {
        TestBackend.Reply status = backend.admin("GET", "/admin/services/status", null);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body()).contains("\"name\":\"database\"").contains("\"name\":\"arkd\"").contains("\"name\":\"lnd\"");
        for (JsonNode s : status.json()) {
            if (s.path("name").asText().equals("database")) {
                assertThat(s.path("state").asText()).isEqualTo("up");
                assertThat(s.path("details").path("pool_max").asInt()).isPositive();
            }
        }
        TestBackend.Reply stopped = backend.admin("POST", "/admin/services/lnd/stop", null);
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.json().path("status").path("state").asText()).isEqualTo("stopped");
        TestBackend.Reply started = backend.admin("POST", "/admin/services/lnd/start", null);
        assertThat(started.json().path("status").path("state").asText()).isEqualTo("up");
        TestBackend.Reply restarted = backend.admin("POST", "/admin/restart/service", "{\"service\":\"lnd\"}");
        assertThat(restarted.status()).as(restarted.body()).isEqualTo(200);
        assertThat(restarted.json().path("status").path("state").asText()).isEqualTo("up");
        TestBackend.Reply db = backend.admin("POST", "/admin/restart/service", "{\"service\":\"database\"}");
        assertThat(db.json().path("status").path("state").asText()).isEqualTo("up");

        assertThat(backend.admin("POST", "/admin/services/database/stop", null).status()).isEqualTo(409);
        assertThat(backend.admin("POST", "/admin/services/nope/reconnect", null).status()).isEqualTo(404);
        TestBackend.Reply blank = backend.admin("POST", "/admin/restart/service", "{\"service\":\"\"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().path("details").path("field").asText()).isEqualTo("service");
        TestBackend.Reply mode = backend.admin("POST", "/admin/demo/chaos", "{\"service\":\"arkd\",\"mode\":\"explode\"}");
        assertThat(mode.status()).isEqualTo(400);
        assertThat(mode.json().path("details").path("field").asText()).isEqualTo("mode");
    }

    private static void chaos(String service, String mode) {
        TestBackend.Reply r = backend.admin("POST", "/admin/demo/chaos", "{\"service\":\"" + service + "\",\"mode\":\"" + mode + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static JsonNode reconnect(String service, boolean guidePath) {
        TestBackend.Reply r = guidePath ? backend.admin("GET", "/grpc/reconnect/" + service, null)
                : backend.admin("POST", "/admin/services/" + service + "/reconnect", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
