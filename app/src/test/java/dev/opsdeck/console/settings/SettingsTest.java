package dev.opsdeck.console.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.shell.Notifier;
import dev.opsdeck.console.theme.Theme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsTest {
    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void settingsSurviveARestart() throws IOException {
        Settings s = new Settings();
        s.themeModeProperty().set(ThemeMode.SYSTEM);
        s.refreshSecondsProperty().set(17);
        s.temperatureUnitProperty().set(TemperatureUnit.FAHRENHEIT);
        s.startupEnvironmentProperty().set("staging");
        s.notifyAlertsProperty().set(AlertLevel.WARNING);
        s.notifyWorkerOfflineProperty().set(false);
        s.notifyBackupFinishedProperty().set(true);
        SettingsStore store = new SettingsStore(dir, json);
        store.save(store.snapshot(s));

        Settings back = new Settings();
        new SettingsStore(dir, json).load(back);
        assertThat(store.snapshot(back)).isEqualTo(store.snapshot(s));
    }

    @Test
    void aHandEditedFileWithNonsenseKeepsDefaults() throws IOException {
        Files.writeString(dir.resolve(SettingsStore.FILE), "{\"theme\": \"purple\", \"refresh_seconds\": 0}");
        Settings s = new Settings();
        new SettingsStore(dir, json).load(s);
        assertThat(s.themeModeProperty().get()).isEqualTo(ThemeMode.LIGHT);
        assertThat(s.getRefreshSeconds()).isEqualTo(Settings.MIN_REFRESH_SECONDS);
    }

    @Test
    void temperaturesInTheChosenUnit() {
        assertThat(TemperatureUnit.CELSIUS.format(71.4)).isEqualTo("71 \u00b0C");
        assertThat(TemperatureUnit.FAHRENHEIT.format(100)).isEqualTo("212 \u00b0F");
    }

    @Test
    void systemThemeFromGtkThemeOrGsettings() {
        assertThat(SystemTheme.detect(Map.of("GTK_THEME", "Adwaita:dark"), () -> "")).isEqualTo(Theme.DARK);
        assertThat(SystemTheme.detect(Map.of(), () -> "'prefer-dark'\n")).isEqualTo(Theme.DARK);
        assertThat(SystemTheme.detect(Map.of(), () -> "")).isEqualTo(Theme.LIGHT);
    }

    @Test
    void notificationsFollowTheSubscriptions() throws IOException {
        Settings s = new Settings();
        EventNotifications rules = new EventNotifications(s);
        JsonNode warning = json.readTree("{\"type\":\"alert.firing\",\"topic\":\"alerts\",\"data\":{\"rule_name\":\"GpuHot\",\"severity\":\"warning\",\"value\":91}}");
        JsonNode critical = json.readTree("{\"type\":\"alert.firing\",\"topic\":\"alerts\",\"data\":{\"rule_name\":\"WorkerDown\",\"severity\":\"critical\"}}");
        JsonNode offline = json.readTree("{\"type\":\"worker.state_changed\",\"topic\":\"workers\",\"data\":{\"worker_id\":\"w1\",\"from\":\"stale\",\"to\":\"offline\"}}");
        JsonNode backup = json.readTree("{\"type\":\"backup.completed\",\"topic\":\"ops\",\"data\":{\"backup_id\":\"b1\",\"type\":\"full\"}}");

        assertThat(rules.decide(warning)).as("default: critical only").isEmpty();
        assertThat(rules.decide(critical)).get().extracting(EventNotifications.Note::level).isEqualTo(Notifier.Level.ERROR);
        assertThat(rules.decide(offline)).get().extracting(EventNotifications.Note::title).isEqualTo("Worker offline: w1");
        assertThat(rules.decide(backup)).as("backups are off by default").isEmpty();

        s.notifyAlertsProperty().set(AlertLevel.WARNING);
        s.notifyWorkerOfflineProperty().set(false);
        s.notifyBackupFinishedProperty().set(true);
        assertThat(rules.decide(warning)).get().extracting(EventNotifications.Note::text).asString().contains("GpuHot", "91");
        assertThat(rules.decide(offline)).isEmpty();
        assertThat(rules.decide(backup)).isPresent();
        s.notifyAlertsProperty().set(AlertLevel.OFF);
        assertThat(rules.decide(critical)).isEmpty();
    }
}
