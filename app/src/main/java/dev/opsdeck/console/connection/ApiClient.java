package dev.opsdeck.console.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Blocking JSON client of one backend for the screens: GET, POST, DELETE and downloads with the environment's
 * credentials. Every failure is an {@link ApiException} whose message is a sentence (never a stack trace):
 * "cannot connect to host:port (connection refused)", "this environment's credentials are not accepted (401): ...".
 * Call only off the UI thread, through the {@link dev.opsdeck.console.fx.UiExecutor}.
 */
public final class ApiClient {
    private static final MediaType JSON = MediaType.get("application/json");
    /** Admin actions (backups, profiles) may take longer than a health probe. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ConnectionTarget target;
    private final OkHttpClient http;
    private final ObjectMapper json;

    public ApiClient(ConnectionTarget target, OkHttpClient http, ObjectMapper json) {
        this.target = Objects.requireNonNull(target);
        this.http = http.newBuilder().readTimeout(TIMEOUT).callTimeout(TIMEOUT.plusSeconds(5)).build();
        this.json = json;
    }

    public ConnectionTarget target() {
        return target;
    }

    public ObjectMapper json() {
        return json;
    }

    /** {@code GET path} (path may carry a query string) as a JSON tree. */
    public JsonNode get(String path) throws ApiException {
        return tree(call(request(path).get().build(), path));
    }

    /** {@code GET path} as text (e.g. {@code /metrics} or a Prometheus rule file). */
    public String getText(String path) throws ApiException {
        return call(request(path).get().build(), path);
    }

    /** {@code POST path} with {@code body} serialised as JSON ({@code null}: an empty object). */
    public JsonNode post(String path, Object body) throws ApiException {
        return post(path, body, Optional.empty());
    }

    /**
     * {@code POST path} with an {@code Idempotency-Key}: a retried or double-clicked action runs once on the backend.
     */
    public JsonNode post(String path, Object body, Optional<String> idempotencyKey) throws ApiException {
        Request.Builder request = request(path).post(RequestBody.create(write(body), JSON));
        idempotencyKey.ifPresent(key -> request.header("Idempotency-Key", key));
        return tree(call(request.build(), path));
    }

    /** {@code PUT path} with a JSON body. */
    public JsonNode put(String path, Object body) throws ApiException {
        return tree(call(request(path).put(RequestBody.create(write(body), JSON)).build(), path));
    }

    /** {@code DELETE path}. */
    public JsonNode delete(String path) throws ApiException {
        return tree(call(request(path).delete().build(), path));
    }

    /** Streams {@code GET path} into {@code file} (replaced atomically when complete); returns its size. */
    public long download(String path, Path file) throws ApiException {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try (Response response = http.newCall(request(path).get().build()).execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful() || body == null) {
                throw error(response.code(), body == null ? "" : body.string(), path);
            }
            try (InputStream in = body.byteStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            return Files.size(file);
        } catch (IOException e) {
            throw new ApiException(0, describe(e), "");
        }
    }

    private Request.Builder request(String path) {
        Request.Builder request = new Request.Builder().url(HttpUrl.get(target.baseUrl() + path))
                .header("Accept", "application/json");
        target.adminKey().ifPresent(key -> request.header("X-Admin-Key", key));
        target.bearerToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return request;
    }

    private String call(Request request, String path) throws ApiException {
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (!response.isSuccessful()) {
                throw error(response.code(), text, path);
            }
            return text;
        } catch (IOException e) {
            throw new ApiException(0, describe(e), "");
        }
    }

    private JsonNode tree(String body) throws ApiException {
        if (body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw wrongServer("answers, but not with JSON");
        }
    }

    private byte[] write(Object body) throws ApiException {
        try {
            return json.writeValueAsBytes(body == null ? json.createObjectNode() : body);
        } catch (JsonProcessingException e) {
            throw new ApiException(0, "cannot encode the request: " + e.getOriginalMessage(), "");
        }
    }

    /**
     * A server answered but is not an OpsDeck backend (a web server, a proxy's login page, another API):
     * said plainly, because "malformed JSON" or "404" would send the user looking for a backend bug.
     */
    public ApiException wrongServer(String why) {
        return new ApiException(0, "wrong server: " + ConnectionTarget.hostName(target.baseUrl()) + " " + why
                + "; it does not look like an OpsDeck backend (check the URL)", "");
    }

    /** Turns an error answer into words; the backend's {@code message} is kept, the meaning of the code added. */
    ApiException error(int code, String body, String path) {
        String message = "";
        String field = "";
        try {
            JsonNode root = json.readTree(body);
            if (root != null && root.isObject()) {
                message = root.path("message").asText("");
                // The backend's error body is {code, message, details: {field}}; a top-level field is accepted too.
                field = root.path("field").asText(root.path("details").path("field").asText(""));
            }
        } catch (JsonProcessingException e) {
            // not the backend's error JSON (a proxy page, say): fall back to the code's meaning
        }
        String meaning = switch (code) {
            case 401 -> "the backend does not accept this environment's credentials (401)";
            case 403 -> "this environment's credentials lack the role for this action (403)";
            case 404 -> "not found (404)";
            case 409 -> "conflict (409)";
            case 413 -> "the request is too large (413)";
            case 429 -> "rate limited by the backend (429); try again shortly";
            case 503 -> "the backend is not ready (503)";
            default -> "HTTP " + code + " from " + path;
        };
        return new ApiException(code, message.isEmpty() ? meaning : meaning + ": " + message, field);
    }

    private String describe(IOException e) {
        return ConnectionErrors.describe(target.baseUrl(), e, TIMEOUT);
    }
}
