package dev.opsdeck.console.overview;

import dev.opsdeck.console.connection.BackendUnavailableException;
import dev.opsdeck.console.connection.HealthReport;

/** Where the overview reads {@code /health} from; blocking, called off the UI thread. */
@FunctionalInterface
public interface HealthSource {
    HealthReport health() throws BackendUnavailableException;
}
