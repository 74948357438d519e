package dev.opsdeck.backend.platform.store;

/** Which database the backend runs on. SQL written for both uses the common dialect (see migrations). */
public enum StoreKind {
    H2, POSTGRESQL
}
