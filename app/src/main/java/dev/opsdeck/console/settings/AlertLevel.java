package dev.opsdeck.console.settings;

import java.util.Locale;

/** From which severity a newly firing alert becomes a desktop notification; {@link #OFF} for none. */
public enum AlertLevel {
    OFF, CRITICAL, WARNING, INFO;

    /** True when an alert of backend severity {@code severity} ("critical", "warning", "info") is to be notified. */
    public boolean admits(String severity) {
        if (this == OFF) {
            return false;
        }
        int rank = switch (severity == null ? "" : severity.toLowerCase(Locale.ROOT)) {
            case "critical" -> 1;
            case "warning" -> 2;
            default -> 3;
        };
        return rank <= ordinal();
    }
}
