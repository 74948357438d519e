package dev.opsdeck.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.shell.Session;

import java.util.Optional;

/**
 * The calls the alerts screen makes, so its view models can be tested without a backend. In the window it is the
 * session's current {@link dev.opsdeck.console.connection.ApiClient}, looked up on each call so a reconnect
 * takes effect. Call off the UI thread.
 */
public interface AlertsApi {
    JsonNode get(String path) throws ApiException;

    JsonNode post(String path, Object body, Optional<String> idempotencyKey) throws ApiException;

    JsonNode put(String path, Object body) throws ApiException;

    JsonNode delete(String path) throws ApiException;

    /** The session's client at call time. */
    static AlertsApi of(Session session) {
        return new AlertsApi() {
            @Override
            public JsonNode get(String path) throws ApiException {
                return session.api().get(path);
            }

            @Override
            public JsonNode post(String path, Object body, Optional<String> idempotencyKey) throws ApiException {
                return session.api().post(path, body, idempotencyKey);
            }

            @Override
            public JsonNode put(String path, Object body) throws ApiException {
                return session.api().put(path, body);
            }

            @Override
            public JsonNode delete(String path) throws ApiException {
                return session.api().delete(path);
            }
        };
    }

    /** A path segment with reserved characters escaped (rule names are plain, but a 404 beats a wrong call). */
    static String segment(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
