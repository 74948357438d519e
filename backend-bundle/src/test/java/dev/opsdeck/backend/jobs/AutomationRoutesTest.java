package dev.opsdeck.backend.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(Store.class)
class AutomationRoutesTest {
    @Parameter
    Store store;

    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        backend = TestBackend.start(store, Map.of("AUTOMATION_POLL_MS", "100", "VTXO_AUTO_START", "false"));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    static JsonNode task(String name) {
        for (JsonNode t : backend.admin("GET", "/admin/automation/tasks", null).json().path("tasks")) {
            if (t.path("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no task " + name);
    }

    @Test
    void tasksShowTheirNextRunAndRunWhenItIsMovedToNow() throws Exception {
        JsonNode before = task("vtxo-expired-cleanup");
        assertThat(before.path("interval_seconds").asLong()).isEqualTo(600);
        Instant next = Instant.parse(before.path("next_run").asText());
        assertThat(next).isAfter(Instant.now().plusSeconds(60));
        long runs = before.path("run_count").asLong();

        TestBackend.Reply r = backend.admin("PUT", "/admin/automation/tasks/vtxo-expired-cleanup",
                "{\"next_run\":\"" + Instant.now().toString() + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        long deadline = System.currentTimeMillis() + 10_000;
        JsonNode after = task("vtxo-expired-cleanup");
        while (after.path("run_count").asLong() == runs && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            after = task("vtxo-expired-cleanup");
        }
        assertThat(after.path("run_count").asLong()).isEqualTo(runs + 1);
        assertThat(after.path("last_status").asText()).isEqualTo("ok");
        assertThat(after.path("last_result").asText()).startsWith("removed");
        Thread.sleep(300); // the completion handler reschedules right after the run is recorded
        Instant rescheduled = Instant.parse(task("vtxo-expired-cleanup").path("next_run").asText());
        assertThat(rescheduled).isAfter(Instant.now().plusSeconds(500));
        assertThat(backend.get("/metrics").body()).contains("function_execution_duration_seconds_count{function=\"vtxo-expired-cleanup\"}");
    }

    @Test
    void changingTheIntervalMovesTheNextRun() {
        TestBackend.Reply r = backend.admin("PUT", "/admin/automation/tasks/job-retention", "{\"interval_seconds\":7200}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("interval_seconds").asLong()).isEqualTo(7200);
        Instant next = Instant.parse(r.json().path("next_run").asText());
        assertThat(Duration.between(Instant.now(), next).toMinutes()).isBetween(110L, 121L);
    }

    @Test
    void badChangesAreA400NamingTheField() {
        assertThat(backend.admin("PUT", "/admin/automation/tasks/job-retention", "{\"interval_seconds\":0}").json()
                .path("details").path("field").asText()).isEqualTo("interval_seconds");
        assertThat(backend.admin("PUT", "/admin/automation/tasks/job-retention", "{\"next_run\":\"tomorrow\"}").json()
                .path("details").path("field").asText()).isEqualTo("next_run");
        assertThat(backend.admin("PUT", "/admin/automation/tasks/nope", "{\"enabled\":false}").status()).isEqualTo(404);
        assertThat(backend.get("/admin/automation/tasks").status()).isEqualTo(401);
    }
}
