package dev.opsdeck.console.connection;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/** Network failures in words a user can act on, for every client of a backend. */
final class ConnectionErrors {
    private ConnectionErrors() {
    }

    /** Why talking to {@code baseUrl} failed; {@code timeout} is the limit a timed-out call ran into. */
    static String describe(URI baseUrl, IOException e, Duration timeout) {
        String where = ConnectionTarget.hostName(baseUrl);
        if (e instanceof ConnectException) {
            return "cannot connect to " + where + " (connection refused)";
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return "no answer from " + where + " within " + timeout.toSeconds() + " s";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + baseUrl.getHost();
        }
        if (e instanceof NoRouteToHostException) {
            return "no network route to " + where;
        }
        if (e instanceof SSLException) {
            return "TLS handshake with " + where + " failed: " + e.getMessage();
        }
        return "connection to " + where + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
