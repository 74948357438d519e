package dev.opsdeck.console.environments;

import dev.opsdeck.console.connection.ConnectionTarget;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A saved environment: where its backend is and how to authenticate. The embedded demo is not a profile; it is
 * always the first entry of the environment list.
 *
 * @param name        unique, shown in the navigation, the title and the status bar
 * @param baseUrl     http(s) URL without a trailing slash
 * @param adminKey    sent as {@code X-Admin-Key}
 * @param viewerToken sent as a bearer token (read-only) when there is no admin key
 * @param colour      accent of the environment in lists, {@code #rrggbb}
 * @param production  production environments wear the danger accent on the whole window
 */
public record EnvironmentProfile(String name, URI baseUrl, Optional<String> adminKey, Optional<String> viewerToken,
                                 String colour, boolean production) {

    public EnvironmentProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(adminKey, "adminKey");
        Objects.requireNonNull(viewerToken, "viewerToken");
        colour = colour == null || !colour.matches("#[0-9a-fA-F]{6}") ? "#0969da" : colour;
    }

    /** How the console connects to it. */
    public ConnectionTarget target() {
        return new ConnectionTarget(name, baseUrl, adminKey, viewerToken, production);
    }

    /** Never prints credentials (they would end up in logs). */
    @Override
    public String toString() {
        return "EnvironmentProfile[" + name + ", " + baseUrl + ", production=" + production + "]";
    }
}
