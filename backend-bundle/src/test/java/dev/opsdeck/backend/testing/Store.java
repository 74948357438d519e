package dev.opsdeck.backend.testing;

/** The two stores every storage and route test runs against. */
public enum Store {
    H2, POSTGRESQL
}
