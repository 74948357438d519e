package dev.opsdeck.backend.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(Store.class)
class BackupRoutesTest {
    @Parameter
    Store store;

    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) throws Exception {
        backend = TestBackend.start(store);
        OpsTestData.seed(backend, "w-backup", 40, 10);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    @Test
    void fullBackupIsCreatedInTheBackgroundAndVerifiesTableByTable() throws Exception {
        TestBackend.Reply created = backend.admin("POST", "/admin/backup/create", "{\"type\":\"full\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        String id = created.json().path("backup_id").asText();
        assertThat(created.json().path("status").asText()).isEqualTo("running");

        JsonNode done = OpsTestData.awaitBackup(backend, id);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("store").asText()).isEqualTo(store == Store.H2 ? "h2" : "postgresql");
        assertThat(done.path("size_bytes").asLong()).isPositive();
        assertThat(done.path("sha256").asText()).hasSize(64);
        assertThat(done.path("schema_version").asText()).isNotBlank().isNotEqualTo("none");
        assertThat(done.path("duration_ms").isNumber()).isTrue();
        assertThat(OpsTestData.table(done.path("tables"), "heartbeats").path("rows").asLong()).isEqualTo(50);
        assertThat(OpsTestData.table(done.path("tables"), "workers").path("rows").asLong()).isEqualTo(1);

        TestBackend.Reply verified = backend.admin("POST", "/admin/backups/" + id + "/verify", "");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        JsonNode report = verified.json();
        assertThat(report.path("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("file_checksum_ok").asBoolean()).isTrue();
        JsonNode hb = OpsTestData.table(report.path("tables"), "heartbeats");
        assertThat(hb.path("status").asText()).isEqualTo("ok");
        assertThat(hb.path("actual_rows").asLong()).isEqualTo(50);
        assertThat(hb.path("actual_checksum").asText()).isEqualTo(hb.path("expected_checksum").asText());
        for (JsonNode t : report.path("tables")) {
            assertThat(t.path("status").asText()).as(t.toString()).isEqualTo("ok");
        }
        TestBackend.Reply cmd = backend.admin("GET", "/admin/backups/" + id + "/restore-command", null);
        assertThat(cmd.json().path("command").asText()).startsWith("opsdeck restore --backup ").contains(done.path("file_name").asText());
    }

    @Test
    void schemaBackupHoldsTheStructureAndVerifies() throws Exception {
        TestBackend.Reply created = backend.admin("POST", "/admin/backup/create", "{\"type\":\"schema\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        JsonNode done = OpsTestData.awaitBackup(backend, created.json().path("backup_id").asText());
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("type").asText()).isEqualTo("schema");
        assertThat(done.path("file_name").asText()).endsWith(".sql");
        JsonNode hb = OpsTestData.table(done.path("tables"), "heartbeats");
        assertThat(hb.path("rows").isNull()).isTrue();
        assertThat(hb.path("columns").asText()).isNotBlank();

        TestBackend.Reply verified = backend.admin("POST", "/admin/backups/" + done.path("backup_id").asText() + "/verify", "");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("ok").asBoolean()).as(verified.body()).isTrue();
        assertThat(verified.json().path("tables").size()).isEqualTo(done.path("tables").size());
    }

    @Test
    void downloadGivesTheFileWithTheRecordedChecksumAndDeleteRemovesIt() throws Exception {
        String id = backend.admin("POST", "/admin/backup/create", "{\"type\":\"schema\"}").json().path("backup_id").asText();
        JsonNode done = OpsTestData.awaitBackup(backend, id);
        Request req = new Request.Builder().url(backend.url("/admin/backups/" + id + "/download"))
                .header("X-Admin-Key", TestBackend.ADMIN_KEY).get().build();
        try (Response r = backend.http().newCall(req).execute()) {
            assertThat(r.code()).isEqualTo(200);
            byte[] bytes = r.body().bytes();
            assertThat(bytes.length).isEqualTo(done.path("size_bytes").asInt());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).isEqualTo(done.path("sha256").asText());
        }
        TestBackend.Reply del = backend.admin("DELETE", "/admin/backups/" + id, null);
        assertThat(del.status()).as(del.body()).isEqualTo(200);
        assertThat(backend.admin("GET", "/admin/backups/" + id, null).status()).isEqualTo(404);
        assertThat(backend.dataDir().resolve("backups").resolve(done.path("file_name").asText())).doesNotExist();
    }

    @Test
    void aRepeatedCreateWithTheSameIdempotencyKeyStartsOneBackup() throws Exception {
        String key = "bk-" + store + "-" + System.nanoTime();
        TestBackend.Reply first = backend.post("/admin/backup/create", "{\"type\":\"schema\"}", "X-Admin-Key", TestBackend.ADMIN_KEY, "Idempotency-Key", key);
        int before = backend.admin("GET", "/admin/backups", null).json().path("backups").size();
        TestBackend.Reply second = backend.post("/admin/backup/create", "{\"type\":\"schema\"}", "X-Admin-Key", TestBackend.ADMIN_KEY, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().path("backup_id").asText()).isEqualTo(first.json().path("backup_id").asText());
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(backend.admin("GET", "/admin/backups", null).json().path("backups").size()).isEqualTo(before);

        TestBackend.Reply other = backend.post("/admin/backup/create", "{\"type\":\"full\"}", "X-Admin-Key", TestBackend.ADMIN_KEY, "Idempotency-Key", key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("error").asText()).isEqualTo("idempotency_key_reused");
        OpsTestData.awaitBackup(backend, first.json().path("backup_id").asText());
    }

    @Test
    void badRequestsNameTheFieldAndCreateNothing() {
        int before = backend.admin("GET", "/admin/backups", null).json().path("backups").size();
        TestBackend.Reply wrongType = backend.admin("POST", "/admin/backup/create", "{\"type\":\"incremental\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("details").path("field").asText()).isEqualTo("type");
        TestBackend.Reply missing = backend.admin("POST", "/admin/backup/create", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("details").path("field").asText()).isEqualTo("type");
        TestBackend.Reply unknown = backend.admin("POST", "/admin/backup/create", "{\"type\":\"full\",\"compress\":true}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("details").path("field").asText()).isEqualTo("compress");
        TestBackend.Reply schedule = backend.admin("PUT", "/admin/backup/schedule", "{\"enabled\":true,\"interval_hours\":0}");
        assertThat(schedule.status()).isEqualTo(400);
        assertThat(schedule.json().path("details").path("field").asText()).isEqualTo("interval_hours");
        assertThat(backend.admin("GET", "/admin/backups", null).json().path("backups").size()).isEqualTo(before);
        assertThat(backend.admin("GET", "/admin/backups/nope", null).status()).isEqualTo(404);
        assertThat(backend.post("/admin/backup/create", "{\"type\":\"full\"}").status()).isEqualTo(401);
    }
}
