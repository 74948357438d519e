package dev.opsdeck.console.fx;

import javafx.application.Platform;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@link UiExecutor} for the running application: a small pool of daemon worker threads for I/O and
 * {@link Platform#runLater} for callbacks. Daemon threads so a hung request can never keep the process
 * alive after the window is gone.
 */
public final class FxUiExecutor implements UiExecutor, AutoCloseable {
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("opsdeck-io"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("opsdeck-timer"));

    @Override
    public <T> Cancellable submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Future<?> future = workers.submit(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> {
                    if (!cancelled.get()) {
                        onSuccess.accept(result);
                    }
                });
            } catch (Exception | Error e) {
                // Errors too: otherwise a failed Backend.start (e.g. a NoClassDefFoundError in a broken package)
                // would leave the window saying "starting…" forever instead of showing the reason.
                Platform.runLater(() -> {
                    if (!cancelled.get()) {
                        onFailure.accept(e);
                    }
                });
            }
        });
        return () -> {
            cancelled.set(true);
            future.cancel(true);
        };
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable onUi) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Future<?> future = timer.schedule(() -> Platform.runLater(() -> {
            if (!cancelled.get()) {
                onUi.run();
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> {
            cancelled.set(true);
            future.cancel(false);
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
