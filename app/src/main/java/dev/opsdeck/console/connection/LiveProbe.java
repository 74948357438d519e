package dev.opsdeck.console.connection;

/** One liveness round trip to the backend; blocking, so never called on the UI thread. */
@FunctionalInterface
public interface LiveProbe {

    /** Round-trip time in milliseconds of a successful {@code GET /health/live}. */
    long roundTripMillis() throws BackendUnavailableException;
}
