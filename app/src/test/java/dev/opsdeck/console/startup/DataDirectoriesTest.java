package dev.opsdeck.console.startup;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirectoriesTest {

    @Test
    void linuxUsesXdgDataHomeOrLocalShare() {
        assertThat(DataDirectories.userDataDir("Linux", "/home/ana", Map.of("XDG_DATA_HOME", "/data/ana")))
                .isEqualTo(Path.of("/data/ana/opsdeck"));
        assertThat(DataDirectories.userDataDir("Linux", "/home/ana", Map.of()))
                .isEqualTo(Path.of("/home/ana/.local/share/opsdeck"));
        assertThat(DataDirectories.userDataDir("Linux", "/home/ana", Map.of("XDG_DATA_HOME", "relative")))
                .as("relative XDG_DATA_HOME is invalid per the spec").isEqualTo(Path.of("/home/ana/.local/share/opsdeck"));
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(DataDirectories.userDataDir("Mac OS X", "/Users/ana", Map.of()))
                .isEqualTo(Path.of("/Users/ana/Library/Application Support/OpsDeck"));
    }

    @Test
    void windowsUsesLocalAppData() {
        assertThat(DataDirectories.userDataDir("Windows 11", "C:/Users/ana", Map.of("LOCALAPPDATA", "C:/Users/ana/AppData/Local")))
                .isEqualTo(Path.of("C:/Users/ana/AppData/Local/OpsDeck"));
    }

    @Test
    void configGoesToXdgConfigHomeOrDotConfig() {
        assertThat(DataDirectories.userConfigDir("Linux", "/home/ana", Map.of("XDG_CONFIG_HOME", "/cfg/ana")))
                .isEqualTo(Path.of("/cfg/ana/opsdeck"));
        assertThat(DataDirectories.userConfigDir("Linux", "/home/ana", Map.of()))
                .isEqualTo(Path.of("/home/ana/.config/opsdeck"));
        assertThat(DataDirectories.userConfigDir("Windows 11", "C:/Users/ana", Map.of("APPDATA", "C:/Users/ana/AppData/Roaming")))
                .isEqualTo(Path.of("C:/Users/ana/AppData/Roaming/OpsDeck"));
    }
}
