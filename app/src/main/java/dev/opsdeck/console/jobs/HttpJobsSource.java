package dev.opsdeck.console.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.jobs.JobModels.FailureGroup;
import dev.opsdeck.console.jobs.JobModels.Inventory;
import dev.opsdeck.console.jobs.JobModels.JobDetail;
import dev.opsdeck.console.jobs.JobModels.JobPage;
import dev.opsdeck.console.jobs.JobModels.Payout;
import dev.opsdeck.console.jobs.JobModels.QueueStatus;
import dev.opsdeck.console.jobs.JobModels.Statistics;
import dev.opsdeck.console.jobs.JobModels.Task;
import dev.opsdeck.console.shell.Session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link JobsSource} over the session's API client (the connected environment, its credentials). */
public final class HttpJobsSource implements JobsSource {
    private final Session session;

    public HttpJobsSource(Session session) {
        this.session = session;
    }

    @Override
    public QueueStatus queueStatus() throws ApiException {
        return JobsJson.queue(session.api().get("/queue-status"));
    }

    @Override
    public Statistics statistics(int hours, int bucketMinutes) throws ApiException {
        return JobsJson.statistics(session.api().get("/admin/jobs/statistics?hours=" + hours + "&bucket_minutes=" + bucketMinutes));
    }

    @Override
    public JobPage recent(Filter filter, int limit, int offset) throws ApiException {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("status", filter.status());
        q.put("job_type", filter.jobType());
        q.put("worker_id", filter.workerId());
        q.put("limit", Integer.toString(limit));
        q.put("offset", Integer.toString(offset));
        return JobsJson.page(session.api().get("/api/jobs/recent" + JobsJson.query(q)));
    }

    @Override
    public JobDetail detail(String jobId) throws ApiException {
        return JobsJson.detail(session.api().get("/api/jobs/" + path(jobId)));
    }

    @Override
    public void retry(String jobId) throws ApiException {
        // A fresh key per press: a double-click or a client-side retry of the same press runs once.
        session.api().post("/admin/jobs/" + path(jobId) + "/retry", null, key());
    }

    @Override
    public void cancel(String jobId) throws ApiException {
        session.api().post("/admin/jobs/" + path(jobId) + "/cancel", null, key());
    }

    @Override
    public List<FailureGroup> failures() throws ApiException {
        return JobsJson.failures(session.api().get("/admin/jobs/failures?limit=200"));
    }

    @Override
    public long countGroup(Group group) throws ApiException {
        return session.api().post("/admin/jobs/requeue", requeueBody(group, true, null)).path("matched").asLong();
    }

    @Override
    public long requeueGroup(Group group, long expected) throws ApiException {
        return session.api().post("/admin/jobs/requeue", requeueBody(group, false, expected), key()).path("requeued").asLong();
    }

    @Override
    public List<Payout> payouts() throws ApiException {
        return JobsJson.payouts(session.api().get("/api/workloads/payouts"));
    }

    @Override
    public Inventory inventory() throws ApiException {
        return JobsJson.inventory(session.api().get("/vtxos/stats"));
    }

    @Override
    public long createBatch(String assetId, int count) throws ApiException {
        JsonNode r = session.api().post("/vtxos/batch/create", Map.of("asset_id", assetId, "count", count), key());
        return r.path("available").asLong();
    }

    @Override
    public String monitor(boolean start) throws ApiException {
        return session.api().post(start ? "/vtxos/monitor/start" : "/vtxos/monitor/stop", null, key()).path("state").asText();
    }

    @Override
    public List<Task> tasks() throws ApiException {
        return JobsJson.tasks(session.api().get("/admin/automation/tasks"));
    }

    @Override
    public Task updateTask(String name, long intervalSeconds, boolean enabled, Instant nextRun) throws ApiException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interval_seconds", intervalSeconds);
        body.put("enabled", enabled);
        if (nextRun != null) {
            body.put("next_run", nextRun.toString());
        }
        return JobsJson.task(session.api().put("/admin/automation/tasks/" + path(name), body));
    }

    @Override
    public Task runTask(String name) throws ApiException {
        return JobsJson.task(session.api().post("/admin/automation/tasks/" + path(name) + "/run", null, key()));
    }

    private static Map<String, Object> requeueBody(Group g, boolean dryRun, Long expected) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", g.status());
        // A group without a worker or GPU sends null, which the backend reads as "any": the preview count says so.
        body.put("error_signature", g.errorSignature());
        body.put("worker_id", g.workerId());
        body.put("gpu_model", g.gpuModel());
        body.put("dry_run", dryRun);
        if (expected != null) {
            body.put("expected_count", expected);
        }
        return body;
    }

    private static Optional<String> key() {
        return Optional.of(UUID.randomUUID().toString());
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
