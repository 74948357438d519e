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

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(Store.class)
class WorkloadRoutesTest {
    static final String[] API = {"Authorization", "Bearer " + TestBackend.API_TOKEN};

    @Parameter
    Store store;

    static TestBackend backend;
    static Fleet db;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        backend = TestBackend.start(store, Map.of("PAYMENTS_WORKLOAD_TIME_CREDIT_ETH_PER_MINUTE", "0.002"));
        db = new Fleet(backend.jdbcUrl());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    @Test
    void retriedRequestsPayExactlyOnce() throws Exception {
        String id = "wl-" + UUID.randomUUID();
        String worker = "payee-" + UUID.randomUUID().toString().substring(0, 6);
        String body = "{\"workload_id\":\"" + id + "\",\"worker_id\":\"" + worker + "\",\"duration_seconds\":120,"
                + "\"artifacts\":[\"recordings/a.mp4\"],\"payout_eth\":0.015}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<TestBackend.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> backend.post("/api/workloads", body, API));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<TestBackend.Reply> f : pool.invokeAll(calls)) {
            TestBackend.Reply r = f.get();
            statuses.add(r.status());
            assertThat(r.json().path("payout_eth").asText()).isEqualTo("0.015");
        }
        pool.shutdown();
        // A client that lost the answer retries once more, later.
        TestBackend.Reply late = backend.post("/api/workloads", body, API);
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.json().path("replayed").asBoolean()).isTrue();

        assertThat(statuses).containsOnly(200, 201);
        assertThat(statuses.stream().filter(s -> s == 201).count()).as("exactly one request created the payout").isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM payments WHERE workload_id = ?", id)).isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM workloads WHERE workload_id = ?", id)).isEqualTo(1);

        JsonNode totals = backend.get("/api/workloads/payouts").json().path("workers");
        JsonNode mine = null;
        for (JsonNode t : totals) {
            if (t.path("worker_id").asText().equals(worker)) {
                mine = t;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(new BigDecimal(mine.path("total_eth").asText())).isEqualByComparingTo("0.015");
        assertThat(mine.path("workloads").asLong()).isEqualTo(1);
        assertThat(new BigDecimal(mine.path("paid_eth").asText())).as("dry run by default: nothing paid for real").isEqualByComparingTo("0");
    }

    @Test
    void reusingAWorkloadIdForDifferentContentIsAConflict() {
        String id = "wl-" + UUID.randomUUID();
        assertThat(backend.post("/api/workloads", "{\"workload_id\":\"" + id + "\",\"worker_id\":\"w1\",\"duration_seconds\":60,\"payout_eth\":1}", API).status())
                .isEqualTo(201);
        TestBackend.Reply r = backend.post("/api/workloads", "{\"workload_id\":\"" + id + "\",\"worker_id\":\"w1\",\"duration_seconds\":60,\"payout_eth\":2}", API);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().path("details").path("field").asText()).isEqualTo("workload_id");
        assertThat(db.count("SELECT COUNT(*) FROM payments WHERE workload_id = ?", id)).isEqualTo(1);
    }

    @Test
    void timeCreditPaysPerMinuteAndIdempotencyKeyHeaderWorks() {
        String key = "hdr-" + UUID.randomUUID();
        TestBackend.Reply r = backend.post("/api/workloads", "{\"worker_id\":\"w2\",\"duration_seconds\":90}",
                "Authorization", API[1], "Idempotency-Key", key);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("workload_id").asText()).isEqualTo(key);
        assertThat(r.json().path("payout_mode").asText()).isEqualTo("time_credit");
        assertThat(new BigDecimal(r.json().path("payout_eth").asText())).isEqualByComparingTo("0.003");
        assertThat(r.json().path("payment_status").asText()).isEqualTo("dry_run");
        assertThat(backend.get("/api/workloads/" + key).json().path("worker_id").asText()).isEqualTo("w2");
    }

    @Test
    void badInputIsA400NamingTheFieldAndPaysNothing() {
        long before = db.count("SELECT COUNT(*) FROM payments");
        String[][] cases = {
                {"{\"worker_id\":\"w\",\"duration_seconds\":1}", "workload_id"},
                {"{\"workload_id\":\"x1\",\"duration_seconds\":1}", "worker_id"},
                {"{\"workload_id\":\"x1\",\"worker_id\":\"w\",\"duration_seconds\":-5}", "duration_seconds"},
                {"{\"workload_id\":\"x1\",\"worker_id\":\"w\",\"duration_seconds\":5,\"artifacts\":[\"../../etc/passwd\"]}", "artifacts[0]"},
                {"{\"workload_id\":\"x1\",\"worker_id\":\"w\",\"duration_seconds\":5,\"artifacts\":[\"/etc/passwd\"]}", "artifacts[0]"},
                {"{\"workload_id\":\"x1\",\"worker_id\":\"w\",\"duration_seconds\":5,\"payout_eth\":-1}", "payout_eth"},
                {"{\"workload_id\":\"x1\",\"worker_id\":\"w\",\"duration_seconds\":\"long\"}", "duration_seconds"},
        };
        for (String[] c : cases) {
            TestBackend.Reply r = backend.post("/api/workloads", c[0], API);
            assertThat(r.status()).as(c[0] + " -> " + r.body()).isEqualTo(400);
            assertThat(r.json().path("details").path("field").asText()).as(r.body()).isEqualTo(c[1]);
        }
        assertThat(db.count("SELECT COUNT(*) FROM payments")).isEqualTo(before);
    }
}
