package dev.opsdeck.console.fx;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Repeats a background read while started: at most one call in flight, a stale answer never lands after
 * {@link #stop()}, and a slow or failing backend is polled less often (the interval doubles on each failure or
 * slow answer, up to {@link #MAX_INTERVAL}, and returns to normal after a quick success).
 */
public final class Poller<T> {
    static final Duration MAX_INTERVAL = Duration.ofSeconds(60);

    private final UiExecutor ui;
    private final Supplier<Duration> interval;
    private final Callable<T> work;
    private final Consumer<? super T> onSuccess;
    private final Consumer<? super Throwable> onFailure;
    private Cancellable inFlight = Cancellable.NONE;
    private Cancellable next = Cancellable.NONE;
    private Duration current;
    private boolean running;
    private long startedNanos;

    public Poller(UiExecutor ui, Duration interval, Callable<T> work, Consumer<? super T> onSuccess,
                  Consumer<? super Throwable> onFailure) {
        this(ui, () -> interval, work, onSuccess, onFailure);
    }

    /**
     * A poller whose interval is read before each wait, e.g. {@code session.settings()::refreshInterval}, so a
     * changed refresh setting applies from the next call without restarting the page.
     */
    public Poller(UiExecutor ui, Supplier<Duration> interval, Callable<T> work, Consumer<? super T> onSuccess,
                  Consumer<? super Throwable> onFailure) {
        this.ui = ui;
        this.interval = interval;
        this.current = interval.get();
        this.work = work;
        this.onSuccess = onSuccess;
        this.onFailure = onFailure;
    }

    /** Polls now and then every interval until {@link #stop()}. */
    public void start() {
        running = true;
        now();
    }

    /** Cancels the call in flight (its answer will not land) and the next one. */
    public void stop() {
        running = false;
        inFlight.cancel();
        next.cancel();
    }

    /** Polls at once (e.g. after an action), even when stopped; the schedule restarts from here. */
    public void now() {
        next.cancel();
        inFlight.cancel();
        startedNanos = System.nanoTime();
        inFlight = ui.submit(work, value -> {
            Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
            // A backend that needs more than half the interval to answer gets more room, not more load.
            Duration normal = interval.get();
            current = took.compareTo(normal.dividedBy(2)) > 0 ? longer() : normal;
            onSuccess.accept(value);
            scheduleNext();
        }, error -> {
            current = longer();
            onFailure.accept(error);
            scheduleNext();
        });
    }

    public boolean running() {
        return running;
    }

    /** The interval that will be waited before the next call. */
    public Duration currentInterval() {
        return current;
    }

    private Duration longer() {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : doubled;
    }

    private void scheduleNext() {
        if (running) {
            next = ui.schedule(current, this::now);
        }
    }
}
