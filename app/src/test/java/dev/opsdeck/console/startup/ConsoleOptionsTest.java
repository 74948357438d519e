package dev.opsdeck.console.startup;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleOptionsTest {

    @Test
    void noArgumentsMeansEmbeddedDemoInTheUserDataDir() {
        ConsoleOptions o = ConsoleOptions.parse(List.of());
        assertThat(o.embedded()).isTrue();
        assertThat(o.dataDir()).isEmpty();
        assertThat(o.smoke()).isFalse();
    }

    @Test
    void connectWithTokenDropsTrailingSlash() {
        ConsoleOptions o = ConsoleOptions.parse(List.of("--connect", "http://10.0.0.5:8080/", "--token", "t1"));
        assertThat(o.embedded()).isFalse();
        assertThat(o.connect()).contains(URI.create("http://10.0.0.5:8080"));
        assertThat(o.token()).contains("t1");
        assertThat(o.adminKey()).isEmpty();
    }

    @Test
    void configDirIsOptional() {
        assertThat(ConsoleOptions.parse(List.of()).configDir()).isEmpty();
        assertThat(ConsoleOptions.parse(List.of("--config-dir", "/tmp/cfg")).configDir()).contains(java.nio.file.Path.of("/tmp/cfg"));
    }

    @Test
    void smokeWithDataDir() {
        ConsoleOptions o = ConsoleOptions.parse(List.of("--smoke", "--data-dir", "/tmp/x"));
        assertThat(o.smoke()).isTrue();
        assertThat(o.dataDir()).isEqualTo(Optional.of(Path.of("/tmp/x")));
    }

    @Test
    void mistakesGetOneLineReasons() {
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--conect", "x"))).hasMessageStartingWith("unknown argument '--conect'");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--connect"))).hasMessageStartingWith("--connect needs a value");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--connect", "ftp://x"))).hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--token", "t"))).hasMessageContaining("only apply with --connect");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--connect", "http://h", "--token", "t", "--admin-key", "k")))
                .hasMessageContaining("either --token or --admin-key");
    }
}
