package dev.opsdeck.backend.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.PgTestDatabase;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Two coordinators on one PostgreSQL database, with workers polling both at once for the same jobs. */
class TwoCoordinatorsTest {
    static final String[] API = {"Authorization", "Bearer " + TestBackend.API_TOKEN};
    static final int JOBS = 600;
    static final int WORKERS = 8;

    static PgTestDatabase pg;
    static TestBackend one;
    static TestBackend two;

    @BeforeAll
    static void start() {
        pg = PgTestDatabase.create();
        // Store.H2 only picks the temp data dir; DATABASE_URL points both backends at the same PostgreSQL database.
        Map<String, String> s = Map.of("DATABASE_URL", pg.jdbcUrl(), "AUTOMATION_POLL_MS", "100", "VTXO_AUTO_START", "false");
        one = TestBackend.start(Store.H2, s);
        two = TestBackend.start(Store.H2, s);
    }

    @AfterAll
    static void stop() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
        pg.close();
    }

    @Test
    void anAutomationRunHappensOnceAcrossCoordinators() throws Exception {
        Fleet db = new Fleet(pg.jdbcUrl());
        long before = db.count("SELECT run_count FROM automation_tasks WHERE name = 'inventory-replenish'");
        TestBackend.Reply r = one.admin("POST", "/admin/automation/tasks/inventory-replenish/run", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        long deadline = System.currentTimeMillis() + 10_000;
        while (db.count("SELECT run_count FROM automation_tasks WHERE name = 'inventory-replenish'") == before
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1_000); // both coordinators poll every 100 ms: a second run would show by now
        assertThat(db.count("SELECT run_count FROM automation_tasks WHERE name = 'inventory-replenish'")).isEqualTo(before + 1);
        String ran = one.get("/metrics").body() + two.get("/metrics").body();
        assertThat(ran).contains("automation_runs_total{function=\"inventory-replenish\",status=\"ok\"} 1.0");
        assertThat(ran.split("automation_runs_total\\{function=\"inventory-replenish\",status=\"ok\"} 1.0", -1)).hasSize(2);
    }

    @Test
    void competingCoordinatorsNeverAssignAJobTwice() throws Exception {
        Fleet fleet = new Fleet(pg.jdbcUrl());
        for (int w = 0; w < WORKERS; w++) {
            fleet.worker("race-" + w, 1, "A100");
        }
        for (int b = 0; b < JOBS / 200; b++) {
            StringBuilder sb = new StringBuilder("{\"jobs\":[");
            for (int i = 0; i < 200; i++) {
                sb.append(i == 0 ? "" : ",").append("{\"job_type\":\"race\",\"queue\":\"race\"}");
            }
            TestBackend.Reply r = (b % 2 == 0 ? one : two).post("/api/jobs/batch", sb.append("]}").toString(), API);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }

        Map<String, AtomicInteger> claims = new ConcurrentHashMap<>();
        AtomicInteger viaOne = new AtomicInteger();
        AtomicInteger viaTwo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            String worker = "race-" + w;
            // Each worker alternates between the coordinators, so both serve claims at the same moments.
            futures.add(pool.submit(() -> {
                int empty = 0;
                int round = 0;
                while (empty < 3) {
                    TestBackend b = (round++ % 2 == 0) ? one : two;
                    TestBackend.Reply r = b.post("/api/worker/jobs/claim",
                            "{\"worker_id\":\"" + worker + "\",\"queue\":\"race\",\"max_jobs\":5}", API);
                    JsonNode jobs = r.json().path("jobs");
                    if (jobs.isEmpty()) {
                        empty++;
                        continue;
                    }
                    empty = 0;
                    (b == one ? viaOne : viaTwo).addAndGet(jobs.size());
                    for (JsonNode j : jobs) {
                        claims.computeIfAbsent(j.path("job_id").asText(), k -> new AtomicInteger()).incrementAndGet();
                        TestBackend.Reply done = b.post("/api/worker/jobs/" + j.path("job_id").asText() + "/result",
                                "{\"worker_id\":\"" + worker + "\",\"lease_token\":\"" + j.path("lease_token").asText()
                                        + "\",\"status\":\"completed\"}", API);
                        assertThat(done.status()).as(done.body()).isEqualTo(200);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(claims).hasSize(JOBS);
        assertThat(claims.values()).allSatisfy(n -> assertThat(n.get()).as("claims of one job").isEqualTo(1));
        assertThat(viaOne.get()).as("jobs assigned by coordinator one").isPositive();
        assertThat(viaTwo.get()).as("jobs assigned by coordinator two").isPositive();
        assertThat(fleet.count("SELECT COUNT(*) FROM jobs WHERE queue = 'race' AND status = 'completed' AND attempts = 1")).isEqualTo(JOBS);
        assertThat(fleet.count("SELECT COUNT(*) FROM job_attempts WHERE job_type = 'race'")).isEqualTo(JOBS);
        assertThat(fleet.count("SELECT COUNT(DISTINCT coordinator) FROM job_attempts WHERE job_type = 'race'")).isEqualTo(2);
    }
}
