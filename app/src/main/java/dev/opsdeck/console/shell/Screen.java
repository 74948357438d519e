package dev.opsdeck.console.shell;

import java.util.Locale;

/** The console's screens in navigation order; the position is also the Ctrl+1..9 shortcut. */
public enum Screen {
    OVERVIEW,
    WORKERS,
    JOBS,
    CHAIN,
    ALERTS,
    OPERATIONS,
    METRICS,
    AUDIT,
    SETTINGS;

    /** Stable id: string keys ({@code screen.<id>}), node ids ({@code nav-<id>}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** 1-based shortcut digit. */
    public int shortcut() {
        return ordinal() + 1;
    }
}
