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

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(Store.class)
class JobQueueRoutesTest {
    static final String[] API = {"Authorization", "Bearer " + TestBackend.API_TOKEN};

    @Parameter
    Store store;

    static TestBackend backend;
    static Fleet fleet;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        backend = TestBackend.start(store, Map.of("JOBS_RETRY_BACKOFF_MS", "0", "JOBS_REAPER_INTERVAL_MS", "100",
                "JOBS_METRICS_REFRESH_MS", "200"));
        fleet = new Fleet(backend.jdbcUrl());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    /** Each test works in its own queue so jobs of other tests never reach its workers. */
    static String queue() {
        return "q-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String worker(int gpus, String model) {
        String id = "w-" + UUID.randomUUID().toString().substring(0, 8);
        fleet.worker(id, gpus, model);
        return id;
    }

    static String submit(String queue, String type, String extra) {
        TestBackend.Reply r = backend.post("/api/jobs", "{\"job_type\":\"" + type + "\",\"queue\":\"" + queue + "\"" + extra + "}", API);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("job_id").asText();
    }

    static JsonNode claim(String worker, String queue, int max, int leaseSeconds) {
        TestBackend.Reply r = backend.post("/api/worker/jobs/claim", "{\"worker_id\":\"" + worker + "\",\"queue\":\"" + queue
                + "\",\"max_jobs\":" + max + ",\"lease_seconds\":" + leaseSeconds + "}", API);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("jobs");
    }

    static TestBackend.Reply result(JsonNode job, String worker, String status, String error) {
        return backend.post("/api/worker/jobs/" + job.path("job_id").asText() + "/result", "{\"worker_id\":\"" + worker
                + "\",\"lease_token\":\"" + job.path("lease_token").asText() + "\",\"status\":\"" + status + "\""
                + (error != null ? ",\"error\":\"" + error + "\"" : ",\"result\":{\"ok\":true}") + "}", API);
    }

    static double metric(String series) {
        String text = backend.get("/metrics").body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }

    @Test
    void submittedJobIsClaimedCompletedAndShownWithItsAttempt() {
        String q = queue();
        String w = worker(2, "RTX 4090");
        String id = submit(q, "render", ",\"priority\":5,\"payload\":{\"frames\":12}");

        JsonNode jobs = claim(w, q, 5, 60);
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).path("job_id").asText()).isEqualTo(id);
        assertThat(jobs.get(0).path("payload").path("frames").asInt()).isEqualTo(12);
        assertThat(jobs.get(0).path("attempt").asInt()).isEqualTo(1);

        TestBackend.Reply p = backend.post("/api/worker/jobs/" + id + "/progress", "{\"worker_id\":\"" + w + "\",\"lease_token\":\""
                + jobs.get(0).path("lease_token").asText() + "\",\"progress\":0.5}", API);
        assertThat(p.status()).as(p.body()).isEqualTo(200);
        assertThat(p.json().path("continue").asBoolean()).isTrue();

        TestBackend.Reply done = result(jobs.get(0), w, "completed", null);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("status").asText()).isEqualTo("completed");

        JsonNode detail = backend.get("/api/jobs/" + id).json();
        assertThat(detail.path("status").asText()).isEqualTo("completed");
        assertThat(detail.path("worker_id").asText()).isEqualTo(w);
        assertThat(detail.path("worker_gpu_model").asText()).isEqualTo("RTX 4090");
        assertThat(detail.path("result").path("ok").asBoolean()).isTrue();
        assertThat(detail.path("attempt_history")).hasSize(1);
        assertThat(detail.path("attempt_history").get(0).path("outcome").asText()).isEqualTo("completed");
        assertThat(detail.path("attempt_history").get(0).path("duration_ms").isNumber()).isTrue();

        JsonNode recent = backend.get("/api/jobs/recent?queue=" + q + "&status=completed").json();
        assertThat(recent.path("jobs")).hasSize(1);
        assertThat(recent.path("jobs").get(0).path("job_id").asText()).isEqualTo(id);
        assertThat(claim(w, q, 5, 60)).isEmpty();
    }

    @Test
    void workerDyingMidJobLosesTheLeaseAndAnotherWorkerRunsIt() throws Exception {
        String q = queue();
        String a = worker(1, "A100");
        String b = worker(1, "A100");
        String id = submit(q, "train", "");
        double timedOutBefore = metric("jobs_completed_total{status=\"timed_out\"}");

        JsonNode first = claim(a, q, 1, 1).get(0);
        fleet.silence(a); // worker A dies: no more heartbeats, no progress, no result

        long deadline = System.currentTimeMillis() + 10_000;
        JsonNode second = null;
        while (second == null && System.currentTimeMillis() < deadline) {
            JsonNode got = claim(b, q, 1, 60);
            if (got.size() == 1) {
                second = got.get(0);
            } else {
                Thread.sleep(100);
            }
        }
        assertThat(second).as("job is retried on worker B after A's lease expired").isNotNull();
        assertThat(second.path("job_id").asText()).isEqualTo(id);
        assertThat(second.path("attempt").asInt()).isEqualTo(2);
        assertThat(result(second, b, "completed", null).status()).isEqualTo(200);

        // A comes back late: its report must not touch the job B finished.
        TestBackend.Reply late = result(first, a, "completed", null);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("error").asText()).isEqualTo("lease_lost");

        JsonNode detail = backend.get("/api/jobs/" + id).json();
        assertThat(detail.path("status").asText()).isEqualTo("completed");
        assertThat(detail.path("worker_id").asText()).isEqualTo(b);
        assertThat(detail.path("attempts").asInt()).isEqualTo(2);
        JsonNode attempts = detail.path("attempt_history");
        assertThat(attempts.get(0).path("worker_id").asText()).isEqualTo(a);
        assertThat(attempts.get(0).path("outcome").asText()).isEqualTo("timed_out");
        assertThat(attempts.get(0).path("error").asText()).contains("lease expired");
        assertThat(attempts.get(1).path("worker_id").asText()).isEqualTo(b);
        assertThat(attempts.get(1).path("outcome").asText()).isEqualTo("completed");
        assertThat(metric("jobs_completed_total{status=\"timed_out\"}")).isEqualTo(timedOutBefore + 1);
    }

    @Test
    void repeatedResultReportIsAnsweredButCountedOnce() {
        String q = queue();
        String w = worker(1, "L4");
        submit(q, "dup-check", "");
        JsonNode job = claim(w, q, 1, 60).get(0);
        double before = metric("jobs_completed_total{status=\"completed\"}");

        TestBackend.Reply one = result(job, w, "completed", null);
        TestBackend.Reply two = result(job, w, "completed", null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("duplicate").asBoolean()).isFalse();
        assertThat(two.status()).isEqualTo(200);
        assertThat(two.json().path("duplicate").asBoolean()).isTrue();
        assertThat(metric("jobs_completed_total{status=\"completed\"}")).isEqualTo(before + 1);
        assertThat(fleet.count("SELECT COUNT(*) FROM job_attempts WHERE job_id = ? AND outcome = 'completed'",
                job.path("job_id").asText())).isEqualTo(1);

        // The same lease cannot change its mind afterwards.
        TestBackend.Reply flip = result(job, w, "failed", "oops");
        assertThat(flip.status()).isEqualTo(409);
        assertThat(backend.get("/api/jobs/" + job.path("job_id").asText()).json().path("status").asText()).isEqualTo("completed");
    }

    @Test
    void jobsGoOnlyToActiveWorkersWithEnoughGpus() {
        String q = queue();
        String small = worker(1, "RTX 3090");
        String big = worker(4, "H100");
        String dead = worker(8, "H100");
        fleet.silence(dead);
        String id = submit(q, "llm", ",\"gpu_count\":4,\"gpu_model\":\"h100\"");

        assertThat(claim(small, q, 5, 60)).isEmpty();
        TestBackend.Reply r = backend.post("/api/worker/jobs/claim", "{\"worker_id\":\"" + dead + "\",\"queue\":\"" + q + "\"}", API);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().path("error").asText()).isEqualTo("worker_not_active");
        TestBackend.Reply unknown = backend.post("/api/worker/jobs/claim", "{\"worker_id\":\"nobody-here\"}", API);
        assertThat(unknown.status()).isEqualTo(404);
        JsonNode got = claim(big, q, 5, 60);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).path("job_id").asText()).isEqualTo(id);
    }

    @Test
    void failuresRetryWithinBoundsThenDieAndOperatorsRequeueTheGroup() {
        String q = queue();
        String w = worker(1, "T4");
        String id = submit(q, "flaky", ",\"max_attempts\":2");

        JsonNode a1 = claim(w, q, 1, 60).get(0);
        TestBackend.Reply f1 = result(a1, w, "failed", "CUDA error 700 on device 3");
        assertThat(f1.json().path("status").asText()).isEqualTo("failed");
        JsonNode a2 = claim(w, q, 1, 60).get(0);
        assertThat(a2.path("attempt").asInt()).isEqualTo(2);
        TestBackend.Reply f2 = result(a2, w, "failed", "CUDA error 719 on device 1");
        assertThat(f2.json().path("status").asText()).isEqualTo("dead");
        assertThat(claim(w, q, 1, 60)).isEmpty();

        JsonNode detail = backend.get("/api/jobs/" + id).json();
        assertThat(detail.path("last_error").asText()).isEqualTo("CUDA error 719 on device 1");
        String signature = detail.path("error_signature").asText();
        assertThat(signature).isEqualTo("cuda error # on device #");

        JsonNode groups = backend.admin("GET", "/admin/jobs/failures", null).json().path("groups");
        assertThat(groups.findValuesAsText("error_signature")).contains(signature);

        String body = "{\"error_signature\":\"" + signature + "\",\"worker_id\":\"" + w + "\",\"gpu_model\":\"T4\"}";
        JsonNode preview = backend.admin("POST", "/admin/jobs/requeue", body).json();
        assertThat(preview.path("dry_run").asBoolean()).isTrue();
        assertThat(preview.path("matched").asLong()).isEqualTo(1);
        assertThat(backend.get("/api/jobs/" + id).json().path("status").asText()).isEqualTo("dead");

        TestBackend.Reply wrongCount = backend.admin("POST", "/admin/jobs/requeue", body.replace("}", ",\"dry_run\":false,\"expected_count\":5}"));
        assertThat(wrongCount.status()).isEqualTo(409);
        TestBackend.Reply done = backend.admin("POST", "/admin/jobs/requeue", body.replace("}", ",\"dry_run\":false,\"expected_count\":1}"));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("requeued").asInt()).isEqualTo(1);
        assertThat(claim(w, q, 1, 60).get(0).path("attempt").asInt()).isEqualTo(3);
        assertThat(fleet.count("SELECT COUNT(*) FROM audit_log WHERE action = 'jobs.requeue'")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void operatorsRetryAndCancelSingleJobs() {
        String q = queue();
        String w = worker(1, "T4");
        String id = submit(q, "one-shot", ",\"max_attempts\":1");
        JsonNode a = claim(w, q, 1, 60).get(0);
        result(a, w, "failed", "boom");
        assertThat(backend.post("/admin/jobs/" + id + "/retry", "{}", API).status()).isEqualTo(403);
        TestBackend.Reply retry = backend.admin("POST", "/admin/jobs/" + id + "/retry", null);
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        JsonNode again = claim(w, q, 1, 60).get(0);

        TestBackend.Reply cancel = backend.admin("POST", "/admin/jobs/" + id + "/cancel", null);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json().path("previous_status").asText()).isEqualTo("running");
        TestBackend.Reply progress = backend.post("/api/worker/jobs/" + id + "/progress", "{\"worker_id\":\"" + w
                + "\",\"lease_token\":\"" + again.path("lease_token").asText() + "\",\"progress\":0.9}", API);
        assertThat(progress.json().path("continue").asBoolean()).isFalse();
        assertThat(result(again, w, "completed", null).status()).isEqualTo(409);
        assertThat(backend.admin("POST", "/admin/jobs/" + id + "/cancel", null).status()).isEqualTo(409);
        assertThat(backend.admin("POST", "/admin/jobs/nope/retry", null).status()).isEqualTo(404);
        assertThat(fleet.count("SELECT COUNT(*) FROM audit_log WHERE action = 'jobs.cancel'")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        long before = fleet.count("SELECT COUNT(*) FROM jobs");
        Object[][] cases = {
                {"/api/jobs", "{\"queue\":\"x\"}", "job_type"},
                {"/api/jobs", "{\"job_type\":\"Bad Type\"}", "job_type"},
                {"/api/jobs", "{\"job_type\":\"ok\",\"gpu_count\":-1}", "gpu_count"},
                {"/api/jobs", "{\"job_type\":\"ok\",\"priority\":\"high\"}", "priority"},
                {"/api/jobs", "{\"job_type\":\"ok\",\"colour\":\"red\"}", "colour"},
                {"/api/jobs/batch", "{\"jobs\":[{\"job_type\":\"ok\"},{\"job_type\":\"\"}]}", "jobs[1].job_type"},
                {"/api/worker/jobs/claim", "{\"worker_id\":\"w1\",\"max_jobs\":0}", "max_jobs"},
                {"/api/worker/jobs/claim", "{\"max_jobs\":1}", "worker_id"},
                {"/api/worker/jobs/j1/result", "{\"worker_id\":\"w1\",\"lease_token\":\"t\",\"status\":\"done\"}", "status"},
        };
        for (Object[] c : cases) {
            TestBackend.Reply r = backend.post((String) c[0], (String) c[1], API);
            assertThat(r.status()).as(c[0] + " " + c[1] + " -> " + r.body()).isEqualTo(400);
            assertThat(r.json().path("details").path("field").asText()).as(r.body()).isEqualTo(c[2]);
        }
        assertThat(backend.get("/api/jobs/recent?limit=0").json().path("details").path("field").asText()).isEqualTo("limit");
        assertThat(backend.post("/api/jobs", "{\"job_type\":\"ok\"}").status()).isEqualTo(401);
        assertThat(fleet.count("SELECT COUNT(*) FROM jobs")).isEqualTo(before);
    }

    @Test
    void resubmittingAJobIdDoesNotQueueItTwice() {
        String q = queue();
        String body = "{\"job_id\":\"fixed-" + q + "\",\"job_type\":\"idem\",\"queue\":\"" + q + "\"}";
        assertThat(backend.post("/api/jobs", body, API).status()).isEqualTo(201);
        TestBackend.Reply again = backend.post("/api/jobs", body, API);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("created").asBoolean()).isFalse();
        assertThat(fleet.count("SELECT COUNT(*) FROM jobs WHERE queue = ?", q)).isEqualTo(1);
    }

    @Test
    void queueStatusStatisticsAndMetricsReflectTheQueue() throws Exception {
        String q = queue();
        String w = worker(1, "A10");
        submit(q, "stats-a", "");
        submit(q, "stats-a", "");
        submit(q, "stats-b", ",\"max_attempts\":1");
        JsonNode jobs = claim(w, q, 3, 60);
        assertThat(jobs).hasSize(3);
        for (JsonNode j : jobs) {
            boolean fail = j.path("job_type").asText().equals("stats-b");
            result(j, w, fail ? "failed" : "completed", fail ? "no" : null);
        }
        submit(q, "stats-a", "");

        JsonNode status = backend.get("/queue-status").json();
        JsonNode mine = null;
        for (JsonNode n : status.path("queues")) {
            if (n.path("queue").asText().equals(q)) {
                mine = n;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("queued").asLong()).isEqualTo(1);
        assertThat(mine.path("dead").asLong()).isEqualTo(1);
        assertThat(status.path("workers").path("active").asLong()).isGreaterThanOrEqualTo(1);

        JsonNode stats = backend.admin("GET", "/admin/jobs/statistics?hours=1&bucket_minutes=5", null).json();
        assertThat(stats.path("durations_ms_by_type").path("stats-a").path("count").asInt()).isEqualTo(2);
        assertThat(stats.path("durations_ms_by_type").path("stats-a").has("p99")).isTrue();
        assertThat(stats.path("failure_rate_by_type").path("stats-b").path("failure_rate").asDouble()).isEqualTo(1.0);
        assertThat(stats.path("series")).isNotEmpty();
        assertThat(backend.admin("GET", "/admin/jobs/statistics?hours=0", null).status()).isEqualTo(400);

        JsonNode analytics = backend.get("/api/jobs/analytics").json();
        assertThat(analytics.path("attempts_last_24h_by_type").path("stats-b").path("failed").asLong()).isEqualTo(1);

        Thread.sleep(400); // one metrics refresh
        assertThat(metric("jobs_failure_rate{job_type=\"stats-b\"}")).isEqualTo(1.0);
        assertThat(backend.get("/metrics").body()).contains("# TYPE jobs_pending_total untyped");
        assertThat(metric("jobs_pending_total")).isGreaterThanOrEqualTo(1.0);
    }
}
