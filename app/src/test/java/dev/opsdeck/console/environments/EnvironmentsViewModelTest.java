package dev.opsdeck.console.environments;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.connection.BackendClient;
import dev.opsdeck.console.fx.ManualUiExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The add-environment form refuses what cannot work before any network call, in words. */
class EnvironmentsViewModelTest {
    @TempDir
    Path dir;

    private EnvironmentsViewModel model() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ProfileStore store = new ProfileStore(dir, json);
        store.save(List.of(new EnvironmentProfile("staging", URI.create("http://127.0.0.1:1"), Optional.empty(),
                Optional.empty(), "#1a7f37", false)));
        EnvironmentsViewModel m = new EnvironmentsViewModel(new ManualUiExecutor(), store,
                new ConnectionTester(BackendClient.defaultHttpClient(), json), "Embedded demo");
        m.loadAtStartup();
        return m;
    }

    @Test
    void formMistakesAreNamedAndNothingIsSaved() throws Exception {
        EnvironmentsViewModel m = model();
        m.urlProperty().set("https://ops.example.com");
        m.testAndSave();
        assertThat(m.messageProperty().get()).isEqualTo("Give the environment a name.");
        assertThat(m.failedProperty().get()).isTrue();

        m.nameProperty().set("Embedded demo");
        m.testAndSave();
        assertThat(m.messageProperty().get()).contains("exists already");
        m.nameProperty().set("staging");
        m.testAndSave();
        assertThat(m.messageProperty().get()).contains("exists already");

        m.nameProperty().set("prod");
        m.urlProperty().set("ftp://ops.example.com");
        m.testAndSave();
        assertThat(m.messageProperty().get()).startsWith("The URL must be http(s)://");
        assertThat(m.profiles()).extracting(EnvironmentProfile::name).containsExactly("staging");
    }

    @Test
    void namesListTheEmbeddedDemoFirstThenACommandLineBackendThenProfiles() throws Exception {
        EnvironmentsViewModel m = model();
        m.commandLineEnvironment("10.0.0.5:8080");
        assertThat(m.names()).containsExactly("Embedded demo", "10.0.0.5:8080", "staging");
    }

    @Test
    void removingAProfileRewritesTheFile() throws Exception {
        EnvironmentsViewModel m = model();
        m.remove("staging");
        assertThat(m.profiles()).isEmpty();
        assertThat(Files.readString(dir.resolve(ProfileStore.FILE))).doesNotContain("staging");
        assertThat(m.messageProperty().get()).isEqualTo("Removed 'staging'.");
    }

    @Test
    void aFailedConnectionTestSaysWhyAndSavesNothing() throws Exception {
        EnvironmentsViewModel m = model();
        m.nameProperty().set("nowhere");
        m.urlProperty().set("http://127.0.0.1:1/");
        m.testAndSave();
        assertThat(m.messageProperty().get()).isEqualTo("Not saved: cannot connect to 127.0.0.1:1 (connection refused)");
        assertThat(m.testingProperty().get()).isFalse();
        assertThat(m.profiles()).hasSize(1);
    }
}
