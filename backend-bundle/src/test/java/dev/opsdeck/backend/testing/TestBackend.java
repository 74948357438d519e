package dev.opsdeck.backend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.api.Backend;
import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.Profile;
import dev.opsdeck.backend.api.RunningBackend;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real backend on port 0 over H2 (temp dir) or a fresh PostgreSQL database, with known tokens and a real
 * HTTP client. Close it in {@code @AfterEach}/{@code @AfterAll}.
 */
public final class TestBackend implements AutoCloseable {
    public static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    public static final String VIEWER_TOKEN = "test-viewer-token-0123456789abcdef";
    public static final String API_TOKEN = "test-api-token-0123456789abcdef";
    /** A configured secrets key, as a deployment on PostgreSQL must have (32 bytes, hex). */
    public static final String SECRET_KEY_HEX = "8f3a5c7e9b1d2f4a6c8e0b2d4f6a8c0e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a";

    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RunningBackend backend;
    private final Path dataDir;
    private final PgTestDatabase pg;
    private final OkHttpClient http = new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(30)).readTimeout(Duration.ofSeconds(30)).build();

    private TestBackend(RunningBackend backend, Path dataDir, PgTestDatabase pg) {
        this.backend = backend;
        this.dataDir = dataDir;
        this.pg = pg;
    }

    public static TestBackend start(Store store) {
        return start(store, Map.of());
    }

    /** Starts a dev-profile backend; {@code settings} override or add variables (e.g. {@code OPSDECK_PROFILE}). */
    public static TestBackend start(Store store, Map<String, String> settings) {
        Path dir;
        try {
            dir = Files.createTempDirectory("opsdeck-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PgTestDatabase pg = store == Store.POSTGRESQL ? PgTestDatabase.create() : null;
        Map<String, String> s = new LinkedHashMap<>();
        s.put("OPSDECK_PROFILE", "dev");
        s.put("OPSDECK_PORT", "0");
        s.put("OPSDECK_DATA_DIR", dir.toString());
        s.put("OPSDECK_ADMIN_KEY", ADMIN_KEY);
        s.put("OPSDECK_VIEWER_TOKENS", VIEWER_TOKEN);
        s.put("OPSDECK_API_TOKENS", API_TOKEN);
        s.put("OPSDECK_LOG_FILES", "true");
        s.put("SECRET_ENCRYPTION_KEY", SECRET_KEY_HEX);
        if (pg != null) {
            s.put("DATABASE_URL", pg.jdbcUrl());
        }
        s.putAll(settings);
        try {
            RunningBackend b = Backend.start(BackendConfig.fromSettings(s));
            return new TestBackend(b, dir, pg);
        } catch (RuntimeException e) {
            if (pg != null) {
                pg.close();
            }
            throw e;
        }
    }

    public RunningBackend backend() {
        return backend;
    }

    public String url(String path) {
        return backend.baseUrl() + path;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** JDBC URL of this backend's store, for tests that look at rows directly. */
    public String jdbcUrl() {
        return pg != null ? pg.jdbcUrl() : dev.opsdeck.backend.platform.store.DatabaseUrls.h2File(dataDir);
    }

    public Reply get(String path, String... headers) {
        return call(new Request.Builder().url(url(path)).get(), headers);
    }

    public Reply post(String path, String json, String... headers) {
        return call(new Request.Builder().url(url(path)).post(RequestBody.create(json, JSON)), headers);
    }

    public Reply admin(String method, String path, String json) {
        Request.Builder b = new Request.Builder().url(url(path));
        b.method(method, json == null ? (method.equals("GET") ? null : RequestBody.create("", JSON)) : RequestBody.create(json, JSON));
        return call(b, "X-Admin-Key", ADMIN_KEY);
    }

    /** Sends a request; {@code headers} are name/value pairs. */
    public Reply call(Request.Builder b, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try (Response r = http.newCall(b.build()).execute()) {
            String body = r.body() == null ? "" : r.body().string();
            Map<String, List<String>> h = r.headers().toMultimap();
            return new Reply(r.code(), body, h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public OkHttpClient http() {
        return http;
    }

    @Override
    public void close() {
        backend.stop();
        if (pg != null) {
            pg.close();
        }
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir; the OS cleans up what we could not
        }
    }

    /** A response: status, raw body, headers (lower-case names). */
    public record Reply(int status, String body, Map<String, List<String>> headers) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }
}
