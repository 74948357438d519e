package dev.opsdeck.console.connection;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A backend the console talks to, and how it authenticates.
 *
 * @param environmentName shown in the navigation and the status bar
 * @param baseUrl         without a trailing slash
 * @param adminKey        sent as {@code X-Admin-Key} when present
 * @param bearerToken     sent as {@code Authorization: Bearer} when present and there is no admin key
 * @param production      a production environment: the window wears a danger accent
 */
public record ConnectionTarget(String environmentName, URI baseUrl, Optional<String> adminKey,
                               Optional<String> bearerToken, boolean production) {

    public ConnectionTarget {
        Objects.requireNonNull(environmentName, "environmentName");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(adminKey, "adminKey");
        Objects.requireNonNull(bearerToken, "bearerToken");
    }

    /** Name of a remote environment: its host, with the port when it is not the scheme's default. */
    public static String hostName(URI url) {
        return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    /** Never prints credentials. */
    @Override
    public String toString() {
        return "ConnectionTarget[" + environmentName + ", " + baseUrl + ", production=" + production + "]";
    }
}
