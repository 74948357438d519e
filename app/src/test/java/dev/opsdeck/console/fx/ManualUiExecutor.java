package dev.opsdeck.console.fx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Same-thread {@link UiExecutor} with a fake clock: work and its callbacks run at once on the caller,
 * scheduled tasks run only when the test {@link #advance(Duration) advances} time past them.
 */
public final class ManualUiExecutor implements UiExecutor {
    private final List<Timer> timers = new ArrayList<>();
    private final List<Duration> scheduledDelays = new ArrayList<>();
    private Duration now = Duration.ZERO;
    private long sequence;

    @Override
    public <T> Cancellable submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return Cancellable.NONE;
        }
        onSuccess.accept(result);
        return Cancellable.NONE;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable onUi) {
        scheduledDelays.add(delay);
        Timer timer = new Timer(now.plus(delay), sequence++, onUi);
        timers.add(timer);
        return () -> timers.remove(timer);
    }

    /** Moves the fake clock forward, running every task that falls due, in time order. */
    public void advance(Duration by) {
        Duration until = now.plus(by);
        while (true) {
            Timer due = timers.stream().filter(t -> t.at.compareTo(until) <= 0)
                    .min(Comparator.comparing((Timer t) -> t.at).thenComparingLong(t -> t.seq)).orElse(null);
            if (due == null) {
                break;
            }
            timers.remove(due);
            now = due.at;
            due.task.run();
        }
        now = until;
    }

    /** Every delay ever passed to {@link #schedule}, in order. */
    public List<Duration> scheduledDelays() {
        return List.copyOf(scheduledDelays);
    }

    /** Tasks still waiting. */
    public int pending() {
        return timers.size();
    }

    private record Timer(Duration at, long seq, Runnable task) {
    }
}
