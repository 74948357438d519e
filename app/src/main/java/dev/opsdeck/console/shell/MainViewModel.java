package dev.opsdeck.console.shell;

import dev.opsdeck.console.theme.Theme;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.util.Objects;

/** State of the main window: which screen is shown, the theme, and the environment it works on. */
public final class MainViewModel {
    private final ReadOnlyObjectWrapper<Screen> selectedScreen = new ReadOnlyObjectWrapper<>(this, "selectedScreen", Screen.OVERVIEW);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final ReadOnlyStringWrapper environmentName = new ReadOnlyStringWrapper(this, "environmentName", "");
    private final ReadOnlyStringWrapper environmentCaption = new ReadOnlyStringWrapper(this, "environmentCaption", "");
    private final ReadOnlyBooleanWrapper production = new ReadOnlyBooleanWrapper(this, "production");

    /** Shows {@code screen}. */
    public void select(Screen screen) {
        selectedScreen.set(Objects.requireNonNull(screen));
    }

    /** Shows the screen of shortcut {@code digit} (1-based); digits without a screen do nothing. */
    public void selectShortcut(int digit) {
        Screen[] screens = Screen.values();
        if (digit >= 1 && digit <= screens.length) {
            select(screens[digit - 1]);
        }
    }

    public void toggleTheme() {
        theme.set(theme.get().other());
    }

    /** Names the environment; a production one makes the whole window wear the danger accent. */
    public void environment(String name, String caption, boolean isProduction) {
        environmentName.set(name);
        environmentCaption.set(caption);
        production.set(isProduction);
    }

    public ReadOnlyObjectProperty<Screen> selectedScreenProperty() { return selectedScreen.getReadOnlyProperty(); }
    public Screen getSelectedScreen() { return selectedScreen.get(); }

    /** Current theme; writable so a settings page can bind to it. */
    public ObjectProperty<Theme> themeProperty() { return theme; }
    public Theme getTheme() { return theme.get(); }

    public ReadOnlyStringProperty environmentNameProperty() { return environmentName.getReadOnlyProperty(); }
    public String getEnvironmentName() { return environmentName.get(); }

    /** One line under the name: what the environment is (embedded, URL, production). */
    public ReadOnlyStringProperty environmentCaptionProperty() { return environmentCaption.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty productionProperty() { return production.getReadOnlyProperty(); }
    public boolean isProduction() { return production.get(); }
}
