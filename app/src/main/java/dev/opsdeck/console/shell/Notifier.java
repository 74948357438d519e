package dev.opsdeck.console.shell;

/** Desktop notifications for events the user subscribed to (firing alert, worker offline, backup finished). */
public interface Notifier {
    enum Level { INFO, WARNING, ERROR }

    /** Shows a notification; call on the UI thread. */
    void post(Level level, String title, String text);
}
