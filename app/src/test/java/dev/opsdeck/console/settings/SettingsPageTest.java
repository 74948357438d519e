package dev.opsdeck.console.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.ConsoleFixture;
import dev.opsdeck.console.shell.Screen;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Choices on the Settings page take effect at once, are saved, and a new window opens with them. */
class SettingsPageTest {
    @TempDir
    Path dir;

    private JsonNode saved() throws Exception {
        return new ObjectMapper().readTree(dir.resolve("console-config").resolve(SettingsStore.FILE).toFile());
    }

    @Test
    void choicesApplyAtOnceAndSurviveANewWindow() throws Exception {
        ConsoleFixture fixture = ConsoleFixture.open(dir);
        try {
            fixture.goTo(Screen.SETTINGS);
            @SuppressWarnings("unchecked")
            ComboBox<ThemeMode> theme = fixture.find("#themeMode").queryAs(ComboBox.class);
            fixture.robot.interact(() -> theme.getSelectionModel().select(ThemeMode.DARK));
            assertThat(fixture.stage().getScene().getStylesheets()).anyMatch(s -> s.endsWith("/dark.css"));

            // Keyboard: Space toggles the focused check box.
            CheckBox backups = fixture.find("#notifyBackup").queryAs(CheckBox.class);
            fixture.robot.interact(backups::requestFocus);
            fixture.robot.type(KeyCode.SPACE);
            assertThat(backups.isSelected()).isTrue();

            Path file = dir.resolve("console-config").resolve(SettingsStore.FILE);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(file)
                    && saved().path("notifications").path("backup_finished").asBoolean());
            assertThat(saved().path("theme").asText()).isEqualTo("dark");

            // Toggling by hand (Ctrl+Shift+T) becomes the setting too.
            fixture.robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.T).release(KeyCode.T, KeyCode.SHIFT, KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(theme.getValue()).isEqualTo(ThemeMode.LIGHT);
            fixture.robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.T).release(KeyCode.T, KeyCode.SHIFT, KeyCode.CONTROL);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "dark".equals(saved().path("theme").asText()));
        } finally {
            fixture.close();
        }

        ConsoleFixture again = ConsoleFixture.open(dir);
        try {
            assertThat(again.stage().getScene().getStylesheets()).as("opens in the saved theme").anyMatch(s -> s.endsWith("/dark.css"));
            again.goTo(Screen.SETTINGS);
            assertThat(again.find("#notifyBackup").queryAs(CheckBox.class).isSelected()).isTrue();
        } finally {
            again.close();
        }
    }
}
