package dev.opsdeck.console.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.live.LiveEvents;
import dev.opsdeck.console.shell.Notifier;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns live events into the desktop notifications the user subscribed to in Settings: a newly firing alert at or
 * above the chosen severity ({@code alerts}/{@code alert.firing}), a worker going offline ({@code workers}/
 * {@code worker.state_changed} to offline), a finished backup ({@code ops}/{@code backup.completed|failed}).
 */
public final class EventNotifications {
    /** A notification to post. */
    public record Note(Notifier.Level level, String title, String text) { }

    private final Settings settings;

    public EventNotifications(Settings settings) {
        this.settings = settings;
    }

    /** Subscribes to the feed; {@code environment} names the current environment in each notification's title. */
    public void attach(LiveEvents live, Notifier notifier, Supplier<String> environment) {
        for (String topic : List.of("alerts", "workers", "ops")) {
            live.subscribe(topic, events -> events.forEach(e -> decide(e).ifPresent(n ->
                    notifier.post(n.level(), n.title() + " \u2014 " + environment.get(), n.text()))));
        }
    }

    /** The notification an event deserves under the current settings, if any. */
    public Optional<Note> decide(JsonNode event) {
        String type = event.path("type").asText("");
        JsonNode data = event.path("data");
        switch (type) {
            case "alert.firing" -> {
                String severity = data.path("severity").asText("");
                if (settings.notifyAlertsProperty().get().admits(severity)) {
                    Notifier.Level level = "critical".equals(severity) ? Notifier.Level.ERROR : Notifier.Level.WARNING;
                    return Optional.of(new Note(level, "Alert firing: " + data.path("rule_name").asText(),
                            severity + " alert " + data.path("rule_name").asText() + " is firing" + value(data)));
                }
            }
            case "worker.state_changed" -> {
                if ("offline".equals(data.path("to").asText()) && settings.notifyWorkerOfflineProperty().get()) {
                    return Optional.of(new Note(Notifier.Level.WARNING, "Worker offline: " + data.path("worker_id").asText(),
                            "no heartbeat from " + data.path("worker_id").asText() + " (was " + data.path("from").asText() + ")"));
                }
            }
            case "backup.completed", "backup.failed" -> {
                if (settings.notifyBackupFinishedProperty().get()) {
                    boolean ok = type.equals("backup.completed");
                    return Optional.of(new Note(ok ? Notifier.Level.INFO : Notifier.Level.ERROR,
                            ok ? "Backup finished" : "Backup failed",
                            data.path("type").asText() + " backup " + data.path("backup_id").asText()
                                    + (ok ? " completed" : " failed: " + data.path("error").asText())));
                }
            }
            default -> { }
        }
        return Optional.empty();
    }

    private static String value(JsonNode data) {
        return data.hasNonNull("value") ? " (value " + data.path("value").asText() + ")" : "";
    }
}
