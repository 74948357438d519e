package dev.opsdeck.console.status;

import java.util.Locale;

/** What the status bar says about the link to the backend. */
public enum ConnectionState {
    /** Never answered yet (includes the embedded backend still starting). */
    CONNECTING,
    /** The last liveness probe succeeded. */
    CONNECTED,
    /** Was connected, the last probes failed, retrying before declaring it offline. */
    RECONNECTING,
    /** Unreachable; retried with backoff in the background, the reason is shown. */
    OFFLINE;

    /** Key of the words for this state in the string bundle, also its style class. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
