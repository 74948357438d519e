package dev.opsdeck.console.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * Blocking HTTP client of one backend (health endpoints for now). Every failure becomes a
 * {@link BackendUnavailableException} whose message is a sentence for the status bar, never a stack trace.
 * Call only off the UI thread.
 */
public final class BackendClient implements LiveProbe {
    /** Short on purpose: the status bar should say "offline" within seconds, not after a TCP default. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ConnectionTarget target;
    private final OkHttpClient http;
    private final HealthParser parser;

    public BackendClient(ConnectionTarget target, OkHttpClient http, ObjectMapper json) {
        this.target = Objects.requireNonNull(target);
        this.http = http;
        this.parser = new HealthParser(json);
    }

    /** An OkHttp client with the console's timeouts; share one per process so connections are pooled. */
    public static OkHttpClient defaultHttpClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(TIMEOUT)
                .readTimeout(TIMEOUT)
                .callTimeout(TIMEOUT.plusSeconds(1))
                // Keep OkHttp's silent retry: servers close idle keep-alive connections, and a probe on a stale
                // pooled connection must not flash "reconnecting" (seen against an HTTP/1.0 server).
                .retryOnConnectionFailure(true)
                .build();
    }

    public ConnectionTarget target() {
        return target;
    }

    @Override
    public long roundTripMillis() throws BackendUnavailableException {
        long start = System.nanoTime();
        String body = get("/health/live", false);
        long millis = Math.max(0, (System.nanoTime() - start) / 1_000_000);
        String status = parser.liveStatus(body);
        if (!"UP".equalsIgnoreCase(status)) {
            throw new BackendUnavailableException("the backend reports itself " + (status.isEmpty() ? "not live" : status));
        }
        return millis;
    }

    /** {@code GET /health}: the components and their details. A DOWN backend still yields a report. */
    public HealthReport health() throws BackendUnavailableException {
        return parser.report(get("/health", true));
    }

    /**
     * @param acceptUnavailable a 503 carries a meaningful body on health routes (status DOWN), so keep it
     */
    private String get(String path, boolean acceptUnavailable) throws BackendUnavailableException {
        HttpUrl url = HttpUrl.get(target.baseUrl() + path);
        Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
        target.adminKey().ifPresent(key -> request.header("X-Admin-Key", key));
        if (target.adminKey().isEmpty()) {
            target.bearerToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        }
        try (Response response = http.newCall(request.build()).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (response.isSuccessful() || acceptUnavailable && response.code() == 503) {
                return text;
            }
            String message = parser.errorMessage(text);
            throw new BackendUnavailableException("HTTP " + response.code() + " from " + path
                    + (message.isEmpty() ? "" : ": " + message));
        } catch (IOException e) {
            throw new BackendUnavailableException(describe(e), e);
        }
    }

    private String describe(IOException e) {
        return ConnectionErrors.describe(target.baseUrl(), e, TIMEOUT);
    }
}
