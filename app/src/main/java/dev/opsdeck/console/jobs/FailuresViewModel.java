package dev.opsdeck.console.jobs;

import dev.opsdeck.console.fx.KeyedList;
import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.jobs.JobModels.FailureGroup;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.List;

/**
 * Failed and dead jobs grouped by error signature, worker and GPU, newest first, and the bulk requeue of one
 * group: a dry run counts the group, the operator confirms that count, and the backend refuses if the group
 * changed in between (so the confirmed number is the number requeued).
 */
public final class FailuresViewModel {
    static final Duration REFRESH = Duration.ofSeconds(10);

    private final JobsSource source;
    private final UiExecutor ui;
    private final ObservableList<FailureGroup> groups = FXCollections.observableArrayList();
    /** The group waiting for the operator's confirmation, {@code null} when none. */
    private final ReadOnlyObjectWrapper<FailureGroup> pending = new ReadOnlyObjectWrapper<>(this, "pending");
    private final ReadOnlyLongWrapper pendingCount = new ReadOnlyLongWrapper(this, "pendingCount");
    private final Feedback feedback = new Feedback();
    private final Poller<List<FailureGroup>> poller;

    public FailuresViewModel(JobsSource source, UiExecutor ui) {
        this.source = source;
        this.ui = ui;
        this.poller = new Poller<>(ui, REFRESH, source::failures, fresh -> {
            KeyedList.sync(groups, fresh, FailureGroup::key);
            feedback.clearError();
        }, feedback::failed);
    }

    public void activate() { poller.start(); }

    public void deactivate() { poller.stop(); }

    public void refresh() { poller.now(); }

    /** Counts the group now (dry run) and asks the operator to confirm that count. */
    public void previewRequeue(FailureGroup group) {
        if (group == null) {
            return;
        }
        JobsSource.Group g = group(group);
        feedback.run(ui, () -> source.countGroup(g), "", "", count -> {
            pendingCount.set(count);
            pending.set(group);
        });
    }

    /** Requeues the confirmed group, provided it still holds the confirmed count. */
    public void confirmRequeue() {
        FailureGroup group = pending.get();
        long count = pendingCount.get();
        pending.set(null);
        if (group != null) {
            JobsSource.Group g = group(group);
            feedback.run(ui, () -> source.requeueGroup(g, count), "jobs.failures.requeued", Long.toString(count), n -> poller.now());
        }
    }

    public void dismissRequeue() { pending.set(null); }

    private static JobsSource.Group group(FailureGroup g) {
        return new JobsSource.Group(g.status(), g.errorSignature(), g.workerId(), g.gpuModel());
    }

    /** Groups, newest failure first, updated in place. */
    public ObservableList<FailureGroup> groups() { return groups; }
    public ReadOnlyObjectProperty<FailureGroup> pendingProperty() { return pending.getReadOnlyProperty(); }
    /** How many jobs the pending group held at the dry run. */
    public ReadOnlyLongProperty pendingCountProperty() { return pendingCount.getReadOnlyProperty(); }
    public Feedback feedback() { return feedback; }
}
