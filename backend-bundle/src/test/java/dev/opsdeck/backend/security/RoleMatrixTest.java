package dev.opsdeck.backend.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of the running backend's table x {no token, wrong token, viewer, worker, admin}. The table is read
 * from {@code GET /admin/routes} of the started server, so a route added by any domain is in the matrix.
 * Dashboards are token-only here (as in stage/prod), so every access level shows its difference.
 */
@ParameterizedClass
@EnumSource(Store.class)
class RoleMatrixTest {
    private static final MediaType JSON = MediaType.get("application/json");
    /** Auth runs before handlers; the unknown field makes any handler that is reached refuse instead of act. */
    private static final String PROBE_BODY = "{\"matrix_probe_unknown_field\": true}";
    private static final String INGEST_SECRET = "matrix-ingest-secret-0123456789abcdef";

    enum Caller { NONE, WRONG_TOKEN, WRONG_ADMIN_KEY, VIEWER, WORKER, ADMIN }

    @Parameter
    Store store;

    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        backend = TestBackend.start(store, Generous.limits(Map.of("DASHBOARD_PUBLIC", "false", "METRICS_INGEST_SECRET", INGEST_SECRET)));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    @Test
    void everyRouteAnswersEachCallerAsItsAccessAllows() {
        TestBackend.Reply table = backend.admin("GET", "/admin/routes", null);
        assertThat(table.status()).isEqualTo(200);
        JsonNode routes = table.json().path("routes");
        assertThat(routes.size()).as("route table").isGreaterThan(15);
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (JsonNode r : routes) {
            if (r.path("path").asText().startsWith("/admin/") && !r.path("access").asText().equals("admin")) {
                failures.add(r.path("method").asText() + " " + r.path("path").asText() + " is under /admin/ but declared "
                        + r.path("access").asText() + " (the relay guide: every /admin route needs the admin key)");
            }
            String method = r.path("method").asText();
            String path = r.path("path").asText().replaceAll("\\{[^}]+}|<[^>]+>", "matrix-probe");
            String access = r.path("access").asText();
            for (Caller caller : Caller.values()) {
                TestBackend.Reply reply = call(method, path, caller);
                calls++;
                String expected = expected(access, caller);
                String actual = classify(reply.status());
                if (!expected.equals(actual)) {
                    failures.add(method + " " + path + " [" + access + "] as " + caller + ": expected " + expected + ", got "
                            + reply.status() + " " + reply.body());
                }
                if (reply.status() == 401 || reply.status() == 403) {
                    JsonNode body = reply.json();
                    if (!body.path("error").isTextual() || body.path("message").asText().isBlank()) {
                        failures.add(method + " " + path + " as " + caller + ": " + reply.status() + " without a JSON reason");
                    }
                }
            }
        }
        assertThat(failures).as("role matrix over " + calls + " calls").isEmpty();
        assertThat(calls).isEqualTo(routes.size() * Caller.values().length);
    }

    @Test
    void theTableCoversTheSecurityEndpointsWithTheirAccess() {
        JsonNode routes = backend.admin("GET", "/admin/routes", null).json().path("routes");
        List<String> rows = new ArrayList<>();
        routes.forEach(r -> rows.add(r.path("method").asText() + " " + r.path("path").asText() + " " + r.path("access").asText()));
        assertThat(rows).contains("GET /admin/audit admin", "GET /admin/audit/verify admin", "GET /admin/secrets admin",
                "PUT /admin/secrets/{name} admin", "GET /health public", "GET /api/auth/whoami public", "GET /stats dashboard", "GET /openapi.json dashboard");
    }

    private static String expected(String access, Caller caller) {
        switch (access) {
            case "public":
                return "allowed";
            case "dashboard":
                if (caller == Caller.VIEWER || caller == Caller.ADMIN) {
                    return "allowed";
                }
                return caller == Caller.WORKER ? "403" : "401";
            case "worker":
                if (caller == Caller.WORKER || caller == Caller.ADMIN) {
                    return "allowed";
                }
                return caller == Caller.VIEWER ? "403" : "401";
            case "admin":
                if (caller == Caller.ADMIN) {
                    return "allowed";
                }
                return caller == Caller.VIEWER || caller == Caller.WORKER ? "403" : "401";
            default:
                throw new AssertionError("unknown access " + access);
        }
    }

    /** Anything but 401/403 means authorisation let the call through; a 5xx is a failure of its own. */
    private static String classify(int status) {
        if (status == 401 || status == 403) {
            return Integer.toString(status);
        }
        return status >= 500 ? "server error " + status : "allowed";
    }

    private static TestBackend.Reply call(String method, String path, Caller caller) {
        Request.Builder b = new Request.Builder().url(backend.url(path));
        boolean hasBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        b.method(method, hasBody ? RequestBody.create(PROBE_BODY, JSON) : null);
        b.header("X-Metrics-Ingest-Secret", INGEST_SECRET);
        switch (caller) {
            case NONE:
                break;
            case WRONG_TOKEN:
                b.header("Authorization", "Bearer not-a-configured-token-0123456789");
                break;
            case WRONG_ADMIN_KEY:
                b.header("X-Admin-Key", "not-the-admin-key-0123456789abcdef");
                break;
            case VIEWER:
                b.header("Authorization", "Bearer " + TestBackend.VIEWER_TOKEN);
                break;
            case WORKER:
                b.header("Authorization", "Bearer " + TestBackend.API_TOKEN);
                break;
            case ADMIN:
                b.header("X-Admin-Key", TestBackend.ADMIN_KEY);
                break;
            default:
                throw new AssertionError(caller);
        }
        return backend.call(b);
    }
}
