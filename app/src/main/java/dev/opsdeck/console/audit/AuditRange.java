package dev.opsdeck.console.audit;

import java.time.Duration;
import java.util.Optional;

/** The time ranges the audit filter offers; each is "from now back", so a poll keeps showing the latest rows. */
public enum AuditRange {
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1)),
    WEEK(Duration.ofDays(7)),
    MONTH(Duration.ofDays(30)),
    ALL(null);

    private final Duration span;

    AuditRange(Duration span) {
        this.span = span;
    }

    /** How far back the range reaches; empty for all time. */
    public Optional<Duration> span() {
        return Optional.ofNullable(span);
    }

    /** String key of its label. */
    public String key() {
        return "audit.range." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
