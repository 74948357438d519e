package dev.opsdeck.console.shell;

import java.util.Locale;

/**
 * The console's screens in navigation order; the position is also the Ctrl+1..9 shortcut.
 * {@code available} is false while a screen's issue is open: its page then says so plainly.
 */
public enum Screen {
    OVERVIEW(true),
    WORKERS(false),
    JOBS(false),
    CHAIN(false),
    ALERTS(false),
    OPERATIONS(true),
    METRICS(false),
    AUDIT(false),
    SETTINGS(false);

    private final boolean available;

    Screen(boolean available) {
        this.available = available;
    }

    public boolean available() {
        return available;
    }

    /** Stable id: string keys ({@code screen.<id>}), node ids ({@code nav-<id>}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** 1-based shortcut digit. */
    public int shortcut() {
        return ordinal() + 1;
    }
}
