package dev.opsdeck.backend.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert routes on a real server, over H2 and PostgreSQL, with a real webhook receiver. */
@ParameterizedClass
@EnumSource(Store.class)
class AlertRoutesTest {
    @Parameter
    Store store;

    static TestBackend backend;
    static WebhookReceiver receiver;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        receiver = new WebhookReceiver();
        // A long interval: the tests drive evaluations through POST /admin/alerts/evaluate.
        backend = TestBackend.start(store, Map.of("OPSDECK_ALERT_WEBHOOK_URL", receiver.url().toString(),
                "ALERT_EVAL_INTERVAL_SECONDS", "3600"));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
        receiver.close();
    }

    private static TestBackend.Reply admin(String method, String path, String json) {
        return backend.admin(method, path, json);
    }

    private static JsonNode evaluate() {
        TestBackend.Reply r = admin("POST", "/admin/alerts/evaluate", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** A rule that fires on the first evaluation: the backend has served requests, so the counter is positive. */
    private static void createAlwaysFiring(String name, String severity) {
        TestBackend.Reply r = admin("POST", "/admin/alerts/rules", "{\"name\":\"" + name + "\",\"expr\":\"sum(dashboard_requests_total) > 0\","
                + "\"for\":\"0s\",\"severity\":\"" + severity + "\",\"summary\":\"requests were served\","
                + "\"runbook\":{\"title\":\"t\",\"steps\":[\"look\"],\"actions\":[{\"id\":\"cleanup\",\"label\":\"Clean\",\"method\":\"POST\",\"path\":\"/admin/maintenance/cleanup\"}]}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        backend.get("/health/live");
    }

    private static JsonNode alertNamed(String name) {
        for (JsonNode a : admin("GET", "/admin/alerts", null).json().path("firing")) {
            if (a.path("rule_name").asText().equals(name)) {
                return a;
            }
        }
        return null;
    }

    @Test
    void rulesListTheSeedsBuiltinsWithTheirExpressionsAndRunbooks() {
        TestBackend.Reply r = admin("GET", "/admin/alerts/rules", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("muted_count")).isTrue();
        Map<String, JsonNode> rules = new java.util.HashMap<>();
        r.json().path("rules").forEach(n -> rules.put(n.path("name").asText(), n));
        assertThat(rules).containsKeys("HighCPU", "HighMemory", "LowDisk", "ServiceDown", "HighJobFailureRate", "LowInventory",
                "HighAPILatency", "IndexerLagging", "NoActiveWorkers", "HighRateLimitUsage");
        assertThat(rules.get("HighAPILatency").path("promql").asText())
                .isEqualTo("histogram_quantile(0.99, rate(dashboard_request_duration_seconds_bucket[5m])) > 1");
        assertThat(rules.get("HighAPILatency").path("for").asText()).isEqualTo("5m");
        assertThat(rules.get("IndexerLagging").path("promql").asText()).isEqualTo("indexer_lag_seconds > 300");
        assertThat(rules.get("NoActiveWorkers").path("promql").asText()).isEqualTo("active_workers_total == 0");
        assertThat(rules.get("NoActiveWorkers").path("for").asText()).isEqualTo("10m");
        assertThat(rules.get("HighRateLimitUsage").path("promql").asText()).isEqualTo("rate_limiter_active_buckets > 1000");
        assertThat(rules.get("LowInventory").path("runbook").path("actions").findValuesAsText("id")).contains("replenish");
        assertThat(rules.get("ServiceDown").path("runbook").path("actions").findValuesAsText("id")).contains("reconnect");
        assertThat(rules.get("LowDisk").path("runbook").path("actions").findValuesAsText("id")).contains("cleanup");
        assertThat(rules.get("HighJobFailureRate").path("runbook").path("steps").get(0).asText()).contains("/admin/jobs/statistics");

        assertThat(backend.get("/admin/alerts/rules").status()).isEqualTo(401);
    }

    @Test
    void theExportedRuleFileIsAcceptedByPromtool() throws Exception {
        TestBackend.Reply r = admin("GET", "/admin/alerts/rules?format=prometheus", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/yaml");
        assertThat(r.body()).contains("expr: \"histogram_quantile(0.99, rate(dashboard_request_duration_seconds_bucket[5m])) > 1\"");
        java.nio.file.Path file = backend.dataDir().resolve("opsdeck-rules.yml");
        java.nio.file.Files.writeString(file, r.body());
        Promtool.Result check = Promtool.checkRules(file);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS");
        assertThat(admin("GET", "/admin/alerts/rules?format=xml", null).json().path("details").path("field").asText()).isEqualTo("format");
    }

    @Test
    void badRulesAreRefusedNamingTheFieldAndNothingIsWritten() {
        String[][] cases = {
                {"{\"name\":\"Bad1\",\"expr\":\"rate(x)\",\"threshold\":1,\"summary\":\"s\"}", "expr"},
                {"{\"name\":\"Bad2\",\"expr\":\"x\",\"summary\":\"s\"}", "threshold"},
                {"{\"name\":\"Bad3\",\"expr\":\"x > 1\",\"severity\":\"loud\",\"summary\":\"s\"}", "severity"},
                {"{\"name\":\"Bad4\",\"expr\":\"x > 1\",\"for\":\"5 minutes\",\"summary\":\"s\"}", "for"},
                {"{\"name\":\"Bad5\",\"expr\":\"x > 1\"}", "summary"},
                {"{\"name\":\"9bad\",\"expr\":\"x > 1\",\"summary\":\"s\"}", "name"},
                {"{\"name\":\"Bad6\",\"expr\":\"x > 1\",\"summary\":\"s\",\"consecutive\":0}", "consecutive"},
                {"{\"name\":\"Bad7\",\"expr\":\"x > 1\",\"summary\":\"s\",\"colour\":\"red\"}", "colour"},
                {"{\"name\":\"Bad8\",\"expr\":\"x > 1\",\"summary\":\"s\",\"threshold\":\"high\"}", "threshold"},
                {"{\"name\":\"Bad9\",\"expr\":\"x > 1\",\"summary\":\"s\",\"runbook\":{\"actions\":[{\"id\":\"go\",\"method\":\"DELETE\",\"path\":\"/x\"}]}}",
                        "runbook.actions[0].method"},
                {"{\"name\":\"Bad10\",\"expr\":\"rate(x[99999999999999y]) > 1\",\"summary\":\"s\"}", "expr"},
                {"{\"name\":\"Bad11\",\"expr\":\"rate(x[2h]) > 1\",\"summary\":\"s\"}", "expr"},
                {"{\"name\":\"Bad12\",\"expr\":\"x > 1\",\"for\":\"99999999999999999999s\",\"summary\":\"s\"}", "for"},
                {"{\"name\":\"Bad13\",\"expr\":\"x > 1\",\"summary\":\"s\",\"runbook\":{\"steps\":[\"ok\",null]}}", "runbook.steps[1]"},
                {"{\"name\":\"Bad14\",\"expr\":\"x > 1\",\"summary\":\"s\",\"runbook\":{\"actions\":[null]}}", "runbook.actions[0].id"},
        };
        for (String[] c : cases) {
            TestBackend.Reply r = admin("POST", "/admin/alerts/rules", c[0]);
            assertThat(r.status()).as(c[0] + " -> " + r.body()).isEqualTo(400);
            assertThat(r.json().path("details").path("field").asText()).as(r.body()).isEqualTo(c[1]);
        }
        assertThat(admin("GET", "/admin/alerts/rules", null).json().path("rules").findValuesAsText("name"))
                .noneMatch(n -> n.startsWith("Bad") || n.startsWith("9"));
        assertThat(admin("POST", "/admin/alerts/rules", "").status()).isEqualTo(400);
        assertThat(admin("POST", "/admin/alerts/rules/NoSuchRule/toggle", null).status()).isEqualTo(404);
    }

    @Test
    void createEditAndDuplicate() {
        TestBackend.Reply r = admin("POST", "/admin/alerts/rules",
                "{\"name\":\"QueueDeep\",\"expr\":\"jobs_pending_total > 500\",\"for\":\"2m\",\"consecutive\":3,\"severity\":\"info\",\"summary\":\"queue is deep\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("rule").path("expr").asText()).isEqualTo("jobs_pending_total");
        assertThat(r.json().path("rule").path("threshold").asDouble()).isEqualTo(500);
        assertThat(admin("POST", "/admin/alerts/rules", "{\"name\":\"QueueDeep\",\"expr\":\"x > 1\",\"summary\":\"s\"}").status()).isEqualTo(409);

        TestBackend.Reply edit = admin("PUT", "/admin/alerts/rules/QueueDeep",
                "{\"expr\":\"jobs_pending_total\",\"comparison\":\">=\",\"threshold\":1000,\"for\":\"5m\",\"severity\":\"warning\",\"summary\":\"queue is very deep\"}");
        assertThat(edit.status()).as(edit.body()).isEqualTo(200);
        JsonNode one = admin("GET", "/admin/alerts/rules/QueueDeep", null).json().path("rule");
        assertThat(one.path("promql").asText()).isEqualTo("jobs_pending_total >= 1000");
        assertThat(one.path("severity").asText()).isEqualTo("warning");
        assertThat(one.path("consecutive").asInt()).isEqualTo(1);
        assertThat(one.has("evaluations")).isTrue();
        TestBackend.Reply rename = admin("PUT", "/admin/alerts/rules/QueueDeep", "{\"name\":\"Other\",\"expr\":\"x > 1\",\"summary\":\"s\"}");
        assertThat(rename.json().path("details").path("field").asText()).isEqualTo("name");
        assertThat(admin("DELETE", "/admin/alerts/rules/HighCPU", null).status()).isEqualTo(409);
        assertThat(admin("DELETE", "/admin/alerts/rules/QueueDeep", null).status()).isEqualTo(200);
        assertThat(admin("GET", "/admin/alerts/rules/QueueDeep", null).status()).isEqualTo(404);
    }

    @Test
    void aFiringRuleNotifiesAndTogglingItOffResolvesItAndIsAudited() throws SQLException {
        createAlwaysFiring("ServedRequests", "info");
        JsonNode ev = evaluate();
        assertThat(ev.path("transitions").findValuesAsText("rule_name")).contains("ServedRequests");
        JsonNode alert = alertNamed("ServedRequests");
        assertThat(alert).isNotNull();
        assertThat(alert.path("runbook").path("actions").get(0).path("id").asText()).isEqualTo("cleanup");
        JsonNode hook = receiver.nextFor("ServedRequests");
        assertThat(hook.path("status").asText()).isEqualTo("firing");
        assertThat(hook.path("externalURL").asText()).isEqualTo(backend.backend().baseUrl().toString());

        TestBackend.Reply t = admin("POST", "/admin/alerts/rules/ServedRequests/toggle", null);
        assertThat(t.status()).as(t.body()).isEqualTo(200);
        assertThat(t.json().path("enabled").asBoolean()).isFalse();
        assertThat(t.json().path("resolved_alerts")).hasSize(1);
        assertThat(t.json().path("message").asText()).contains("1 firing alert(s) resolved");
        assertThat(alertNamed("ServedRequests")).isNull();
        assertThat(receiver.nextFor("ServedRequests").path("status").asText()).isEqualTo("resolved");
        evaluate();
        assertThat(alertNamed("ServedRequests")).isNull();
        assertThat(auditActions()).contains("alerts.rule.create", "alerts.rule.toggle", "alerts.evaluate");

        TestBackend.Reply on = admin("POST", "/admin/alerts/rules/ServedRequests/toggle", "{\"enabled\":true}");
        assertThat(on.json().path("enabled").asBoolean()).isTrue();
        assertThat(admin("POST", "/admin/alerts/rules/ServedRequests/toggle", "{\"enabled\":\"yes\"}").json()
                .path("details").path("field").asText()).isEqualTo("enabled");

        JsonNode hist = admin("GET", "/admin/alerts/history?rule=ServedRequests&severity=info", null).json();
        assertThat(hist.path("transitions").findValuesAsText("to_state")).contains("firing", "resolved");
        assertThat(hist.path("transitions").get(0).has("value")).isTrue();
        assertThat(admin("GET", "/admin/alerts/history?severity=loud", null).json().path("details").path("field").asText()).isEqualTo("severity");
        assertThat(admin("GET", "/admin/alerts/history?since=yesterday", null).json().path("details").path("field").asText()).isEqualTo("since");
        admin("POST", "/admin/alerts/rules/ServedRequests/toggle", "{\"enabled\":false}");
    }

    @Test
    void aSilencedAlertIsMutedCountedAndNotSentUntilTheSilenceEnds() {
        TestBackend.Reply s = admin("POST", "/admin/alerts/silences", "{\"matchers\":[{\"name\":\"alertname\",\"op\":\"=\",\"value\":\"QuietOne\"}],"
                + "\"duration\":\"2h\",\"reason\":\"deploy window\"}");
        assertThat(s.status()).as(s.body()).isEqualTo(201);
        long id = s.json().path("silence").path("id").asLong();
        assertThat(s.json().path("silence").path("matches_nothing").asBoolean()).isTrue();
        assertThat(admin("GET", "/admin/alerts/silences", null).json().path("matching_nothing").findValuesAsText("reason")).contains("deploy window");

        createAlwaysFiring("QuietOne", "warning");
        evaluate();
        JsonNode alert = alertNamed("QuietOne");
        assertThat(alert.path("muted").asBoolean()).isTrue();
        assertThat(admin("GET", "/admin/alerts", null).json().path("muted_count").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(backend.get("/monitoring/alerts").json().path("muted_count").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(admin("GET", "/admin/alerts/webhook", null).json().path("status").path("details").path("in_flight").asInt()).isZero();
        assertThat(receiver.receivedFor("QuietOne")).isEmpty();

        assertThat(admin("DELETE", "/admin/alerts/silences/" + id, null).status()).isEqualTo(200);
        evaluate();
        assertThat(receiver.nextFor("QuietOne").path("status").asText()).isEqualTo("firing");

        // Two clicks in the console: silence exactly this alert by its fingerprint.
        TestBackend.Reply byFp = admin("POST", "/admin/alerts/silences", "{\"fingerprint\":\"" + alert.path("fingerprint").asText()
                + "\",\"duration\":\"30m\",\"reason\":\"known\"}");
        assertThat(byFp.status()).as(byFp.body()).isEqualTo(201);
        assertThat(byFp.json().path("silence").path("matched_alerts").asInt()).isEqualTo(1);
        assertThat(byFp.json().path("silence").path("matchers").findValuesAsText("value")).contains("QuietOne", "warning");
        assertThat(alertNamed("QuietOne").path("muted").asBoolean()).isTrue();
        admin("POST", "/admin/alerts/rules/QuietOne/toggle", "{\"enabled\":false}");
    }

    @Test
    void silenceAndAckInputIsValidatedWithTheFieldNamed() {
        String[][] cases = {
                {"/admin/alerts/silences", "{\"matchers\":[],\"duration\":\"1h\",\"reason\":\"r\"}", "matchers"},
                {"/admin/alerts/silences", "{\"matchers\":[{\"name\":\"alertname\",\"op\":\"=~\",\"value\":\".*\"}],\"duration\":\"1h\",\"reason\":\"r\"}", "matchers"},
                {"/admin/alerts/silences", "{\"matchers\":[{\"name\":\"alertname\",\"op\":\"~\",\"value\":\"x\"}],\"duration\":\"1h\",\"reason\":\"r\"}", "matchers[0].op"},
                {"/admin/alerts/silences", "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"x\"}],\"duration\":\"30d\",\"reason\":\"r\"}", "duration"},
                {"/admin/alerts/silences", "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"x\"}],\"duration\":\"1h\"}", "reason"},
                {"/admin/alerts/acks", "{\"fingerprint\":\"zz\",\"duration\":\"1h\"}", "fingerprint"},
                {"/admin/alerts/acks", "{\"fingerprint\":\"0123456789abcdef\",\"duration\":\"1h\"}", "fingerprint"},
                {"/admin/alerts/acks", "{\"fingerprint\":\"0123456789abcdef\",\"duration\":\"forever\"}", "duration"},
        };
        for (String[] c : cases) {
            TestBackend.Reply r = admin("POST", c[0], c[1]);
            assertThat(r.status()).as(c[1] + " -> " + r.body()).isEqualTo(400);
            assertThat(r.json().path("details").path("field").asText()).as(r.body()).isEqualTo(c[2]);
        }
        assertThat(admin("DELETE", "/admin/alerts/silences/abc", null).json().path("details").path("field").asText()).isEqualTo("id");
        assertThat(admin("DELETE", "/admin/alerts/silences/999999", null).status()).isEqualTo(404);
        assertThat(admin("DELETE", "/admin/alerts/acks/999999", null).status()).isEqualTo(404);
        String[][] more = {
                {"/admin/alerts/silences", "{\"fingerprint\":\"0123456789abcdef\",\"duration\":\"1h\",\"reason\":\"r\"}", "fingerprint"},
                {"/admin/alerts/silences", "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"x\"}],\"duration\":\"1h\",\"reason\":\"r\",\"starts_at\":\"soon\"}", "starts_at"},
                {"/admin/alerts/acks", "{\"fingerprint\":\"0123456789abcdef\",\"clear_on_resolve\":\"maybe\"}", "clear_on_resolve"},
        };
        for (String[] c : more) {
            TestBackend.Reply r = admin("POST", c[0], c[1]);
            assertThat(r.status()).as(c[1] + " -> " + r.body()).isEqualTo(400);
            assertThat(r.json().path("details").path("field").asText()).as(r.body()).isEqualTo(c[2]);
        }
        assertThat(admin("GET", "/admin/alerts/history?limit=0", null).json().path("details").path("field").asText()).isEqualTo("limit");
    }

    @Test
    void anAcknowledgementHasAnOwnerAnExpiryCountdownAndMutes() {
        createAlwaysFiring("AckMe", "critical");
        evaluate();
        receiver.nextFor("AckMe");
        String fp = alertNamed("AckMe").path("fingerprint").asText();
        TestBackend.Reply a = admin("POST", "/admin/alerts/acks", "{\"fingerprint\":\"" + fp + "\",\"owner\":\"carol\",\"comment\":\"on it\","
                + "\"duration\":\"30m\",\"clear_on_resolve\":true}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().path("ack").path("expires_in_seconds").asLong()).isBetween(1790L, 1800L);
        JsonNode alert = alertNamed("AckMe");
        assertThat(alert.path("acknowledged_by").path("owner").asText()).isEqualTo("carol");
        assertThat(alert.path("muted").asBoolean()).isTrue();
        assertThat(admin("GET", "/admin/alerts/acks", null).json().path("acks").findValuesAsText("owner")).contains("carol");
        long id = a.json().path("ack").path("id").asLong();
        assertThat(admin("DELETE", "/admin/alerts/acks/" + id, null).json().path("ack").path("end_reason").asText()).isEqualTo("withdrawn");
        assertThat(alertNamed("AckMe").path("muted").asBoolean()).isFalse();
        admin("POST", "/admin/alerts/rules/AckMe/toggle", "{\"enabled\":false}");
    }

    @Test
    void systemMetricsAreSampledStoredAndExported() {
        TestBackend.Reply r = admin("GET", "/admin/metrics/system?hours=24", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("count").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode s = r.json().path("samples").get(0);
        assertThat(s.path("memory_percent").asDouble()).isBetween(0.0, 100.0);
        assertThat(s.path("disk_free_percent").asDouble()).isBetween(0.0, 100.0);
        assertThat(r.json().path("current").has("cpu_percent")).isTrue();
        assertThat(r.json().path("step_seconds").asLong()).isEqualTo(120); // 24 h in at most 720 points
        assertThat(admin("GET", "/admin/metrics/system?hours=0", null).json().path("details").path("field").asText()).isEqualTo("hours");
        assertThat(admin("GET", "/admin/metrics/system?step_seconds=1", null).json().path("details").path("field").asText()).isEqualTo("step_seconds");
        String metrics = backend.get("/metrics").body();
        assertThat(metrics).contains("system_memory_usage_percent ").contains("system_disk_free_percent ")
                .contains("service_up{service=\"alert-webhook\"} 1");
    }

    @Test
    void everyTransitionIsPushedOnTheAlertsTopic() throws Exception {
        java.util.concurrent.BlockingQueue<JsonNode> messages = new java.util.concurrent.LinkedBlockingQueue<>();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.net.URI uri = java.net.URI.create(backend.backend().baseUrl().toString().replace("http://", "ws://") + "/ws?topics=alerts");
        org.java_websocket.client.WebSocketClient ws = new org.java_websocket.client.WebSocketClient(uri) {
            @Override public void onOpen(org.java_websocket.handshake.ServerHandshake h) { }
            @Override public void onMessage(String m) {
                try {
                    messages.add(json.readTree(m));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            @Override public void onClose(int code, String reason, boolean remote) { }
            @Override public void onError(Exception e) { }
        };
        assertThat(ws.connectBlocking(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        try {
            createAlwaysFiring("Pushed", "info");
            evaluate();
            admin("POST", "/admin/alerts/rules/Pushed/toggle", "{\"enabled\":false}");
            List<String> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 5000;
            while (!(seen.contains("alert.firing") && seen.contains("alert.resolved")) && System.currentTimeMillis() < deadline) {
                JsonNode m = messages.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (m != null && m.path("topic").asText().equals("alerts") && "Pushed".equals(m.path("data").path("rule_name").asText(null))) {
                    seen.add(m.path("type").asText());
                    assertThat(m.path("data").has("value")).isTrue();
                }
            }
            assertThat(seen).contains("alert.firing", "alert.resolved");
        } finally {
            ws.closeBlocking();
        }
    }

    private static List<String> auditActions() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl());
             PreparedStatement ps = c.prepareStatement("SELECT action FROM audit_log WHERE action LIKE 'alerts.%'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
