package dev.opsdeck.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.connection.BackendClient;
import dev.opsdeck.console.embedded.EmbeddedDemoBackend;
import dev.opsdeck.console.fx.FxUiExecutor;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.smoke.SmokeRun;
import dev.opsdeck.console.startup.ConsoleOptions;
import dev.opsdeck.console.startup.DataDirectories;
import dev.opsdeck.console.startup.UsageException;
import javafx.application.Platform;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Entry point. A plain class, not an {@code Application}: with JavaFX on the class path (fat jar, jpackage
 * image, {@code javafx:run}) the JDK launcher refuses an {@code Application} main class, and
 * {@link Platform#startup} lets the console be built by constructor instead of by reflection.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        long startNanos = System.nanoTime();
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(Arrays.asList(args));
        } catch (UsageException e) {
            System.err.println("opsdeck: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options, startNanos));
    }

    private static int run(ConsoleOptions options, long startNanos) {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                System.err.println("OpsDeck: unexpected error on " + thread.getName() + ": " + e));
        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        OkHttpClient http = BackendClient.defaultHttpClient();
        try (FxUiExecutor ui = new FxUiExecutor()) {
            try {
                // The window decides when the application ends: after the embedded backend has stopped.
                Platform.setImplicitExit(false);
                Platform.startup(() -> open(options, startNanos, ui, http, exitCode));
            } catch (RuntimeException e) {
                // Typically no display: say so in one line instead of a glass stack trace.
                report(options, "cannot start the user interface: " + e.getMessage());
                return 1;
            }
            return await(exitCode, options.smoke());
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private static void open(ConsoleOptions options, long startNanos, FxUiExecutor ui, OkHttpClient http,
                             CompletableFuture<Integer> exitCode) {
        try {
            Path dataDir = options.dataDir().orElseGet(DataDirectories::userDataDir);
            Console console = new Console(options, ui, http, new ObjectMapper(), new Resources(),
                    new EmbeddedDemoBackend(options.smoke() ? "warn" : "info"), dataDir, code -> {
                        Platform.exit();
                        exitCode.complete(code);
                    });
            console.start(new Stage());
            if (options.smoke()) {
                new SmokeRun(console.status(), console::baseUrl, () -> (System.nanoTime() - startNanos) / 1_000_000,
                        System.out, console::shutdown).watch(ui);
            }
        } catch (RuntimeException e) {
            report(options, "the window could not be built: " + e.getMessage());
            Platform.exit();
            exitCode.complete(1);
        }
    }

    /** A fatal start-up problem in one line; the smoke run keeps its verdict on stdout with its success line. */
    private static void report(ConsoleOptions options, String problem) {
        if (options.smoke()) {
            System.out.println("OpsDeck smoke: FAILED: " + problem);
        } else {
            System.err.println("OpsDeck: " + problem);
        }
    }

    private static int await(CompletableFuture<Integer> exitCode, boolean smoke) {
        try {
            // The smoke run has its own 60 s timeout; this guards only against a shutdown that hangs.
            return smoke ? exitCode.get(SmokeRun.TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS) : exitCode.get();
        } catch (TimeoutException e) {
            System.out.println("OpsDeck smoke: FAILED: the console did not finish within " + (SmokeRun.TIMEOUT.toSeconds() + 30) + " s");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ExecutionException e) {
            return 1;
        }
    }
}
