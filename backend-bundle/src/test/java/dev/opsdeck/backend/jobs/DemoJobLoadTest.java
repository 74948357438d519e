package dev.opsdeck.backend.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo profile's job load runs jobs for the workers in the table, through the real worker endpoints. */
class DemoJobLoadTest {
    TestBackend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void demoFleetCompletesMostJobsFailsSomeAndRecordsPayouts() throws Exception {
        backend = TestBackend.start(Store.H2, Map.of("OPSDECK_PROFILE", "demo", "DEMO_JOB_TICK_MS", "100",
                "DEMO_JOB_DURATION_PERCENT", "5", "JOBS_METRICS_REFRESH_MS", "200"));
        Fleet fleet = new Fleet(backend.jdbcUrl());
        for (int i = 0; i < 2; i++) {
            fleet.worker("demo-gpu-" + i, 1, "RTX 4090");
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline
                && (fleet.count("SELECT COUNT(*) FROM jobs WHERE status = 'completed'") < 5
                || fleet.count("SELECT COUNT(*) FROM job_attempts WHERE outcome = 'failed'") < 1)) {
            Thread.sleep(200);
        }
        long done = fleet.count("SELECT COUNT(*) FROM jobs WHERE status = 'completed'");
        long failedAttempts = fleet.count("SELECT COUNT(*) FROM job_attempts WHERE outcome = 'failed'");
        assertThat(done).isGreaterThanOrEqualTo(5);
        assertThat(failedAttempts).isGreaterThanOrEqualTo(1);
        assertThat(done).as("most jobs complete").isGreaterThan(failedAttempts);
        assertThat(fleet.count("SELECT COUNT(DISTINCT job_type) FROM jobs")).isGreaterThanOrEqualTo(2);
        assertThat(fleet.count("SELECT COUNT(DISTINCT worker_id) FROM job_attempts")).isGreaterThanOrEqualTo(2);

        Thread.sleep(500);
        JsonNode payouts = backend.get("/api/workloads/payouts").json().path("workers");
        assertThat(payouts.size()).isGreaterThanOrEqualTo(1);
        assertThat(payouts.get(0).path("worker_id").asText()).startsWith("demo-");
        assertThat(backend.get("/vtxos/inventory/demo-asset").json().path("allocated").asLong()).isPositive();
        assertThat(backend.get("/metrics").body()).contains("jobs_failure_rate{job_type=");
    }
}
