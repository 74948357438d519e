package dev.opsdeck.console.jobs;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.jobs.JobModels.FailureGroup;
import dev.opsdeck.console.jobs.JobModels.Inventory;
import dev.opsdeck.console.jobs.JobModels.JobDetail;
import dev.opsdeck.console.jobs.JobModels.JobPage;
import dev.opsdeck.console.jobs.JobModels.Payout;
import dev.opsdeck.console.jobs.JobModels.QueueStatus;
import dev.opsdeck.console.jobs.JobModels.Statistics;
import dev.opsdeck.console.jobs.JobModels.Task;

import java.time.Instant;
import java.util.List;

/**
 * The jobs domain of the backend as the screen needs it. Every method blocks on HTTP: call it through the
 * {@code UiExecutor}, never on the UI thread. Tests of the view models pass a fake.
 */
public interface JobsSource {

    /** Filter of the recent-jobs table; blank values do not filter. */
    record Filter(String status, String jobType, String workerId) {
        public static final Filter NONE = new Filter("", "", "");
    }

    /** Which failed jobs a bulk requeue addresses (one failure group). */
    record Group(String status, String errorSignature, String workerId, String gpuModel) {
    }

    QueueStatus queueStatus() throws ApiException;

    Statistics statistics(int hours, int bucketMinutes) throws ApiException;

    JobPage recent(Filter filter, int limit, int offset) throws ApiException;

    JobDetail detail(String jobId) throws ApiException;

    void retry(String jobId) throws ApiException;

    void cancel(String jobId) throws ApiException;

    List<FailureGroup> failures() throws ApiException;

    /** Dry run: how many jobs the group holds now. */
    long countGroup(Group group) throws ApiException;

    /** Requeues the group if it still holds {@code expected} jobs; returns how many were requeued. */
    long requeueGroup(Group group, long expected) throws ApiException;

    List<Payout> payouts() throws ApiException;

    Inventory inventory() throws ApiException;

    /** Creates {@code count} items for {@code assetId}; returns the level afterwards. */
    long createBatch(String assetId, int count) throws ApiException;

    /** Starts ({@code true}) or stops the replenishment monitor; returns its new state. */
    String monitor(boolean start) throws ApiException;

    List<Task> tasks() throws ApiException;

    Task updateTask(String name, long intervalSeconds, boolean enabled, Instant nextRun) throws ApiException;

    Task runTask(String name) throws ApiException;
}
