package dev.opsdeck.console.jobs;

import dev.opsdeck.console.fx.KeyedList;
import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.jobs.JobModels.Payout;
import dev.opsdeck.console.jobs.JobModels.QueueStatus;
import dev.opsdeck.console.jobs.JobModels.Statistics;
import dev.opsdeck.console.jobs.JobModels.TypeStats;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The activity tab: queue depth (sampled every few seconds and sooner when the live {@code jobs} topic says
 * something happened), throughput and failure rate per type over the last hour, duration percentiles, and the
 * payout totals per worker.
 */
public final class ActivityViewModel {
    static final Duration QUEUE_REFRESH = Duration.ofSeconds(3);
    static final Duration STATS_REFRESH = Duration.ofSeconds(20);
    /** Live events nudge the queue sample at most this often, however many jobs finish. */
    static final Duration NUDGE_GAP = Duration.ofSeconds(1);

    private final Clock clock;
    private final ReadOnlyObjectWrapper<QueueStatus> queue = new ReadOnlyObjectWrapper<>(this, "queue");
    private final ReadOnlyObjectWrapper<Instant> queueAt = new ReadOnlyObjectWrapper<>(this, "queueAt");
    private final ReadOnlyObjectWrapper<Statistics> statistics = new ReadOnlyObjectWrapper<>(this, "statistics");
    private final ObservableList<TypeStats> types = FXCollections.observableArrayList();
    private final ObservableList<Payout> payouts = FXCollections.observableArrayList();
    private final Feedback feedback = new Feedback();
    private final Poller<QueueStatus> queuePoller;
    private final Poller<Statistics> statsPoller;
    private final Poller<List<Payout>> payoutPoller;
    private Instant lastNudge = Instant.EPOCH;

    public ActivityViewModel(JobsSource source, UiExecutor ui, Clock clock) {
        this.clock = clock;
        this.queuePoller = new Poller<>(ui, QUEUE_REFRESH, source::queueStatus, q -> {
            queue.set(q);
            queueAt.set(clock.instant());
            feedback.clearError();
        }, feedback::failed);
        this.statsPoller = new Poller<>(ui, STATS_REFRESH, () -> source.statistics(1, 1), s -> {
            KeyedList.sync(types, s.types(), TypeStats::jobType);
            statistics.set(s);
        }, feedback::failed);
        this.payoutPoller = new Poller<>(ui, STATS_REFRESH, source::payouts, p -> KeyedList.sync(payouts, p, Payout::workerId),
                feedback::failed);
    }

    public void activate() {
        queuePoller.start();
        statsPoller.start();
        payoutPoller.start();
    }

    public void deactivate() {
        queuePoller.stop();
        statsPoller.stop();
        payoutPoller.stop();
    }

    /** A batch of live {@code jobs} events arrived: sample the queue soon, but not once per event. */
    public void jobsChanged() {
        Instant now = clock.instant();
        if (queuePoller.running() && Duration.between(lastNudge, now).compareTo(NUDGE_GAP) >= 0) {
            lastNudge = now;
            queuePoller.now();
        }
    }

    /** The last queue sample. */
    public ReadOnlyObjectProperty<QueueStatus> queueProperty() { return queue.getReadOnlyProperty(); }
    /**
     * When the last queue sample arrived: changes on every sample, even one equal to the last, so the view
     * appends each sample to the depth chart from here.
     */
    public ReadOnlyObjectProperty<Instant> queueAtProperty() { return queueAt.getReadOnlyProperty(); }
    /** Statistics of the last hour in one-minute buckets. */
    public ReadOnlyObjectProperty<Statistics> statisticsProperty() { return statistics.getReadOnlyProperty(); }
    /** Failure rate and duration percentiles per job type. */
    public ObservableList<TypeStats> types() { return types; }
    public ObservableList<Payout> payouts() { return payouts; }
    public Feedback feedback() { return feedback; }
}
