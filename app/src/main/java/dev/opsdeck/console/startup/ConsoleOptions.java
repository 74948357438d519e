package dev.opsdeck.console.startup;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the console was asked to do on the command line.
 *
 * @param connect  URL of a running backend; empty means start the embedded demo backend
 * @param token    bearer token for {@code connect}
 * @param adminKey admin key for {@code connect}
 * @param dataDir  data directory of the embedded backend; empty means the user's data directory
 * @param smoke    start, wait for the first healthy status, print one line and exit
 * @param configDir where settings and environment profiles live; empty means the user's config directory
 */
public record ConsoleOptions(Optional<URI> connect, Optional<String> token, Optional<String> adminKey,
                             Optional<Path> dataDir, boolean smoke, Optional<Path> configDir) {

    public static final String USAGE = "usage: opsdeck [--connect URL [--token T | --admin-key K]] [--data-dir DIR] [--config-dir DIR] [--smoke]";

    /** Parses the arguments; throws {@link UsageException} with a one-line reason. */
    public static ConsoleOptions parse(List<String> args) {
        URI connect = null;
        String token = null;
        String adminKey = null;
        Path dataDir = null;
        Path configDir = null;
        boolean smoke = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--connect": connect = parseUrl(value(args, ++i, arg)); break;
                case "--token": token = value(args, ++i, arg); break;
                case "--admin-key": adminKey = value(args, ++i, arg); break;
                case "--data-dir": dataDir = Path.of(value(args, ++i, arg)); break;
                case "--config-dir": configDir = Path.of(value(args, ++i, arg)); break;
                case "--smoke": smoke = true; break;
                default: throw new UsageException("unknown argument '" + arg + "'; " + USAGE);
            }
        }
        if (token != null && adminKey != null) {
            throw new UsageException("give either --token or --admin-key, not both");
        }
        if (connect == null && (token != null || adminKey != null)) {
            throw new UsageException("--token and --admin-key only apply with --connect URL");
        }
        if (connect != null && dataDir != null) {
            throw new UsageException("--data-dir applies to the embedded backend, not to --connect");
        }
        return new ConsoleOptions(Optional.ofNullable(connect), Optional.ofNullable(token), Optional.ofNullable(adminKey),
                Optional.ofNullable(dataDir), smoke, Optional.ofNullable(configDir));
    }

    /** True when the console starts its own backend rather than connecting to one. */
    public boolean embedded() {
        return connect.isEmpty();
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(flag + " needs a value; " + USAGE);
        }
        return args.get(i);
    }

    private static URI parseUrl(String text) {
        String trimmed = text.strip().replaceAll("/+$", "");
        try {
            URI uri = new URI(trimmed);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new UsageException("--connect needs an http(s) URL such as http://127.0.0.1:8080 (was '" + text + "')");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--connect: '" + text + "' is not a URL");
        }
    }
}
