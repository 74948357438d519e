package dev.opsdeck.console.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.connection.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency keys per action, the JSON shapes of the ops endpoints, and the number formats. */
class OpsHelpersTest {
    @Test
    void aKeyStaysWithItsActionUntilAnswered() {
        AtomicInteger n = new AtomicInteger();
        ActionKeys keys = new ActionKeys(() -> "k" + n.incrementAndGet());
        assertThat(keys.key("verify bk_1")).isEqualTo("k1");
        assertThat(keys.key("verify bk_1")).isEqualTo("k1");
        assertThat(keys.key("verify bk_2")).isEqualTo("k2");
        keys.settle("verify bk_1", new ApiException(0, "timed out", ""));
        assertThat(keys.key("verify bk_1")).as("may have arrived: retry under the same key").isEqualTo("k1");
        keys.settle("verify bk_1", new ApiException(409, "busy", ""));
        assertThat(keys.key("verify bk_1")).isEqualTo("k3");
    }

    @Test
    void readsTheBackendsSnakeCaseShapes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Backup b = OpsJson.backup(json.readTree("{\"backup_id\":\"bk_1\",\"type\":\"full\",\"status\":\"completed\",\"store\":\"h2\","
                + "\"file_name\":\"bk_1-full.zip\",\"size_bytes\":1234,\"sha256\":\"ab\",\"error\":null,"
                + "\"created_at\":\"2026-11-23T10:00:00Z\",\"completed_at\":\"2026-11-23T10:00:03.5Z\"}"));
        assertThat(b).isEqualTo(new Backup("bk_1", "full", "completed", "h2", "bk_1-full.zip", 1234L, "ab", null,
                Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:00:03.5Z")));
        ServiceInfo s = OpsJson.service(json.readTree("{\"name\":\"arkd\",\"kind\":\"upstream\",\"state\":\"down\",\"latency_ms\":null,"
                + "\"last_error\":\"refused\",\"since\":\"2026-11-23T10:00:00Z\",\"actions\":[\"reconnect\",\"restart\"]}"));
        assertThat(s.latencyMs()).isNull();
        assertThat(s.actions()).containsExactly("reconnect", "restart");
        CleanupResult c = OpsJson.cleanup(json.readTree("{\"days\":30,\"dry_run\":true,\"total\":3,"
                + "\"tables\":[{\"table\":\"heartbeats\",\"rule\":\"worker heartbeats\",\"column\":\"heartbeat_time\",\"rows\":3}]}"));
        assertThat(c.tables()).containsExactly(new CleanupCount("heartbeats", "worker heartbeats", 3));
    }

    @Test
    void sizesAndAgesReadAtAGlance() {
        assertThat(OpsText.bytes(null)).isEqualTo("\u2014");
        assertThat(OpsText.bytes(512L)).isEqualTo("512 B");
        assertThat(OpsText.bytes(1536L)).isEqualTo("1.5 KiB");
        assertThat(OpsText.bytes(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        assertThat(OpsText.age(now.minusSeconds(42), now)).isEqualTo("42 s");
        assertThat(OpsText.age(now.minusSeconds(600), now)).isEqualTo("10 min");
        assertThat(OpsText.age(now.minusSeconds(3 * 86400), now)).isEqualTo("3 d");
    }
}
