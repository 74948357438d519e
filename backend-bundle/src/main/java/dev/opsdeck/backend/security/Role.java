package dev.opsdeck.backend.security;

/** What a caller is. Admin may do everything; viewer reads dashboards; worker posts ingest. */
public enum Role {
    ADMIN, VIEWER, WORKER, ANONYMOUS
}
