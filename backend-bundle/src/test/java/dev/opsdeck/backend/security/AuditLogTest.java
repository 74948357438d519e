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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash-chained audit log on both stores: admin actions are recorded (by token name, never value), filtered
 * queries work, concurrent writers keep one chain, and tampering with one row is detected at exactly that row.
 */
@ParameterizedClass
@EnumSource(Store.class)
class AuditLogTest {
    private static final MediaType JSON = MediaType.get("application/json");

    @Parameter
    Store store;

    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        backend = TestBackend.start(store, Generous.limits(Map.of()));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    @Test
    void concurrentAdminActionsFormOneValidChainAndFiltersFindThem() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> puts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = "chain-" + i;
            puts.add(pool.submit(() -> backend.call(new Request.Builder().url(backend.url("/admin/secrets/" + name))
                    .put(RequestBody.create("{\"value\": \"v\"}", JSON)), "X-Admin-Key", TestBackend.ADMIN_KEY).status()));
        }
        for (Future<Integer> f : puts) {
            assertThat(f.get()).isEqualTo(200);
        }
        pool.shutdown();

        JsonNode verify = backend.admin("GET", "/admin/audit/verify", null).json();
        assertThat(verify.path("valid").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.path("checked").asLong()).isGreaterThanOrEqualTo(40);

        JsonNode page = backend.admin("GET", "/admin/audit?action=secrets.put&limit=10", null).json();
        assertThat(page.path("entries").size()).isEqualTo(10);
        JsonNode first = page.path("entries").get(0);
        assertThat(first.path("actor").asText()).startsWith("admin:").doesNotContain(TestBackend.ADMIN_KEY);
        assertThat(first.path("parameters").asText()).contains("secret_name");
        assertThat(first.path("source_ip").asText()).isEqualTo("127.0.0.1");
        long next = page.path("next_before_id").asLong();
        JsonNode older = backend.admin("GET", "/admin/audit?action=secrets.put&limit=10&before_id=" + next, null).json();
        assertThat(older.path("entries").get(0).path("id").asLong()).isLessThan(next);
        assertThat(backend.admin("GET", "/admin/audit?actor=nobody", null).json().path("count").asInt()).isZero();
        assertThat(backend.admin("GET", "/admin/audit?since=2999-01-01T00:00:00Z", null).json().path("count").asInt()).isZero();
        assertThat(backend.admin("GET", "/admin/audit?since=yesterday", null).status()).isEqualTo(400);
        assertThat(backend.admin("GET", "/admin/audit?limit=0", null).status()).isEqualTo(400);
        assertThat(backend.admin("GET", "/admin/audit?action=%25", null).json().path("count").asInt()).isZero();
    }

    @Test
    void tamperingWithOneRowIsDetectedAtExactlyThatRow() throws SQLException {
        for (int i = 0; i < 5; i++) {
            backend.call(new Request.Builder().url(backend.url("/admin/secrets/tamper-" + i))
                    .put(RequestBody.create("{\"value\": \"v\"}", JSON)), "X-Admin-Key", TestBackend.ADMIN_KEY);
        }
        assertThat(backend.admin("GET", "/admin/audit/verify", null).json().path("valid").asBoolean()).isTrue();
        long victim = backend.admin("GET", "/admin/audit?action=secrets.put&limit=3", null).json().path("entries").get(2).path("id").asLong();

        String original = single("SELECT result FROM audit_log WHERE id = " + victim);
        update("UPDATE audit_log SET result = ? WHERE id = " + victim, "failed: covered up");
        JsonNode edited = backend.admin("GET", "/admin/audit/verify", null).json();
        assertThat(edited.path("valid").asBoolean()).isFalse();
        assertThat(edited.path("first_broken_id").asLong()).isEqualTo(victim);
        assertThat(edited.path("reason").asText()).contains("content");

        // A forger who also recomputes the row's own hash breaks the link of the next row instead.
        update("UPDATE audit_log SET result = ? WHERE id = " + victim, original);
        assertThat(backend.admin("GET", "/admin/audit/verify", null).json().path("valid").asBoolean()).isTrue();
        String originalHash = single("SELECT entry_hash FROM audit_log WHERE id = " + victim);
        update("UPDATE audit_log SET entry_hash = ? WHERE id = " + victim, "f".repeat(64));
        JsonNode rehashed = backend.admin("GET", "/admin/audit/verify", null).json();
        assertThat(rehashed.path("first_broken_id").asLong()).isEqualTo(victim);
        String hash = single("SELECT entry_hash FROM audit_log WHERE id = " + (victim - 1));
        update("UPDATE audit_log SET entry_hash = ? WHERE id = " + victim,
                dev.opsdeck.backend.platform.audit.HashChainedAuditLog.hash(hash, victim,
                        java.time.Instant.EPOCH, "x", "x", "{}", "x", null));
        JsonNode relinked = backend.admin("GET", "/admin/audit/verify", null).json();
        assertThat(relinked.path("first_broken_id").asLong()).isEqualTo(victim);

        // Restored, the chain holds again (and the other tests of this backend see a clean log).
        update("UPDATE audit_log SET entry_hash = ? WHERE id = " + victim, originalHash);
        assertThat(backend.admin("GET", "/admin/audit/verify", null).json().path("valid").asBoolean()).isTrue();
    }

    private static String single(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl()); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void update(String sql, String value) throws SQLException {
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl()); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
