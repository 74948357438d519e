package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.api.Backend;
import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.RunningBackend;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two coordinators on one PostgreSQL: a worker that registered at one is known to the other. */
class SharedDatabaseTest {
    @TempDir
    Path secondDataDir;

    @Test
    void aWorkerMovesBetweenCoordinators() {
        try (TestBackend first = TestBackend.start(Store.POSTGRESQL)) {
            String[] auth = {"Authorization", "Bearer " + TestBackend.API_TOKEN};
            assertThat(first.post("/api/worker/heartbeat", "{\"worker_id\":\"mover\",\"boot_id\":\"b1\"}", auth).status()).isEqualTo(200);
            RunningBackend second = Backend.start(BackendConfig.fromSettings(Map.of("OPSDECK_PORT", "0", "OPSDECK_DATA_DIR", secondDataDir.toString(),
                    "DATABASE_URL", first.jdbcUrl(), "OPSDECK_API_TOKENS", TestBackend.API_TOKEN, "OPSDECK_LOG_FILES", "false")));
            try {
                TestBackend.Reply hb = first.call(new okhttp3.Request.Builder().url(second.baseUrl() + "/api/worker/heartbeat")
                        .post(okhttp3.RequestBody.create("{\"worker_id\":\"mover\",\"boot_id\":\"b2\"}", okhttp3.MediaType.get("application/json"))), auth);
                assertThat(hb.status()).as(hb.body()).isEqualTo(200);
                assertThat(hb.json().path("joined").asBoolean()).isFalse();
                assertThat(hb.json().path("restart_detected").asBoolean()).isTrue();
                assertThat(first.get("/api/worker/status?worker=mover").json().path("restart_count").asInt()).isEqualTo(1);
            } finally {
                second.stop();
            }
        }
    }
}
