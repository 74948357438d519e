package dev.opsdeck.console.settings;

import dev.opsdeck.console.theme.Theme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Guesses whether the desktop is dark: {@code GTK_THEME} (e.g. {@code Adwaita:dark}) first, then GNOME's
 * {@code gsettings} colour scheme when the command exists; otherwise light. Runs a process: call off the UI thread.
 */
public final class SystemTheme {
    private SystemTheme() {
    }

    /** The desktop's theme as far as it can be told. */
    public static Theme detect() {
        return detect(System.getenv(), SystemTheme::gsettingsColourScheme);
    }

    /** Same with the environment and the gsettings answer given (tests). */
    static Theme detect(Map<String, String> env, java.util.function.Supplier<String> gsettings) {
        String gtk = env.getOrDefault("GTK_THEME", "");
        if (!gtk.isBlank()) {
            return gtk.toLowerCase(Locale.ROOT).contains("dark") ? Theme.DARK : Theme.LIGHT;
        }
        String scheme = gsettings.get();
        return scheme != null && scheme.toLowerCase(Locale.ROOT).contains("dark") ? Theme.DARK : Theme.LIGHT;
    }

    private static String gsettingsColourScheme() {
        try {
            Process p = new ProcessBuilder("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroy();
                return "";
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // no gsettings on this desktop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
