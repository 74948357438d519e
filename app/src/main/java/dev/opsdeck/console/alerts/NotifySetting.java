package dev.opsdeck.console.alerts;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.prefs.Preferences;

/**
 * The lowest severity that raises a desktop notification, kept per user with {@link Preferences} so it survives a
 * restart. Default {@code critical}: a warning should not pull an operator out of another window.
 */
public final class NotifySetting {
    /** Preferences node of the alerts screen. */
    public static final String NODE = "dev/opsdeck/console/alerts";
    static final String KEY = "notify_severity";
    static final String DEFAULT = "critical";

    private final StringProperty threshold = new SimpleStringProperty(this, "threshold");

    /** Reads the stored value from {@code node} and writes it back whenever it changes. */
    public NotifySetting(Preferences node) {
        String stored = node.get(KEY, DEFAULT);
        threshold.set(Severity.ALL.contains(stored) ? stored : DEFAULT);
        threshold.addListener((obs, old, now) -> {
            if (now != null && Severity.ALL.contains(now)) {
                node.put(KEY, now);
            }
        });
    }

    /** The user's node: {@value #NODE}. */
    public static NotifySetting user() {
        return new NotifySetting(Preferences.userRoot().node(NODE));
    }

    /** critical, warning or info. */
    public StringProperty thresholdProperty() {
        return threshold;
    }

    /** True when an alert of {@code severity} should raise a notification. */
    public boolean notifies(String severity) {
        return Severity.atLeast(severity, threshold.get());
    }
}
