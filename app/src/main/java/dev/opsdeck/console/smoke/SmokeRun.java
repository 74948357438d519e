package dev.opsdeck.console.smoke;

import dev.opsdeck.console.fx.Cancellable;
import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.status.ConnectionState;
import dev.opsdeck.console.status.ConnectionStatusViewModel;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code --smoke}: waits for the first healthy status of a real window and prints exactly one line,
 * so packaging checks and CI can tell "starts and connects" from "broken" by exit code and output.
 */
public final class SmokeRun {
    public static final Duration TIMEOUT = Duration.ofSeconds(180);

    private final ConnectionStatusViewModel status;
    private final Supplier<Optional<URI>> baseUrl;
    private final LongSupplier elapsedMillis;
    private final PrintStream out;
    private final IntConsumer finish;
    private Cancellable timeout = Cancellable.NONE;
    private boolean done;

    /**
     * @param elapsedMillis time since the process started
     * @param finish        ends the run with an exit code (stops the backend first)
     */
    public SmokeRun(ConnectionStatusViewModel status, Supplier<Optional<URI>> baseUrl, LongSupplier elapsedMillis,
                    PrintStream out, IntConsumer finish) {
        this.status = status;
        this.baseUrl = baseUrl;
        this.elapsedMillis = elapsedMillis;
        this.out = out;
        this.finish = finish;
    }

    /** Starts watching; call on the UI thread right after the window is shown. */
    public void watch(UiExecutor ui) {
        status.stateProperty().addListener((obs, old, now) -> check(now));
        timeout = ui.schedule(TIMEOUT, () -> fail("no healthy status within " + TIMEOUT.toSeconds() + " s"
                + (status.getMessage().isEmpty() ? "" : " (" + status.getMessage() + ")")));
        check(status.getState());
    }

    private void check(ConnectionState state) {
        if (state == ConnectionState.CONNECTED && !done) {
            done = true;
            timeout.cancel();
            out.println("OpsDeck smoke: connected to " + baseUrl.get().map(URI::toString).orElse("?") + " in " + elapsedMillis.getAsLong() + " ms");
            out.flush();
            finish.accept(0);
        } else if (state == ConnectionState.OFFLINE) {
            // The first healthy status never came: the embedded backend failed or does not answer.
            fail(status.getMessage());
        }
    }

    private void fail(String reason) {
        if (!done) {
            done = true;
            timeout.cancel();
            out.println("OpsDeck smoke: FAILED: " + reason);
            out.flush();
            finish.accept(1);
        }
    }
}
