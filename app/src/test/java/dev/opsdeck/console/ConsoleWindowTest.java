package dev.opsdeck.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.connection.BackendClient;
import dev.opsdeck.console.embedded.EmbeddedDemoBackend;
import dev.opsdeck.console.fx.FxUiExecutor;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.startup.ConsoleOptions;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real console window (headless Monocle) on a real embedded backend in a temporary data directory. */
class ConsoleWindowTest {
    @TempDir
    Path dataDir;

    private final FxRobot robot = new FxRobot();
    private final FxUiExecutor ui = new FxUiExecutor();
    private final OkHttpClient http = BackendClient.defaultHttpClient();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private Console console;
    private Stage stage;

    @BeforeEach
    void open() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            console = new Console(ConsoleOptions.parse(List.of("--data-dir", dataDir.toString(),
                    "--config-dir", dataDir.resolve("console-config").toString())), ui, http,
                    new ObjectMapper(), new Resources(), new EmbeddedDemoBackend("warn"), dataDir, exitCode::complete);
            stage = new Stage();
            console.start(stage);
        });
    }

    @AfterEach
    void close() throws Exception {
        // Generous: on a loaded machine the embedded backend may still be starting, and stops only once started.
        FxToolkit.setupFixture(() -> console.shutdown(0));
        try {
            exitCode.get(120, TimeUnit.SECONDS);
        } finally {
            // Close the window even when the backend was slow, so later tests never look into this one.
            FxToolkit.setupFixture(() -> stage.close());
            ui.close();
        }
    }

    @Test
    void statusBarReachesConnectedWithLiveLatency() throws Exception {
        Label state = robot.lookup("#connectionState").queryAs(Label.class);
        assertThat(robot.lookup("#statusEnvironment").queryAs(Label.class).getText()).isEqualTo("Embedded demo");

        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> "connected".equals(state.getText()));
        assertThat(robot.lookup("#latency").queryAs(Label.class).getText()).matches("\\d+ ms");
        assertThat(robot.lookup("#connectionReason").queryAs(Label.class).isVisible()).isFalse();

        // The overview is a live page: the backend's database component appears with its status.
        TableView<?> components = robot.lookup("#healthComponents").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !components.getItems().isEmpty());
        assertThat(robot.lookup("#overallStatus").queryAs(Label.class).getText()).isEqualTo("Backend UP");
        // What the user reads: a rendered row naming the database (cells appear on the next layout pulse).
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".table-cell").queryAll().stream()
                .anyMatch(n -> n instanceof Labeled && "database".equals(((Labeled) n).getText())));
    }

    @Test
    void closingStopsTheEmbeddedBackend() throws Exception {
        Label state = robot.lookup("#connectionState").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> "connected".equals(state.getText()));
        URI url = console.baseUrl().orElseThrow();

        FxToolkit.setupFixture(() -> console.shutdown(0));
        assertThat(exitCode.get(30, TimeUnit.SECONDS)).isZero();
        assertThatThrownBy(() -> new Socket(url.getHost(), url.getPort()).close())
                .as("nothing listens on the embedded port after close").isInstanceOf(ConnectException.class);
    }

    @Test
    void keyboardSwitchesScreensAndTheme() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#pageTitle").queryAs(Label.class).getText()).isEqualTo("Jobs");
        assertThat(robot.lookup("#nav-jobs").queryAs(Node.class).getPseudoClassStates().toString()).contains("selected");

        assertThat(stage.getScene().getStylesheets()).anyMatch(s -> s.endsWith("/light.css"));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.T).release(KeyCode.T, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getStylesheets()).anyMatch(s -> s.endsWith("/dark.css"))
                .noneMatch(s -> s.endsWith("/light.css"));

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#healthComponents").tryQuery()).isPresent();
    }

}
