package dev.opsdeck.console.status;

import dev.opsdeck.console.connection.BackendUnavailableException;
import dev.opsdeck.console.connection.LiveProbe;
import dev.opsdeck.console.fx.Cancellable;
import dev.opsdeck.console.fx.UiExecutor;

import java.time.Duration;

/**
 * Probes the backend's liveness off the UI thread, one probe at a time, and feeds the result to the
 * status view model, which decides the next delay (steady interval, or backoff while failing).
 */
public final class HealthPoller {
    private final LiveProbe probe;
    private final UiExecutor ui;
    private final ConnectionStatusViewModel status;
    private Cancellable inFlight = Cancellable.NONE;
    private Cancellable next = Cancellable.NONE;
    private boolean running;

    public HealthPoller(LiveProbe probe, UiExecutor ui, ConnectionStatusViewModel status) {
        this.probe = probe;
        this.ui = ui;
        this.status = status;
    }

    /** Probes now and keeps probing until {@link #stop()}. */
    public void start() {
        running = true;
        pollNow();
    }

    /** Skips the rest of a backoff wait: the user asked, or knows the backend is back. */
    public void retryNow() {
        if (running) {
            pollNow();
        }
    }

    public void stop() {
        running = false;
        inFlight.cancel();
        next.cancel();
    }

    private void pollNow() {
        next.cancel();
        inFlight.cancel();
        inFlight = ui.submit(probe::roundTripMillis,
                millis -> scheduleNext(status.recordSuccess(millis)),
                error -> scheduleNext(status.recordFailure(reason(error))));
    }

    private void scheduleNext(Duration delay) {
        if (running) {
            next = ui.schedule(delay, this::pollNow);
        }
    }

    /** Words for the status bar; an unexpected exception still gets a sentence rather than a trace. */
    static String reason(Throwable error) {
        if (error instanceof BackendUnavailableException) {
            return error.getMessage();
        }
        return "unexpected error while checking the backend: " + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : " (" + error.getMessage() + ")");
    }
}
