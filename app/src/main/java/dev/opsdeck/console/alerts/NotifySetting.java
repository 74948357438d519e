package dev.opsdeck.console.alerts;

import dev.opsdeck.console.settings.AlertLevel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Locale;

/**
 * The lowest severity that raises a desktop notification, as the alerts page's "Notify from" box sees it: a view
 * of the Settings page's one stored value ({@link AlertLevel}), so the two places never disagree and the choice
 * survives a restart with the other settings. Default {@code critical}: a warning should not pull an operator out
 * of another window.
 */
public final class NotifySetting {
    private final ObjectProperty<AlertLevel> level;
    private final StringProperty threshold = new SimpleStringProperty(this, "threshold");

    public NotifySetting(ObjectProperty<AlertLevel> level) {
        this.level = level;
        threshold.set(name(level.get()));
        level.addListener((obs, old, now) -> threshold.set(name(now)));
        threshold.addListener((obs, old, now) -> {
            if (now != null && Severity.ALL.contains(now)) {
                level.set(AlertLevel.valueOf(now.toUpperCase(Locale.ROOT)));
            }
        });
    }

    /** critical, warning, info, or off (notifications switched off on the Settings page). */
    public StringProperty thresholdProperty() {
        return threshold;
    }

    /** True when an alert of {@code severity} should raise a notification. */
    public boolean notifies(String severity) {
        return level.get().admits(severity);
    }

    private static String name(AlertLevel l) {
        return l == null ? "critical" : l.name().toLowerCase(Locale.ROOT);
    }
}
