package dev.opsdeck.backend.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.platform.audit.HashChainedAuditLog;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The checkpoint witness: sign the audit head, publish it on the devnet, and find tampering afterwards. */
@ParameterizedClass
@EnumSource(Store.class)
class CheckpointWitnessTest {
    @Parameter
    Store store;
    private TestBackend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    private TestBackend demo() {
        return TestBackend.start(store, Map.of("OPSDECK_PROFILE", "demo", "DEVNET_BLOCK_MS", "100", "DEVNET_HISTORY_BLOCKS", "5",
                "INDEXER_POLL_MS", "50", "CHECKPOINT_INTERVAL_MS", "3600000"));
    }

    @Test
    void aModifiedAuditEntryIsFoundAndNamed() throws SQLException {
        backend = demo();
        for (int i = 1; i <= 4; i++) {
            assertThat(backend.admin("POST", "/admin/chain/devnet/blocks", "{\"count\":" + i + "}").status()).isEqualTo(200);
        }
        TestBackend.Reply cp = backend.admin("POST", "/admin/chain/checkpoint", null);
        assertThat(cp.status()).as(cp.body()).isEqualTo(200);
        assertThat(cp.json().path("chain_tx_hash").asText()).startsWith("0x");
        long checkpointed = cp.json().path("audit_entry_id").asLong();
        assertThat(checkpointed).isGreaterThanOrEqualTo(4);
        // The key lives in the data dir, created on first demo start.
        assertThat(Files.exists(backend.dataDir().resolve("keys/checkpoint-ed25519.seed"))).isTrue();

        DevnetFixture.waitFor(Duration.ofSeconds(20), () -> verify().path("published_on_chain").asBoolean());
        JsonNode ok = verify();
        assertThat(ok.path("valid").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.path("signature_valid").asBoolean()).isTrue();
        assertThat(ok.path("entries_checked").asLong()).isGreaterThanOrEqualTo(checkpointed);

        try (Connection c = DriverManager.getConnection(backend.jdbcUrl())) {
            String original;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT result FROM audit_log WHERE id = 2")) {
                rs.next();
                original = rs.getString(1);
            }
            update(c, "UPDATE audit_log SET result = 'ok: nothing happened' WHERE id = 2");
            JsonNode broken = verify();
            assertThat(broken.path("valid").asBoolean()).isFalse();
            assertThat(broken.path("broken_at").asLong()).isEqualTo(2);
            assertThat(broken.path("reason").asText()).contains("modified");

            update(c, "UPDATE audit_log SET result = '" + original + "' WHERE id = 2");
            assertThat(verify().path("valid").asBoolean()).isTrue();

            // A careful forger recomputes every hash after the edit: only the signed checkpoint can tell.
            rewriteFrom(c, 2, "ok: forged");
            JsonNode rewritten = verify();
            assertThat(rewritten.path("valid").asBoolean()).isFalse();
            assertThat(rewritten.path("broken_at").asLong()).isEqualTo(checkpointed);
            assertThat(rewritten.path("reason").asText()).contains("rewritten");

            update(c, "DELETE FROM audit_log WHERE id = 3");
            assertThat(verify().path("broken_at").asLong()).isEqualTo(3);
        }
    }

    @Test
    void withoutAKeyOutsideTheDemoTheWitnessIsOffAndSaysSo() {
        backend = TestBackend.start(store, Map.of());
        TestBackend.Reply r = backend.admin("POST", "/admin/chain/checkpoint", null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().path("error").asText()).isEqualTo("witness_disabled");
        assertThat(backend.get("/admin/chain/checkpoint/verify").status()).isEqualTo(401);
    }

    @Test
    void aConfiguredKeySignsButCannotPublishWithoutAChainAccount() {
        backend = TestBackend.start(store, Map.of("CHECKPOINT_SIGNING_KEY", "11".repeat(32)));
        backend.admin("POST", "/admin/chain/checkpoint", null); // the first call is itself audited
        TestBackend.Reply r = backend.admin("POST", "/admin/chain/checkpoint", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("publish_error").asText()).contains("publishing needs");
        assertThat(verify().path("valid").asBoolean()).isTrue();
        // The seed fixes the key: a restart with the same seed verifies the old checkpoints.
        assertThat(r.json().path("public_key").asText()).isEqualTo(
                dev.opsdeck.backend.chain.witness.CheckpointKeys.fromSeed("11".repeat(32)).publicKeyHex());
    }

    private JsonNode verify() {
        TestBackend.Reply r = backend.admin("GET", "/admin/chain/checkpoint/verify", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    /** Changes entry {@code id}'s result and recomputes its hash and every later link, as a forger would. */
    private static void rewriteFrom(Connection c, long id, String result) throws SQLException {
        update(c, "UPDATE audit_log SET result = '" + result + "' WHERE id = " + id);
        String prev;
        try (PreparedStatement ps = c.prepareStatement("SELECT entry_hash FROM audit_log WHERE id = ?")) {
            ps.setLong(1, id - 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                prev = rs.getString(1);
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT id, occurred_at, actor, action, parameters, result, source_ip FROM audit_log WHERE id >= " + id + " ORDER BY id");
             PreparedStatement up = c.prepareStatement("UPDATE audit_log SET prev_hash = ?, entry_hash = ? WHERE id = ?")) {
            while (rs.next()) {
                String h = HashChainedAuditLog.hash(prev, rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));
                up.setString(1, prev);
                up.setString(2, h);
                up.setLong(3, rs.getLong(1));
                up.executeUpdate();
                prev = h;
            }
        }
    }
}
