package dev.opsdeck.console.fx;

import dev.opsdeck.console.shell.Screen;
import dev.opsdeck.console.status.ConnectionState;
import dev.opsdeck.console.theme.Theme;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourcesTest {
    private final Resources resources = new Resources();

    @Test
    void missingResourcesFailNamingThePath() {
        assertThatThrownBy(() -> resources.stylesheet("nope.css"))
                .hasMessage("missing resource /dev/opsdeck/styles/nope.css on the class path");
        assertThatThrownBy(() -> resources.loadView("Nope.fxml", new Object()))
                .hasMessage("missing resource /dev/opsdeck/ui/Nope.fxml on the class path");
        assertThatThrownBy(() -> resources.text("no.such.key"))
                .hasMessageContaining("missing string 'no.such.key'");
    }

    @Test
    void everyScreenStateAndThemeHasItsResources() {
        // A screen without its strings would only fail when a user opens it; check them all here.
        for (Screen screen : Screen.values()) {
            assertThat(resources.text("screen." + screen.id())).isNotBlank();
        }
        for (ConnectionState state : ConnectionState.values()) {
            assertThat(resources.text("state." + state.id())).isEqualTo(state.id());
        }
        for (Theme theme : Theme.values()) {
            assertThat(resources.stylesheet(theme.stylesheet())).endsWith("/dev/opsdeck/styles/" + theme.stylesheet());
        }
        assertThat(resources.stylesheet(Theme.COMPONENTS)).isNotBlank();
    }
}
