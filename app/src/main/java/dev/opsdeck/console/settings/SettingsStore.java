package dev.opsdeck.console.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * {@code settings.json} in the config directory. Reading tolerates a hand-edited file: an unknown or missing value
 * keeps its default rather than refusing to start. Blocking file I/O: call off the UI thread (loading once at
 * start-up before the window shows is the exception: the theme must be known for the first frame).
 */
public final class SettingsStore {
    static final String FILE = "settings.json";
    private final Path file;
    private final ObjectMapper json;

    public SettingsStore(Path configDir, ObjectMapper json) {
        this.file = configDir.resolve(FILE);
        this.json = json;
    }

    /** Copies the saved values into {@code into}; a missing file changes nothing. */
    public void load(Settings into) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        JsonNode s = json.readTree(file.toFile());
        into.themeModeProperty().set(enumOr(ThemeMode.class, s.path("theme").asText(), into.themeModeProperty().get()));
        int refresh = s.path("refresh_seconds").asInt(into.getRefreshSeconds());
        into.refreshSecondsProperty().set(Math.max(Settings.MIN_REFRESH_SECONDS, Math.min(Settings.MAX_REFRESH_SECONDS, refresh)));
        into.temperatureUnitProperty().set(enumOr(TemperatureUnit.class, s.path("temperature_unit").asText(), into.getTemperatureUnit()));
        into.startupEnvironmentProperty().set(s.path("startup_environment").asText(""));
        JsonNode n = s.path("notifications");
        into.notifyAlertsProperty().set(enumOr(AlertLevel.class, n.path("alerts_from_severity").asText(), into.notifyAlertsProperty().get()));
        into.notifyWorkerOfflineProperty().set(n.path("worker_offline").asBoolean(into.notifyWorkerOfflineProperty().get()));
        into.notifyBackupFinishedProperty().set(n.path("backup_finished").asBoolean(into.notifyBackupFinishedProperty().get()));
    }

    /** Writes a snapshot taken on the UI thread (see {@link #snapshot}). */
    public void save(ObjectNode snapshot) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), snapshot);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The values as JSON, taken on the UI thread so the write can happen elsewhere. */
    public ObjectNode snapshot(Settings s) {
        ObjectNode o = json.createObjectNode();
        o.put("theme", s.themeModeProperty().get().name().toLowerCase(Locale.ROOT));
        o.put("refresh_seconds", s.getRefreshSeconds());
        o.put("temperature_unit", s.getTemperatureUnit().name().toLowerCase(Locale.ROOT));
        o.put("startup_environment", s.startupEnvironmentProperty().get());
        ObjectNode n = o.putObject("notifications");
        n.put("alerts_from_severity", s.notifyAlertsProperty().get().name().toLowerCase(Locale.ROOT));
        n.put("worker_offline", s.notifyWorkerOfflineProperty().get());
        n.put("backup_finished", s.notifyBackupFinishedProperty().get());
        return o;
    }

    private static <E extends Enum<E>> E enumOr(Class<E> type, String text, E fallback) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
