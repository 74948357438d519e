package dev.opsdeck.console.startup;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the embedded backend keeps its files when no {@code --data-dir} is given: the platform's
 * per-user data directory, so the demo survives restarts and never writes into the working directory.
 */
public final class DataDirectories {
    private DataDirectories() {
    }

    /** The data directory for this user on this platform. */
    public static Path userDataDir() {
        return userDataDir(System.getProperty("os.name", ""), System.getProperty("user.home", "."), System.getenv());
    }

    /** Same as {@link #userDataDir()} with the platform given, so every platform's rule is testable here. */
    static Path userDataDir(String osName, String home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local == null || local.isBlank() ? Path.of(home, "AppData", "Local") : Path.of(local);
            return base.resolve("OpsDeck");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "OpsDeck");
        }
        String xdg = env.get("XDG_DATA_HOME");
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".local", "share");
        return base.resolve("opsdeck");
    }

    /** Where the console keeps this user's settings and environment profiles (XDG config dir on Linux). */
    public static Path userConfigDir() {
        return userConfigDir(System.getProperty("os.name", ""), System.getProperty("user.home", "."), System.getenv());
    }

    /** Same as {@link #userConfigDir()} with the platform given. */
    static Path userConfigDir(String osName, String home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String roaming = env.get("APPDATA");
            Path base = roaming == null || roaming.isBlank() ? Path.of(home, "AppData", "Roaming") : Path.of(roaming);
            return base.resolve("OpsDeck");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Preferences", "OpsDeck");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".config");
        return base.resolve("opsdeck");
    }
}
