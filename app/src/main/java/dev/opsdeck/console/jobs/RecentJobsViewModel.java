package dev.opsdeck.console.jobs;

import dev.opsdeck.console.fx.KeyedList;
import dev.opsdeck.console.fx.Cancellable;
import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.jobs.JobModels.JobDetail;
import dev.opsdeck.console.jobs.JobModels.JobPage;
import dev.opsdeck.console.jobs.JobModels.JobRow;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;

/**
 * The recent-jobs table: a filtered page of the job history kept in the database (newest first, paged with
 * offsets, so nothing is capped in memory), the selected job's detail, and the operator's retry and cancel.
 */
public final class RecentJobsViewModel {
    static final int PAGE_SIZE = 50;
    static final Duration REFRESH = Duration.ofSeconds(4);

    private final JobsSource source;
    private final UiExecutor ui;
    private final ObservableList<JobRow> jobs = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final StringProperty jobType = new SimpleStringProperty(this, "jobType", "");
    private final StringProperty workerId = new SimpleStringProperty(this, "workerId", "");
    private final ReadOnlyIntegerWrapper offset = new ReadOnlyIntegerWrapper(this, "offset", 0);
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(this, "hasMore");
    private final ReadOnlyObjectWrapper<JobDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ReadOnlyBooleanWrapper confirmingCancel = new ReadOnlyBooleanWrapper(this, "confirmingCancel");
    private final Feedback feedback = new Feedback();
    private final Poller<JobPage> poller;
    private volatile JobsSource.Filter applied = JobsSource.Filter.NONE;
    private volatile int appliedOffset;
    private Cancellable detailCall = Cancellable.NONE;

    public RecentJobsViewModel(JobsSource source, UiExecutor ui) {
        this.source = source;
        this.ui = ui;
        this.poller = new Poller<>(ui, REFRESH, () -> source.recent(applied, PAGE_SIZE, appliedOffset), this::show, feedback::failed);
    }

    public void activate() { poller.start(); }

    public void deactivate() { poller.stop(); detailCall.cancel(); }

    /** Applies the filter fields and goes back to the newest page. */
    public void applyFilter() {
        applied = new JobsSource.Filter(status.get(), jobType.get(), workerId.get());
        appliedOffset = 0;
        offset.set(0);
        poller.now();
    }

    /** The next page of older jobs. */
    public void older() {
        if (hasMore.get()) {
            appliedOffset = offset.get() + PAGE_SIZE;
            offset.set(appliedOffset);
            poller.now();
        }
    }

    /** The previous page of newer jobs. */
    public void newer() {
        appliedOffset = Math.max(0, offset.get() - PAGE_SIZE);
        offset.set(appliedOffset);
        poller.now();
    }

    /** Shows the detail of {@code row} (attempts, worker, GPU, timings, error); {@code null} clears it. */
    public void select(JobRow row) {
        confirmingCancel.set(false);
        detailCall.cancel();
        if (row == null) {
            detail.set(null);
            return;
        }
        detailCall = ui.submit(() -> source.detail(row.jobId()), detail::set, feedback::failed);
    }

    /** Puts the selected failed, dead or cancelled job back in the queue. */
    public void retry() {
        JobDetail d = detail.get();
        if (d != null && d.job().retryable()) {
            String id = d.job().jobId();
            feedback.run(ui, () -> { source.retry(id); return id; }, "jobs.retried", id, this::afterAction);
        }
    }

    /** Cancelling is destructive: ask first. */
    public void askCancel() { confirmingCancel.set(detail.get() != null && detail.get().job().cancellable()); }

    public void keepJob() { confirmingCancel.set(false); }

    public void confirmCancel() {
        JobDetail d = detail.get();
        confirmingCancel.set(false);
        if (d != null) {
            String id = d.job().jobId();
            feedback.run(ui, () -> { source.cancel(id); return id; }, "jobs.cancelled", id, this::afterAction);
        }
    }

    private void afterAction(String jobId) {
        poller.now();
        detailCall = ui.submit(() -> source.detail(jobId), detail::set, feedback::failed);
    }

    private void show(JobPage page) {
        KeyedList.sync(jobs, page.jobs(), JobRow::jobId);
        hasMore.set(page.hasMore());
        feedback.clearError();
    }

    /** Rows of the current page, newest first, updated in place. */
    public ObservableList<JobRow> jobs() { return jobs; }
    /** Status filter ({@code queued}, {@code dead}, ...; empty for all); applied by {@link #applyFilter()}. */
    public StringProperty statusProperty() { return status; }
    public StringProperty jobTypeProperty() { return jobType; }
    public StringProperty workerIdProperty() { return workerId; }
    /** Offset of the page shown, 0 for the newest. */
    public ReadOnlyIntegerProperty offsetProperty() { return offset.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty hasMoreProperty() { return hasMore.getReadOnlyProperty(); }
    /** The selected job with its attempts; {@code null} when none is selected. */
    public ReadOnlyObjectProperty<JobDetail> detailProperty() { return detail.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty confirmingCancelProperty() { return confirmingCancel.getReadOnlyProperty(); }
    /** Outcome of the last action and the last error, in words. */
    public Feedback feedback() { return feedback; }
}
