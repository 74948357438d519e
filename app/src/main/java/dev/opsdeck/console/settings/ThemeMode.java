package dev.opsdeck.console.settings;

/** The theme the user chose: a fixed one, or whatever the desktop uses. */
public enum ThemeMode {
    LIGHT, DARK, SYSTEM
}
