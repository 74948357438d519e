package dev.opsdeck.console.environments;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.ConsoleFixture;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl+Shift+A: one list across every environment; an unreachable one says why; Enter opens a row's environment. */
class AnywhereTest {
    @TempDir
    Path dir;

    @Test
    void everyEnvironmentAtOnceAndEnterOpensARowsEnvironment() throws Exception {
        new ProfileStore(dir.resolve("console-config"), new ObjectMapper()).save(List.of(new EnvironmentProfile("lab",
                URI.create("http://127.0.0.1:1"), Optional.of("k"), Optional.empty(), "#8250df", false)));
        ConsoleFixture fixture = ConsoleFixture.open(dir);
        try {
            fixture.robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A).release(KeyCode.A, KeyCode.SHIFT, KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            TableView<?> table = fixture.robot.lookup("#anywhereTable").queryAs(TableView.class);
            Label summary = fixture.robot.lookup("#anywhereSummary").queryAs(Label.class);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> summary.getText().contains("from 2 environment(s)"));

            List<AnywhereRow> rows = table.getItems().stream().map(AnywhereRow.class::cast).toList();
            assertThat(rows).anySatisfy(r -> {
                assertThat(r.environment()).isEqualTo("lab");
                assertThat(r.kind()).isEqualTo("unreachable");
                assertThat(r.detail()).contains("connection refused");
            });
            assertThat(rows).as("the embedded demo answered (its rows, if any, are alerts or offline workers)")
                    .noneMatch(r -> r.environment().equals("Embedded demo") && r.kind().equals("unreachable"));

            int lab = rows.indexOf(rows.stream().filter(r -> r.environment().equals("lab")).findFirst().orElseThrow());
            fixture.robot.interact(() -> {
                table.requestFocus();
                table.getSelectionModel().select(lab);
            });
            fixture.robot.type(KeyCode.ENTER);
            Label environment = fixture.find("#environmentName").queryAs(Label.class);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "lab".equals(environment.getText()));
            fixture.robot.type(KeyCode.ESCAPE);
        } finally {
            fixture.close();
        }
    }
}
