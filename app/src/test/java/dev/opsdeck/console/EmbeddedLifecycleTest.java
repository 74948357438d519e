package dev.opsdeck.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.api.Profile;
import dev.opsdeck.backend.api.RunningBackend;
import dev.opsdeck.console.connection.BackendClient;
import dev.opsdeck.console.embedded.BackendStarter;
import dev.opsdeck.console.fx.FxUiExecutor;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.startup.ConsoleOptions;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The window around a slow or failing embedded start, with a scripted backend starter. */
class EmbeddedLifecycleTest {
    private final FxRobot robot = new FxRobot();
    private final FxUiExecutor ui = new FxUiExecutor();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger stops = new AtomicInteger();
    private Stage stage;

    @AfterEach
    void close() throws Exception {
        release.countDown();
        if (stage != null) {
            FxToolkit.setupFixture(() -> stage.close());
        }
        ui.close();
    }

    @Test
    void windowStaysResponsiveWhileTheBackendStartsAndClosingThenStopsIt() throws Exception {
        Console console = open(dir -> {
            awaitRelease();
            return new FakeBackend();
        });
        Label reason = robot.lookup("#connectionReason").queryAs(Label.class);
        assertThat(robot.lookup("#connectionState").queryAs(Label.class).getText()).isEqualTo("connecting");
        assertThat(reason.getText()).isEqualTo("starting embedded backend…");

        // The FX thread is free while Backend.start blocks: a close request is handled at once...
        FxToolkit.setupFixture(() -> console.shutdown(0));
        assertThat(exitCode).as("but the app does not exit before the backend it started is stopped").isNotDone();

        release.countDown();
        assertThat(exitCode.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(stops.get()).as("the late backend is stopped, not orphaned").isEqualTo(1);
    }

    @Test
    void failedStartIsShownInWordsAsOffline() throws Exception {
        open(dir -> {
            throw new IllegalStateException("port 0 on 127.0.0.1 could not be bound: permission denied");
        });
        Label state = robot.lookup("#connectionState").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "offline".equals(state.getText()));
        assertThat(robot.lookup("#connectionReason").queryAs(Label.class).getText())
                .isEqualTo("the embedded backend did not start: port 0 on 127.0.0.1 could not be bound: permission denied");
        assertThat(robot.lookup("#latency").queryAs(Label.class).getText()).isEqualTo("\u2014 ms");
    }

    private Console open(BackendStarter starter) throws Exception {
        FxToolkit.registerPrimaryStage();
        Console[] console = new Console[1];
        FxToolkit.setupFixture(() -> {
            console[0] = new Console(ConsoleOptions.parse(List.of()), ui, BackendClient.defaultHttpClient(), new ObjectMapper(),
                    new Resources(), starter, Path.of("unused"), exitCode::complete);
            stage = new Stage();
            console[0].start(stage);
        });
        return console[0];
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Listens nowhere: stands for a backend that started; only its stop matters here. */
    private final class FakeBackend implements RunningBackend {
        @Override public URI baseUrl() { return URI.create("http://127.0.0.1:9"); }
        @Override public String adminKey() { return "k"; }
        @Override public List<String> viewerTokens() { return List.of(); }
        @Override public List<String> apiTokens() { return List.of(); }
        @Override public Profile profile() { return Profile.DEMO; }
        @Override public Path dataDir() { return Path.of("unused"); }
        @Override public String storeDescription() { return "none"; }
        @Override public void stop() { stops.incrementAndGet(); }
    }
}
