package dev.opsdeck.console.settings;

import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.theme.Theme;
import javafx.beans.property.ObjectProperty;

import java.io.IOException;

/**
 * Loads the settings once before the first frame (so the window opens in the chosen theme), saves them off the UI
 * thread on every change, and keeps the window's theme and the theme setting in step both ways: choosing a mode
 * in Settings themes the window, toggling the theme by hand (Ctrl+Shift+T, palette) becomes the setting.
 */
public final class SettingsLifecycle {
    private final Settings settings;
    private final SettingsStore store;
    private final UiExecutor ui;
    private boolean applyingTheme;

    public SettingsLifecycle(Settings settings, SettingsStore store, UiExecutor ui) {
        this.settings = settings;
        this.store = store;
        this.ui = ui;
    }

    /** Reads {@code settings.json} (a few hundred bytes; a broken file keeps the defaults) and saves every change. */
    public void loadAndKeepSaved() {
        try {
            store.load(settings);
        } catch (IOException | RuntimeException e) {
            System.err.println("OpsDeck: settings could not be read, using defaults: " + e.getMessage());
        }
        settings.all().forEach(p -> p.addListener(o -> {
            var snapshot = store.snapshot(settings);
            ui.submit(() -> {
                store.save(snapshot);
                return Boolean.TRUE;
            }, ok -> { }, error -> System.err.println("OpsDeck: settings could not be saved: " + error.getMessage()));
        }));
    }

    /** Ties the window's {@code theme} to the theme setting, both ways. */
    public void followTheme(ObjectProperty<Theme> theme) {
        apply(settings.themeModeProperty().get(), theme);
        settings.themeModeProperty().addListener((obs, old, now) -> apply(now, theme));
        theme.addListener((obs, old, now) -> {
            if (!applyingTheme) {
                settings.themeModeProperty().set(now == Theme.DARK ? ThemeMode.DARK : ThemeMode.LIGHT);
            }
        });
    }

    private void apply(ThemeMode mode, ObjectProperty<Theme> theme) {
        switch (mode) {
            case LIGHT -> set(theme, Theme.LIGHT);
            case DARK -> set(theme, Theme.DARK);
            case SYSTEM -> ui.submit(SystemTheme::detect, t -> set(theme, t), error -> set(theme, Theme.LIGHT));
        }
    }

    private void set(ObjectProperty<Theme> theme, Theme value) {
        if (value != theme.get()) {
            applyingTheme = true;
            try {
                theme.set(value);
            } finally {
                applyingTheme = false;
            }
        }
    }
}
