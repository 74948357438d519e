package dev.opsdeck.backend.ops;

import java.io.IOException;

/** One health check of an upstream; throws when it cannot be reached or answers badly. */
interface Probe {
    /**
     * @param state  {@code up} or {@code degraded} (reachable but not healthy)
     * @param detail what the upstream said, for the operator
     */
    record Outcome(String state, String detail) {
    }

    /** How this probe checks, shown in the status ({@code grpc-health}, {@code tcp-connect}, {@code http-get}). */
    String method();

    Outcome check(String host, int port, int timeoutMs) throws IOException;
}
