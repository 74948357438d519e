package dev.opsdeck.console.environments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.connection.ApiClient;
import dev.opsdeck.console.connection.ApiException;
import okhttp3.OkHttpClient;

/**
 * Tries a profile before it is saved: is there a server (DNS, refused, TLS), is it an OpsDeck backend (its public
 * {@code /health} has a status and components), and do the credentials work (401 / 403). Blocking: off the UI thread.
 */
public final class ConnectionTester {
    private final OkHttpClient http;
    private final ObjectMapper json;

    public ConnectionTester(OkHttpClient http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    /**
     * Returns a sentence about what works (e.g. "OpsDeck backend, admin key accepted, 2 alerts active");
     * throws {@link ApiException} whose message says what failed.
     */
    public String test(EnvironmentProfile profile) throws ApiException {
        ApiClient api = new ApiClient(profile.target(), http, json);
        JsonNode health;
        try {
            health = api.get("/health/live");
            if (!health.hasNonNull("status")) {
                throw api.wrongServer("answers /health/live without a status");
            }
            health = api.get("/health");
        } catch (ApiException e) {
            if (e.status() == 503) {
                // A DOWN backend still is one; its credentials can be checked all the same.
                return checkCredentials(api, profile) + " (the backend reports itself DOWN)";
            }
            // An OpsDeck backend answers /health even when DOWN (503 with a report); 404 means something else is there.
            if (e.status() == 404 || e.status() == 405) {
                throw api.wrongServer("has no /health endpoint");
            }
            throw e;
        }
        if (!health.hasNonNull("status") || !health.path("components").isObject()) {
            throw api.wrongServer("answers /health without a status and components");
        }
        return checkCredentials(api, profile);
    }

    private static String checkCredentials(ApiClient api, EnvironmentProfile profile) throws ApiException {
        JsonNode alerts;
        String credentials;
        if (profile.adminKey().isPresent()) {
            alerts = api.get("/admin/alerts");
            credentials = "admin key accepted";
            return "OpsDeck backend, " + credentials + ", " + alerts.path("firing_count").asLong() + " alert(s) firing";
        }
        alerts = api.get("/monitoring/alerts");
        credentials = profile.viewerToken().isPresent() ? "viewer token accepted (read-only)" : "no credentials (read-only public dashboard)";
        return "OpsDeck backend, " + credentials + ", " + alerts.path("count").asLong() + " alert(s) active";
    }
}
