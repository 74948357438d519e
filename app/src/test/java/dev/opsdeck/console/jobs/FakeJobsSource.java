package dev.opsdeck.console.jobs;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.jobs.JobModels.FailureGroup;
import dev.opsdeck.console.jobs.JobModels.Inventory;
import dev.opsdeck.console.jobs.JobModels.JobDetail;
import dev.opsdeck.console.jobs.JobModels.JobPage;
import dev.opsdeck.console.jobs.JobModels.JobRow;
import dev.opsdeck.console.jobs.JobModels.Payout;
import dev.opsdeck.console.jobs.JobModels.QueueStatus;
import dev.opsdeck.console.jobs.JobModels.Statistics;
import dev.opsdeck.console.jobs.JobModels.Task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory jobs backend for the view-model tests: holds jobs and records the calls made. */
final class FakeJobsSource implements JobsSource {
    final Map<String, JobRow> jobs = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    List<FailureGroup> groups = List.of();
    long groupCount;
    ApiException failNext;
    QueueStatus queue = new QueueStatus(1, 2, 3, 4, 5, 6);
    String monitorState = "stopped";

    static JobRow job(String id, String status, int attempts, int max) {
        return new JobRow(id, "transcode", "default", status, "w1", "A10", attempts, max, Instant.EPOCH, null, 100L, "sig", null);
    }

    private void maybeFail() throws ApiException {
        if (failNext != null) {
            ApiException e = failNext;
            failNext = null;
            throw e;
        }
    }

    @Override
    public QueueStatus queueStatus() throws ApiException {
        calls.add("queue");
        maybeFail();
        return queue;
    }

    @Override
    public Statistics statistics(int hours, int bucketMinutes) throws ApiException {
        calls.add("statistics");
        return new Statistics(1.5, 0.25, bucketMinutes, List.of(), List.of());
    }

    @Override
    public JobPage recent(Filter filter, int limit, int offset) throws ApiException {
        calls.add("recent " + filter.status() + " " + offset);
        maybeFail();
        List<JobRow> match = jobs.values().stream().filter(j -> filter.status().isEmpty() || j.status().equals(filter.status())).toList();
        List<JobRow> page = match.subList(Math.min(offset, match.size()), Math.min(offset + limit, match.size()));
        return new JobPage(page, offset, offset + limit < match.size());
    }

    @Override
    public JobDetail detail(String jobId) throws ApiException {
        calls.add("detail " + jobId);
        return new JobDetail(jobs.get(jobId), null, null, "admin", List.of());
    }

    @Override
    public void retry(String jobId) throws ApiException {
        calls.add("retry " + jobId);
        maybeFail();
        JobRow j = jobs.get(jobId);
        jobs.put(jobId, job(jobId, "queued", j.attempts(), j.attempts() + 3));
    }

    @Override
    public void cancel(String jobId) throws ApiException {
        calls.add("cancel " + jobId);
        JobRow j = jobs.get(jobId);
        jobs.put(jobId, job(jobId, "cancelled", j.attempts(), j.maxAttempts()));
    }

    @Override
    public List<FailureGroup> failures() {
        calls.add("failures");
        return groups;
    }

    @Override
    public long countGroup(Group group) {
        calls.add("count " + group.errorSignature());
        return groupCount;
    }

    @Override
    public long requeueGroup(Group group, long expected) throws ApiException {
        calls.add("requeue " + group.errorSignature() + " expecting " + expected);
        maybeFail();
        return expected;
    }

    @Override
    public List<Payout> payouts() {
        return List.of();
    }

    @Override
    public Inventory inventory() {
        calls.add("inventory");
        return new Inventory(List.of(), monitorState, null);
    }

    @Override
    public long createBatch(String assetId, int count) {
        calls.add("batch " + assetId + " " + count);
        return count;
    }

    @Override
    public String monitor(boolean start) {
        calls.add(start ? "monitor start" : "monitor stop");
        monitorState = start ? "up" : "stopped";
        return monitorState;
    }

    @Override
    public List<Task> tasks() {
        return List.of();
    }

    @Override
    public Task updateTask(String name, long intervalSeconds, boolean enabled, Instant nextRun) {
        calls.add("update " + name + " " + intervalSeconds + " " + enabled + " " + nextRun);
        return new Task(name, intervalSeconds, enabled, nextRun, null, null, null, null, 0);
    }

    @Override
    public Task runTask(String name) {
        calls.add("run " + name);
        return new Task(name, 60, true, Instant.EPOCH, null, null, null, null, 0);
    }
}
