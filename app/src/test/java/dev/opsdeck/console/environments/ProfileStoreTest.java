package dev.opsdeck.console.environments;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileStoreTest {
    private static final String ADMIN_KEY = "adm-3f9c1e77b2d54a8c";
    private static final String VIEWER_TOKEN = "view-a1b2c3d4e5f60718";

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    private List<EnvironmentProfile> sample() {
        return List.of(
                new EnvironmentProfile("staging", URI.create("https://staging.example.com"), Optional.of(ADMIN_KEY),
                        Optional.empty(), "#1a7f37", false),
                new EnvironmentProfile("prod", URI.create("https://ops.example.com:8443"), Optional.empty(),
                        Optional.of(VIEWER_TOKEN), "#cf222e", true));
    }

    @Test
    void roundTripKeepsEveryField() throws IOException {
        new ProfileStore(dir, json).save(sample());
        assertThat(new ProfileStore(dir, json).load()).isEqualTo(sample());
    }

    @Test
    void tokensAreNeverInTheFileInClear() throws IOException {
        new ProfileStore(dir, json).save(sample());
        String file = Files.readString(dir.resolve(ProfileStore.FILE));
        assertThat(file).doesNotContain(ADMIN_KEY).doesNotContain(VIEWER_TOKEN)
                .contains("staging", "https://ops.example.com:8443", SecretBox.PREFIX)
                .as("the file says how its secrets are protected").contains("AES-256-GCM", ProfileStore.KEY_FILE);
        assertThat(json.readTree(file).path("environments").get(0).path("admin_key").asText()).startsWith(SecretBox.PREFIX);
    }

    @Test
    void keyFileIsOwnerOnly() throws IOException {
        new ProfileStore(dir, json).save(sample());
        Path key = dir.resolve(ProfileStore.KEY_FILE);
        assertThat(Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void theSameSecretEncryptsDifferentlyEachTime() throws IOException {
        SecretBox box = new SecretBox(dir.resolve("k"));
        assertThat(box.seal(ADMIN_KEY, "admin_key")).isNotEqualTo(box.seal(ADMIN_KEY, "admin_key"));
    }

    @Test
    void aReplacedKeyFileFailsInWordsInsteadOfReturningGarbage() throws IOException {
        new ProfileStore(dir, json).save(sample());
        Files.delete(dir.resolve(ProfileStore.KEY_FILE));
        assertThatThrownBy(() -> new ProfileStore(dir, json).load()).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot be decrypted").hasMessageNotContaining(ADMIN_KEY);
    }

    @Test
    void aSecretMovedToAnotherFieldDoesNotDecrypt() throws IOException {
        SecretBox box = new SecretBox(dir.resolve("k"));
        String sealed = box.seal(ADMIN_KEY, "viewer_token");
        assertThatThrownBy(() -> box.open(sealed, "admin_key")).isInstanceOf(IOException.class);
    }

    @Test
    void noFileMeansNoProfiles() throws IOException {
        assertThat(new ProfileStore(dir, json).load()).isEmpty();
        assertThat(Files.exists(dir.resolve(ProfileStore.KEY_FILE))).as("no key file before a secret is stored").isFalse();
    }

    @Test
    void toStringNeverShowsSecrets() {
        assertThat(sample().get(0).toString()).doesNotContain(ADMIN_KEY);
        assertThat(sample().get(1).target().toString()).doesNotContain(VIEWER_TOKEN);
    }
}
