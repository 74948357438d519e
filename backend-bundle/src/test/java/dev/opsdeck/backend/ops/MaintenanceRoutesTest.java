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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(Store.class)
class MaintenanceRoutesTest {
    private static final Logger log = LoggerFactory.getLogger("dev.opsdeck.backend.ops.MaintenanceRoutesTest");

    @Parameter
    Store store;

    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) throws Exception {
        backend = TestBackend.start(store);
        OpsTestData.seed(backend, "w-clean", 30, 20);
        // A history table another domain might add later: discovered at run time, only resolved rows age out.
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE alert_incident_history (id BIGINT PRIMARY KEY, rule_name VARCHAR(64), fired_at TIMESTAMP WITH TIME ZONE, "
                    + "resolved_at TIMESTAMP WITH TIME ZONE)");
            st.execute("INSERT INTO alert_incident_history VALUES (1, 'GpuHot', CURRENT_TIMESTAMP - INTERVAL '80' DAY, CURRENT_TIMESTAMP - INTERVAL '79' DAY)");
            st.execute("INSERT INTO alert_incident_history VALUES (2, 'GpuHot', CURRENT_TIMESTAMP - INTERVAL '80' DAY, NULL)");
            st.execute("INSERT INTO alert_incident_history VALUES (3, 'GpuHot', CURRENT_TIMESTAMP - INTERVAL '1' DAY, CURRENT_TIMESTAMP)");
            // Expiring items (the relay guide's sessions/challenges cleanup): gone once expired, whatever the days.
            st.execute("CREATE TABLE auth_challenges (id BIGINT PRIMARY KEY, expires_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            st.execute("INSERT INTO auth_challenges VALUES (1, CURRENT_TIMESTAMP - INTERVAL '1' HOUR), (2, CURRENT_TIMESTAMP - INTERVAL '2' HOUR), "
                    + "(3, CURRENT_TIMESTAMP + INTERVAL '1' HOUR)");
            // A log table without a primary key: batches delete by the store's row id.
            st.execute("CREATE TABLE job_logs (job_id VARCHAR(64), logged_at TIMESTAMP WITH TIME ZONE, line TEXT)");
            st.execute("INSERT INTO job_logs VALUES ('j1', CURRENT_TIMESTAMP - INTERVAL '40' DAY, 'a'), ('j1', CURRENT_TIMESTAMP - INTERVAL '40' DAY, 'a'), "
                    + "('j2', CURRENT_TIMESTAMP - INTERVAL '31' DAY, 'b'), ('j3', CURRENT_TIMESTAMP, 'c')");
        }
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    @Test
    void dryRunPreviewsExactlyWhatTheRealRunThenDeletes() throws Exception {
        WsRecorder ws = WsRecorder.open(backend, "ops");
        try {
            TestBackend.Reply dry = backend.admin("POST", "/admin/maintenance/cleanup", "{\"days\":30,\"dry_run\":true}");
            assertThat(dry.status()).as(dry.body()).isEqualTo(200);
            assertThat(dry.json().path("dry_run").asBoolean()).isTrue();
            assertThat(rows(dry.json(), "heartbeats")).isEqualTo(20);
            assertThat(rows(dry.json(), "gpu_metrics_history")).isEqualTo(20);
            assertThat(rows(dry.json(), "alert_incident_history")).isEqualTo(1);
            assertThat(rows(dry.json(), "auth_challenges")).isEqualTo(2);
            assertThat(rows(dry.json(), "job_logs")).isEqualTo(3);
            assertThat(dry.json().path("tables").toString()).doesNotContain("audit_log").doesNotContain("\"workers\"");
            assertThat(OpsTestData.count(backend, "SELECT COUNT(*) FROM heartbeats")).isEqualTo(50);

            TestBackend.Reply real = backend.post("/admin/maintenance/cleanup", "{\"days\":30,\"dry_run\":false}",
                    "X-Admin-Key", TestBackend.ADMIN_KEY, "Idempotency-Key", "cleanup-" + store);
            assertThat(real.status()).as(real.body()).isEqualTo(200);
            assertThat(real.json().path("dry_run").asBoolean()).isFalse();
            for (JsonNode t : dry.json().path("tables")) {
                assertThat(rows(real.json(), t.path("table").asText())).as(t.path("table").asText()).isEqualTo(t.path("rows").asLong());
            }
            assertThat(real.json().path("total").asLong()).isEqualTo(dry.json().path("total").asLong());
            assertThat(OpsTestData.count(backend, "SELECT COUNT(*) FROM heartbeats")).isEqualTo(30);
            assertThat(OpsTestData.count(backend, "SELECT COUNT(*) FROM gpu_metrics_history")).isEqualTo(30);
            assertThat(OpsTestData.count(backend, "SELECT COUNT(*) FROM alert_incident_history")).isEqualTo(2);
            assertThat(OpsTestData.count(backend, "SELECT COUNT(*) FROM workers")).isEqualTo(1);
            assertThat(OpsTestData.count(backend, "SELECT COUNT(*) FROM auth_challenges")).isEqualTo(1);
            assertThat(OpsTestData.count(backend, "SELECT COUNT(*) FROM job_logs")).isEqualTo(1);
            ws.await(e -> "cleanup.progress".equals(e.path("type").asText()) && "heartbeats".equals(e.path("data").path("table").asText()), 5);
            ws.await(e -> "cleanup.completed".equals(e.path("type").asText()), 5);

            TestBackend.Reply replay = backend.post("/admin/maintenance/cleanup", "{\"days\":30,\"dry_run\":false}",
                    "X-Admin-Key", TestBackend.ADMIN_KEY, "Idempotency-Key", "cleanup-" + store);
            assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(replay.json().path("total").asLong()).isEqualTo(real.json().path("total").asLong());

            TestBackend.Reply again = backend.admin("POST", "/admin/maintenance/cleanup", "{\"days\":30,\"dry_run\":false}");
            assertThat(again.json().path("total").asLong()).isZero();
            assertThat(OpsTestData.count(backend, "SELECT COUNT(*) FROM audit_log WHERE action = 'maintenance.cleanup'")).isGreaterThanOrEqualTo(3);
        } finally {
            ws.closeBlocking();
        }
    }

    @Test
    void badCleanupRequestsNameTheFieldAndDeleteNothing() throws Exception {
        long before = OpsTestData.count(backend, "SELECT COUNT(*) FROM heartbeats");
        assertField(backend.admin("POST", "/admin/maintenance/cleanup", "{\"dry_run\":false}"), "days");
        assertField(backend.admin("POST", "/admin/maintenance/cleanup", "{\"days\":0,\"dry_run\":false}"), "days");
        assertField(backend.admin("POST", "/admin/maintenance/cleanup", "{\"days\":\"thirty\",\"dry_run\":false}"), "days");
        assertField(backend.admin("POST", "/admin/maintenance/cleanup", "{\"days\":1,\"dry_run\":\"no\"}"), "dry_run");
        assertField(backend.admin("POST", "/admin/maintenance/cleanup", "{\"days\":1,\"tables\":[\"heartbeats\"]}"), "tables");
        assertThat(OpsTestData.count(backend, "SELECT COUNT(*) FROM heartbeats")).isEqualTo(before);
    }

    @Test
    void recentLogsFilterByLevelAndTextAndTailLive() throws Exception {
        WsRecorder ws = WsRecorder.open(backend, "logs");
        try {
            String marker = "marker-" + store + "-" + System.nanoTime();
            log.info("{} routine", marker);
            log.warn("{} disk almost full", marker);
            log.error("{} upstream gone", marker, new IllegalStateException("boom"));

            TestBackend.Reply warn = backend.admin("GET", "/admin/logs/recent?limit=50&level=warn&q=" + marker, null);
            assertThat(warn.status()).as(warn.body()).isEqualTo(200);
            JsonNode lines = warn.json().path("logs");
            assertThat(lines.size()).isEqualTo(2);
            assertThat(lines.get(0).path("level").asText()).isEqualTo("ERROR"); // newest first
            assertThat(lines.get(0).path("stack_trace").asText()).contains("boom");
            assertThat(lines.get(1).path("level").asText()).isEqualTo("WARN");

            TestBackend.Reply all = backend.admin("GET", "/admin/logs/recent?q=" + marker, null);
            assertThat(all.json().path("logs").size()).isEqualTo(3);
            TestBackend.Reply errors = backend.admin("GET", "/admin/logs/recent?level=error&q=" + marker, null);
            assertThat(errors.json().path("logs").size()).isEqualTo(1);
            // Lines from before the module attached (migrations at start) come from the JSON log file.
            TestBackend.Reply seeded = backend.admin("GET", "/admin/logs/recent?q=applied", null);
            assertThat(seeded.json().path("logs").size()).isPositive();

            ws.await(e -> "log".equals(e.path("type").asText()) && e.path("data").path("message").asText().contains(marker + " upstream gone"), 5);

            assertField(backend.admin("GET", "/admin/logs/recent?level=loud", null), "level");
            assertField(backend.admin("GET", "/admin/logs/recent?limit=0", null), "limit");
            assertField(backend.admin("GET", "/admin/logs/recent?limit=ten", null), "limit");
        } finally {
            ws.closeBlocking();
        }
    }

    private static long rows(JsonNode result, String table) {
        for (JsonNode t : result.path("tables")) {
            if (table.equals(t.path("table").asText())) {
                return t.path("rows").asLong();
            }
        }
        throw new AssertionError("no " + table + " in " + result);
    }

    private static void assertField(TestBackend.Reply r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("details").path("field").asText()).as(r.body()).isEqualTo(field);
    }
}
