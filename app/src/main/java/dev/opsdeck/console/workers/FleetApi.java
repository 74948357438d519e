package dev.opsdeck.console.workers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.shell.Session;

/**
 * The dashboard reads the fleet view models need: one GET returning JSON. Blocking, called off the UI thread.
 * A function rather than the {@code ApiClient} itself so view-model tests answer paths from a map.
 */
@FunctionalInterface
public interface FleetApi {
    JsonNode get(String path) throws ApiException;

    /** Reads through the session's current client, so a reconnect is picked up without rebuilding the screen. */
    static FleetApi of(Session session) {
        return path -> session.api().get(path);
    }
}
