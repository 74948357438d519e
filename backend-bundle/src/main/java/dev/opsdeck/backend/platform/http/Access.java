package dev.opsdeck.backend.platform.http;

/** Who may call a route. The route table names one per route, so no route escapes authorisation. */
public enum Access {
    /** Health probes and similar: anybody. */
    PUBLIC,
    /** Dashboard reads: public when the dashboard is public (dev), otherwise a viewer token or the admin key (API tokens only post). */
    DASHBOARD,
    /** Worker ingest (heartbeats, metrics, workloads): API token or admin. */
    WORKER,
    /** Admin actions and admin reads: the admin key only. */
    ADMIN
}
