package dev.opsdeck.console.shell;

/** What the current environment's credentials may do, as far as the console knows. */
public enum Role {
    /** Admin key or admin token: every action. */
    ADMIN,
    /** Viewer token or public dashboard reads: read-only. */
    VIEWER,
    /** Worker/API token: may post heartbeats and metrics, nothing an operator does. */
    WORKER,
    /** Not connected yet, or the role could not be determined. */
    UNKNOWN
}
