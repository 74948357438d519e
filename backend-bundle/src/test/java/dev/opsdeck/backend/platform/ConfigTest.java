package dev.opsdeck.backend.platform;

import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.ConfigException;
import dev.opsdeck.backend.api.Profile;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {

    @Test
    void flagsWinOverEnvironmentWhichWinsOverTheEnvFile(@TempDir Path dir) throws IOException {
        Path env = dir.resolve("stage.env");
        Files.writeString(env, "# comment\nOPSDECK_PORT=7001\nLOG_LEVEL=debug\nexport OPSDECK_BIND=\"0.0.0.0\"\n");
        BackendConfig c = BackendConfig.load(List.of("--port", "7003"),
                Map.of("OPSDECK_ENV_FILE", env.toString(), "OPSDECK_PORT", "7002", "LOG_LEVEL", "warn"));
        assertThat(c.port()).isEqualTo(7003);
        assertThat(c.logLevel()).isEqualTo("warn");
        assertThat(c.bind()).isEqualTo("0.0.0.0");
    }

    @Test
    void seedAliasesAreAccepted() {
        BackendConfig c = BackendConfig.load(List.of(), Map.of("PAYMENTS_PORT", "8181", "API_TOKENS", "a,b",
                "PAYMENTS_VIEWER_TOKENS", "v1", "ADMIN_API_KEY", "k", "PAYMENTS_DATA_DIR", "/tmp/x"));
        assertThat(c.port()).isEqualTo(8181);
        assertThat(c.apiTokens()).containsExactly("a", "b");
        assertThat(c.viewerTokens()).containsExactly("v1");
        assertThat(c.adminKey()).contains("k");
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> BackendConfig.load(List.of(), Map.of("OPSDECK_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("OPSDECK_PORT: ");
        assertThatThrownBy(() -> BackendConfig.load(List.of(), Map.of("OPSDECK_PORT", "70000")))
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> BackendConfig.load(List.of(), Map.of("OPSDECK_PROFILE", "production-ish")))
                .hasMessageStartingWith("OPSDECK_PROFILE: ");
        assertThatThrownBy(() -> BackendConfig.load(List.of(), Map.of("LOG_LEVEL", "loud")))
                .hasMessageStartingWith("LOG_LEVEL: ");
        assertThatThrownBy(() -> BackendConfig.load(List.of("--nope", "1"), Map.of()))
                .hasMessageContaining("unknown flag");
        assertThatThrownBy(() -> BackendConfig.load(List.of(), Map.of("OPSDECK_ENV_FILE", "/no/such/file.env")))
                .hasMessageStartingWith("OPSDECK_ENV_FILE: ");
    }

    @Test
    void databaseUrlsInThePlaybookFormBecomeJdbc() {
        assertThat(DatabaseUrls.toJdbc("postgres://service_layer:s%40cret@db:5432/service_layer?sslmode=disable"))
                .isEqualTo("jdbc:postgresql://db:5432/service_layer?user=service_layer&password=s%40cret&sslmode=disable");
        assertThat(DatabaseUrls.toJdbc("postgresql://bitsage:password@localhost/sage"))
                .isEqualTo("jdbc:postgresql://localhost:5432/sage?user=bitsage&password=password");
        // An H2 file named by the operator gets the interrupt-proof file system the embedded default has (H2InterruptTest).
        assertThat(DatabaseUrls.toJdbc("jdbc:h2:file:/srv/opsdeck/db;MODE=PostgreSQL")).isEqualTo("jdbc:h2:retry:file:/srv/opsdeck/db;MODE=PostgreSQL");
        assertThat(DatabaseUrls.toJdbc("jdbc:h2:retry:file:/srv/opsdeck/db")).isEqualTo("jdbc:h2:retry:file:/srv/opsdeck/db");
        assertThatThrownBy(() -> DatabaseUrls.toJdbc("mysql://x@y/z")).hasMessageStartingWith("DATABASE_URL: ");
        assertThatThrownBy(() -> DatabaseUrls.toJdbc("postgres://user:pw@host")).hasMessageContaining("no database name")
                .hasMessageNotContaining("pw@");
    }

    @Test
    void strictProfilesRefuseMissingOrDefaultKeys(@TempDir Path dir) {
        BackendConfig noKey = BackendConfig.builder().profile(Profile.PROD).dataDir(dir).build();
        assertThatThrownBy(() -> dev.opsdeck.backend.api.Backend.start(noKey)).hasMessageStartingWith("OPSDECK_ADMIN_KEY: ");
        BackendConfig changeMe = BackendConfig.builder().profile(Profile.STAGE).dataDir(dir).adminKey("change-me-admin-key-please-0000").build();
        assertThatThrownBy(() -> dev.opsdeck.backend.api.Backend.start(changeMe)).hasMessageContaining("default");
    }

    @Test
    void toStringNeverShowsTokens() {
        BackendConfig c = BackendConfig.builder().adminKey("super-secret-admin").apiTokens(List.of("tok-123")).build();
        assertThat(c.toString()).doesNotContain("super-secret-admin").doesNotContain("tok-123");
    }
}
