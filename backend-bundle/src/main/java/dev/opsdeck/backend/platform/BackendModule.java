package dev.opsdeck.backend.platform;

import dev.opsdeck.backend.platform.http.Routes;

/**
 * One domain of the backend (workers, jobs, chain, alerts, ops, security, demo). The factory builds
 * each module by constructor injection, collects its routes, then starts and stops it with the server.
 */
public interface BackendModule {
    /** Short name for logs and the services registry. */
    String name();

    /** Adds this module's HTTP routes to the table. */
    default void routes(Routes routes) {
    }

    /** Starts background work (schedulers, simulators, pollers). Called after the server listens. */
    default void start() {
    }

    /** Stops background work; called before the server and the pool close. Must not throw. */
    default void stop() {
    }
}
