package dev.opsdeck.console.palette;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.ConsoleFixture;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl+K, type, Enter: screens, actions and workers without the mouse. */
class CommandPaletteTest {
    @TempDir
    Path dir;

    private ConsoleFixture fixture;

    @BeforeEach
    void open() throws Exception {
        fixture = ConsoleFixture.open(dir);
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private void ctrlK() {
        fixture.robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private ListView<?> results() {
        return fixture.find("#paletteResults").queryAs(ListView.class);
    }

    @Test
    void ctrlKFindsAScreenByAFewLettersAndEnterGoesThere() {
        ctrlK();
        Node palette = fixture.find("#commandPalette").query();
        assertThat(palette.isVisible()).isTrue();
        assertThat(fixture.find("#paletteQuery").queryAs(TextField.class).isFocused()).isTrue();

        fixture.robot.write("setings");
        fixture.robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fixture.find("#pageTitle").queryAs(Label.class).getText()).isEqualTo("Settings");
        assertThat(palette.isVisible()).isFalse();
    }

    @Test
    void arrowsChooseAmongMatchesAndEscapeCloses() {
        ctrlK();
        fixture.robot.write("theme");
        assertThat(results().getItems()).extracting(c -> ((PaletteCommand) c).title()).first().isEqualTo("Toggle theme");
        fixture.robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fixture.stage().getScene().getStylesheets()).anyMatch(s -> s.endsWith("/dark.css"));

        ctrlK();
        fixture.robot.write("o");
        fixture.robot.type(KeyCode.DOWN);
        assertThat(results().getSelectionModel().getSelectedIndex()).isEqualTo(1);
        fixture.robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fixture.find("#commandPalette").query().isVisible()).isFalse();
    }

    @Test
    void workersOfTheBackendAreFound() throws Exception {
        JsonNode workers = fixture.api().get("/api/network/workers?limit=5");
        String id = workers.path("items").get(0).path("worker_id").asText();
        ctrlK();
        fixture.robot.write(id);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> results().getItems().stream()
                .anyMatch(c -> ((PaletteCommand) c).title().startsWith(id) && ((PaletteCommand) c).kind().equals("Worker")));

        // Enter on the worker opens the workers screen on that worker, its detail pane showing it.
        ListView<?> list = results();
        int index = 0;
        while (!(((PaletteCommand) list.getItems().get(index)).title().startsWith(id)
                && ((PaletteCommand) list.getItems().get(index)).kind().equals("Worker"))) {
            index++;
        }
        for (int i = 0; i < index; i++) {
            fixture.robot.type(KeyCode.DOWN);
        }
        fixture.robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fixture.robot.lookup("#detailTitle").tryQuery()
                .map(n -> id.equals(((Label) n).getText())).orElse(false));
    }
}
