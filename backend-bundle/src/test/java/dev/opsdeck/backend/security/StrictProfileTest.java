package dev.opsdeck.backend.security;

import dev.opsdeck.backend.api.ConfigException;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stage and prod refuse weak configurations, naming every problem on its own line; a strong one runs locked down. */
class StrictProfileTest {
    static final String STRONG_ADMIN = "prod-admin-7f3c9a1e5b2d4f60a8c1e3b5d7f9a2c4";
    static final String STRONG_API = "prod-api-2b4d6f8a0c1e3a5c7e9b1d3f5a7c9e0b";
    static final String STRONG_VIEWER = "prod-viewer-9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";
    static final String KEY_HEX = "8f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    static Map<String, String> strong(String profile) {
        Map<String, String> m = new HashMap<>();
        m.put("OPSDECK_PROFILE", profile);
        m.put("OPSDECK_ADMIN_KEY", STRONG_ADMIN);
        m.put("OPSDECK_API_TOKENS", STRONG_API);
        m.put("OPSDECK_VIEWER_TOKENS", STRONG_VIEWER);
        m.put("ALLOWED_HOSTS", "127.0.0.1,coordinator.example.com");
        m.put("CORS_ALLOWED_ORIGINS", "https://console.example.com");
        m.put("SECRET_ENCRYPTION_KEY", KEY_HEX);
        return m;
    }

    @Test
    void prodWithNothingConfiguredNamesEveryProblemOnItsOwnLine() {
        Map<String, String> weak = new HashMap<>();
        weak.put("OPSDECK_PROFILE", "prod");
        weak.put("OPSDECK_ADMIN_KEY", "");
        weak.put("OPSDECK_VIEWER_TOKENS", "");
        weak.put("OPSDECK_API_TOKENS", "");
        weak.put("SECRET_ENCRYPTION_KEY", "");
        assertThatThrownBy(() -> TestBackend.start(Store.H2, weak))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage().lines().toList()).containsExactlyInAnyOrder(
                        "OPSDECK_ADMIN_KEY: is required in profile prod",
                        "OPSDECK_API_TOKENS: is required in profile prod (workers post with these tokens)",
                        "ALLOWED_HOSTS: is required in profile prod (comma-separated host names this server answers to)",
                        "SECRET_ENCRYPTION_KEY: is required in profile prod (AES key for stored secrets, 16/24/32 bytes as raw, base64 or hex)"));
    }

    @Test
    void stageRefusesChangeMeValuesWildcardsAndShortTokens() {
        Map<String, String> s = strong("stage");
        s.put("OPSDECK_ADMIN_KEY", "change-me-admin-key-0123456789");
        s.put("OPSDECK_API_TOKENS", STRONG_API + ",dev-token");
        s.put("OPSDECK_VIEWER_TOKENS", "viewer");
        s.put("ALLOWED_HOSTS", "*");
        s.put("CORS_ALLOWED_ORIGINS", "*");
        s.put("SECRET_ENCRYPTION_KEY", "change-me-change-me-change-me-32");
        s.put("METRICS_INGEST_SECRET", "change-me");
        s.put("SECURITY_ALERT_WEBHOOK_URL", "not a url");
        List<String> lines = problems(s);
        assertThat(lines).anyMatch(l -> l.startsWith("OPSDECK_ADMIN_KEY: is a default"))
                .anyMatch(l -> l.startsWith("OPSDECK_API_TOKENS: contains a default"))
                .anyMatch(l -> l.startsWith("OPSDECK_VIEWER_TOKENS: contains a default"))
                .anyMatch(l -> l.startsWith("ALLOWED_HOSTS: must not be '*'"))
                .anyMatch(l -> l.startsWith("CORS_ALLOWED_ORIGINS: must be an explicit origin list"))
                .anyMatch(l -> l.startsWith("SECRET_ENCRYPTION_KEY: is a placeholder"))
                .anyMatch(l -> l.startsWith("METRICS_INGEST_SECRET: is a default"))
                .anyMatch(l -> l.startsWith("SECURITY_ALERT_WEBHOOK_URL: must be an http(s) URL"));
        assertThat(lines).noneMatch(l -> l.contains("change-me-admin-key") || l.contains(STRONG_API));
    }

    @Test
    void aSecretsKeyOfTheWrongLengthIsRefusedInEveryProfile() {
        Map<String, String> s = new HashMap<>();
        s.put("SECRET_ENCRYPTION_KEY", "abc");
        assertThat(problems(s)).containsExactly("SECRET_ENCRYPTION_KEY: must be 16, 24 or 32 bytes (raw, base64 or hex); got 3 bytes");
    }

    @Test
    void aTokenUsedForTwoRolesIsRefused() {
        Map<String, String> s = strong("prod");
        s.put("OPSDECK_VIEWER_TOKENS", STRONG_ADMIN);
        assertThat(problems(s)).anyMatch(l -> l.contains("configured twice or for two roles"));
    }

    @Test
    void aStrongProdConfigStartsLockedDown() {
        try (TestBackend b = TestBackend.start(Store.H2, strong("prod"))) {
            assertThat(b.get("/health").status()).isEqualTo(200);
            // Dashboards need a token, API docs are off, a foreign Host is refused.
            assertThat(b.get("/stats").status()).isEqualTo(401);
            assertThat(b.get("/stats", "Authorization", "Bearer " + STRONG_VIEWER).status()).isEqualTo(200);
            assertThat(b.get("/openapi.json", "Authorization", "Bearer " + STRONG_VIEWER).status()).isEqualTo(404);
            assertThat(b.get("/health", "Host", "attacker.example.net").status()).isEqualTo(400);
            assertThat(b.get("/health", "Origin", "https://evil.example.net").header("Access-Control-Allow-Origin")).isNull();
            TestBackend.Reply status = b.get("/admin/security/status", "X-Admin-Key", STRONG_ADMIN);
            assertThat(status.json().path("metrics_ingest").asText()).isEqualTo("disabled");
            assertThat(status.body()).doesNotContain(STRONG_ADMIN).doesNotContain(KEY_HEX);
        }
    }

    @Test
    void apiDocsCanBeEnabledExplicitlyInProd() {
        Map<String, String> s = strong("prod");
        s.put("API_DOCS_ENABLED", "true");
        try (TestBackend b = TestBackend.start(Store.H2, s)) {
            assertThat(b.get("/openapi.json", "Authorization", "Bearer " + STRONG_VIEWER).status()).isEqualTo(200);
        }
    }

    private static List<String> problems(Map<String, String> settings) {
        try (TestBackend b = TestBackend.start(Store.H2, settings)) {
            throw new AssertionError("started with " + settings.keySet() + " at " + b.url("/"));
        } catch (ConfigException e) {
            return e.getMessage().lines().toList();
        }
    }
}
