package dev.opsdeck.console.fx;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way console code leaves and re-enters the UI thread.
 *
 * <p>Blocking work (HTTP, starting or stopping the backend, disk) runs off the UI thread; its result or
 * failure is delivered on the UI thread, so view models only ever change there. Tests swap in an
 * executor that runs everything on the calling thread and advances a fake clock.
 */
public interface UiExecutor {

    /**
     * Runs {@code work} in the background, then {@code onSuccess} or {@code onFailure} on the UI thread.
     * After {@link Cancellable#cancel()} neither callback runs (the work itself may still finish).
     */
    <T> Cancellable submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Runs {@code onUi} on the UI thread after {@code delay}, unless cancelled first. */
    Cancellable schedule(Duration delay, Runnable onUi);
}
