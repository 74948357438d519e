package dev.opsdeck.backend.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.api.ConfigException;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The encrypted secrets store over HTTP: round trip, versions, listing without values, admin only, key rotation. */
@ParameterizedClass
@EnumSource(Store.class)
class SecretsTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String KEY_B64 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String NEW_KEY_HEX = "00112233445566778899aabbccddeeff";

    @Parameter
    Store store;

    private Map<String, String> settings(String key) {
        return Generous.limits(Map.of("SECRET_ENCRYPTION_KEY", key));
    }

    @Test
    void valuesRoundTripWithVersionsAndNeverAppearInListingsOrAtRest() throws SQLException {
        try (TestBackend b = TestBackend.start(store, settings(KEY_B64))) {
            assertThat(put(b, "starknet_rpc_key", "rpc-value-1").json().path("version").asInt()).isEqualTo(1);
            assertThat(put(b, "starknet_rpc_key", "rpc-value-2 ünïcødé").json().path("version").asInt()).isEqualTo(2);
            put(b, "alert.webhook-secret", "hook-value");

            JsonNode revealed = b.admin("GET", "/admin/secrets/starknet_rpc_key", null).json();
            assertThat(revealed.path("value").asText()).isEqualTo("rpc-value-2 ünïcødé");
            assertThat(revealed.path("version").asInt()).isEqualTo(2);

            TestBackend.Reply list = b.admin("GET", "/admin/secrets", null);
            assertThat(list.body()).doesNotContain("rpc-value").doesNotContain("hook-value");
            assertThat(list.json().path("secrets").findValuesAsText("name")).containsExactly("alert.webhook-secret", "starknet_rpc_key");
            assertThat(b.admin("GET", "/admin/secrets/starknet_rpc_key/versions", null).json().path("versions").size()).isEqualTo(2);

            for (String[] who : new String[][]{{"Authorization", "Bearer " + TestBackend.VIEWER_TOKEN}, {"Authorization", "Bearer " + TestBackend.API_TOKEN}}) {
                assertThat(b.get("/admin/secrets/starknet_rpc_key", who).status()).isEqualTo(403);
            }
            assertThat(b.get("/admin/secrets").status()).isEqualTo(401);

            try (Connection c = DriverManager.getConnection(b.jdbcUrl()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT ciphertext FROM secrets")) {
                while (rs.next()) {
                    String atRest = new String(Base64.getDecoder().decode(rs.getString(1)));
                    assertThat(atRest).doesNotContain("rpc-value").doesNotContain("hook-value");
                }
            }
            // What a domain reads through BackendContext.secrets(): the same store, opened as another coordinator would.
            try (var db = dev.opsdeck.backend.platform.store.Database.open(b.jdbcUrl(), 2)) {
                var config = dev.opsdeck.backend.api.BackendConfig.fromSettings(Map.of("SECRET_ENCRYPTION_KEY", KEY_B64));
                var other = dev.opsdeck.backend.security.secrets.SecretsService.open(config, b.dataDir(), db, java.time.Clock.systemUTC());
                assertThat(other.lookup("starknet_rpc_key")).contains("rpc-value-2 ünïcødé");
                assertThat(other.lookup("no_such_secret")).isEmpty();
            }
            assertThat(b.admin("DELETE", "/admin/secrets/alert.webhook-secret", null).status()).isEqualTo(200);
            assertThat(b.admin("GET", "/admin/secrets/alert.webhook-secret", null).status()).isEqualTo(404);
            JsonNode audit = b.admin("GET", "/admin/audit?action=secrets.*", null).json();
            assertThat(audit.path("entries").findValuesAsText("action")).contains("secrets.put", "secrets.reveal", "secrets.delete");
            assertThat(audit.toString()).doesNotContain("rpc-value").doesNotContain("hook-value");
        }
    }

    @Test
    void rotationReEncryptsEveryVersionAndTheOldKeyNoLongerStarts() throws SQLException {
        Map<String, String> first = new HashMap<>(settings(KEY_B64));
        TestBackend b = TestBackend.start(store, first);
        String dataDir = b.dataDir().toString();
        List<String> before;
        try {
            for (int i = 0; i < 4; i++) {
                put(b, "svc-" + i, "value-" + i + "-a");
                put(b, "svc-" + i, "value-" + i + "-b");
            }
            before = ciphertexts(b);
            TestBackend.Reply bad = b.admin("POST", "/admin/secrets/rotate-key", "{\"new_key\": \"too-short\"}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(ciphertexts(b)).isEqualTo(before);

            TestBackend.Reply rotated = b.admin("POST", "/admin/secrets/rotate-key", "{\"new_key\": \"" + NEW_KEY_HEX + "\"}");
            assertThat(rotated.status()).isEqualTo(200);
            assertThat(rotated.json().path("rotated_rows").asInt()).isEqualTo(8);
            List<String> after = ciphertexts(b);
            assertThat(after).hasSize(8);
            for (int i = 0; i < after.size(); i++) {
                assertThat(after.get(i)).isNotEqualTo(before.get(i));
            }
            for (int i = 0; i < 4; i++) {
                assertThat(b.admin("GET", "/admin/secrets/svc-" + i, null).json().path("value").asText()).isEqualTo("value-" + i + "-b");
            }
            assertThat(b.admin("GET", "/admin/audit?action=secrets.rotate_key", null).json().path("entries").size()).isEqualTo(1);
        } finally {
            stopKeepingStore(b);
        }
        // Restart on the same store: the old key is refused by name, the new one reads every value.
        Map<String, String> again = new HashMap<>(first);
        again.put("OPSDECK_DATA_DIR", dataDir);
        if (store == Store.POSTGRESQL) {
            again.put("DATABASE_URL", b.jdbcUrl());
        }
        assertThatThrownBy(() -> TestBackend.start(store, again).close()).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("SECRET_ENCRYPTION_KEY: stored secrets were encrypted with key");
        again.put("SECRET_ENCRYPTION_KEY", NEW_KEY_HEX);
        try (TestBackend restarted = TestBackend.start(store, again)) {
            assertThat(restarted.admin("GET", "/admin/secrets/svc-3", null).json().path("value").asText()).isEqualTo("value-3-b");
        } finally {
            dropLater.forEach(Runnable::run);
        }
    }

    @Test
    void badInputIsAJson4xxAndWritesNothing() {
        try (TestBackend b = TestBackend.start(store, settings(KEY_B64))) {
            Map<String, Long> before = Generous.rowCounts(b);
            for (String body : new String[]{"", "{", "[]", "{\"value\": 5}", "{\"value\": null}", "{\"other\": \"x\"}",
                    "{\"value\": \"" + "x".repeat(70_000) + "\"}"}) {
                TestBackend.Reply r = b.admin("PUT", "/admin/secrets/ok-name", body);
                assertThat(r.status()).as(body.length() > 50 ? body.substring(0, 50) : body).isBetween(400, 499);
                assertThat(r.json().path("error").asText()).isNotBlank();
            }
            TestBackend.Reply injected = b.admin("PUT", "/admin/secrets/x'%20OR%201=1--", "{\"value\": \"v\"}");
            assertThat(injected.status()).isEqualTo(400);
            assertThat(Generous.rowCounts(b)).isEqualTo(before);
        }
    }

    private final List<Runnable> dropLater = new ArrayList<>();

    /** Stops the backend but keeps its store (data dir / PostgreSQL database) for a restart, dropping it later. */
    private void stopKeepingStore(TestBackend b) {
        b.backend().stop();
        dropLater.add(b::close);
    }

    private static TestBackend.Reply put(TestBackend b, String name, String value) {
        TestBackend.Reply r = b.call(new Request.Builder().url(b.url("/admin/secrets/" + name))
                .put(RequestBody.create("{\"value\": \"" + value + "\"}", JSON)), "X-Admin-Key", TestBackend.ADMIN_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static List<String> ciphertexts(TestBackend b) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(b.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT ciphertext FROM secrets ORDER BY name, version")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
