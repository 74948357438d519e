package dev.opsdeck.backend.platform.http;

/** Who may call a route. The route table names one per route, so no route escapes authorisation. */
public enum Access {
    /** Health probes and similar: anybody. */
    PUBLIC,
    /** Dashboard reads: public when the dashboard is public (dev), otherwise viewer, API or admin token. */
    DASHBOARD,
    /** Worker ingest (heartbeats, metrics, workloads): API token or admin. */
    WORKER,
    /** Admin actions and admin reads: the admin key only. */
    ADMIN
}
