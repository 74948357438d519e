package dev.opsdeck.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.connection.BackendClient;
import dev.opsdeck.console.embedded.EmbeddedDemoBackend;
import dev.opsdeck.console.fx.FxUiExecutor;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.shell.Screen;
import dev.opsdeck.console.startup.ConsoleOptions;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real console window (headless Monocle) on a real embedded demo backend in {@code dataDir}, for screen tests:
 * open it in {@code @BeforeEach}, {@link #close()} it in {@code @AfterEach}.
 */
public final class ConsoleFixture implements AutoCloseable {
    public final FxRobot robot = new FxRobot();
    private final FxUiExecutor ui = new FxUiExecutor();
    private final OkHttpClient http = BackendClient.defaultHttpClient();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private Console console;
    private Stage stage;

    /**
     * Opens the window and waits until the status bar says connected: on the embedded demo in {@code dataDir}, or with
     * {@code "--connect", url, "--token", t} on a backend the test started.
     */
    public static ConsoleFixture open(Path dataDir, String... extraArgs) throws Exception {
        ConsoleFixture f = new ConsoleFixture();
        // Settings and environment profiles in the test's directory, never in the real user's config.
        List<String> args = new java.util.ArrayList<>(List.of("--config-dir", dataDir.resolve("console-config").toString()));
        if (!List.of(extraArgs).contains("--connect")) {
            // --data-dir is the embedded backend's; with --connect the console refuses it.
            args.addAll(List.of("--data-dir", dataDir.toString()));
        }
        args.addAll(List.of(extraArgs));
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            f.console = new Console(ConsoleOptions.parse(args), f.ui, f.http, new ObjectMapper(), new Resources(),
                    new EmbeddedDemoBackend("warn"), dataDir, f.exitCode::complete);
            f.stage = new Stage();
            f.stage.setWidth(1280);
            f.stage.setHeight(800);
            f.console.start(f.stage);
        });
        // Scoped to this window: a window left open by an earlier failed test must not answer for this one.
        Label state = f.find("#connectionState").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> "connected".equals(state.getText()));
        return f;
    }

    /** Looks up nodes in this fixture's window only (never in a window another test left open). */
    public org.testfx.service.query.NodeQuery find(String query) {
        return robot.from(stage.getScene().getRoot()).lookup(query);
    }

    public Console console() {
        return console;
    }

    public Stage stage() {
        return stage;
    }

    public URI baseUrl() {
        return console.baseUrl().orElseThrow();
    }

    /** The console's API client (admin key of the embedded demo); call it off the FX thread. */
    public dev.opsdeck.console.connection.ApiClient api() throws dev.opsdeck.console.connection.ApiException {
        return console.session().api();
    }

    /** Goes to {@code screen} with its keyboard shortcut, as a user would. */
    public void goTo(Screen screen) {
        KeyCode digit = KeyCode.getKeyCode(Integer.toString(screen.shortcut()));
        robot.press(KeyCode.CONTROL, digit).release(digit, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Override
    public void close() throws Exception {
        try {
            FxToolkit.setupFixture(() -> console.shutdown(0));
            // Shutdown waits for an embedded start still under way: allow as long as open() allows the start.
            exitCode.get(90, TimeUnit.SECONDS);
        } finally {
            // Even after a failed shutdown the window goes, so it cannot answer the next test's lookups.
            FxToolkit.setupFixture(() -> stage.close());
            ui.close();
        }
    }
}
