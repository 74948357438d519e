package dev.opsdeck.backend.platform.services;

/**
 * An upstream connection or background service an operator can see and act on
 * (RPC providers, the indexer, the alert webhook, schedulers, demo simulators, external daemons).
 * Implementations must make every method safe to call from request threads and return quickly;
 * long work (a reconnect that probes) runs inside the call but should be bounded by a timeout.
 */
public interface ManagedService {
    /** Stable name used in URLs, e.g. {@code starknet-rpc-0}, {@code indexer}, {@code alert-webhook}. */
    String name();

    /** What kind: {@code upstream}, {@code background}, {@code database}, {@code simulator}. */
    String kind();

    /** Current state and numbers. */
    ServiceStatus status();

    /** Drops and re-establishes the connection, then checks it once. Returns the status after. */
    default ServiceStatus reconnect() {
        return status();
    }

    /** Starts a stopped background service. */
    default ServiceStatus start() {
        throw new UnsupportedOperationException(name() + " cannot be started or stopped");
    }

    /** Stops a background service. */
    default ServiceStatus stop() {
        throw new UnsupportedOperationException(name() + " cannot be started or stopped");
    }

    /** Whether {@link #start()} and {@link #stop()} apply. */
    default boolean startStoppable() {
        return false;
    }
}
