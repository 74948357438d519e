package dev.opsdeck.backend.security.secrets;

import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.ConfigException;
import dev.opsdeck.backend.api.Profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Where the secrets key comes from. {@code SECRET_ENCRYPTION_KEY} always wins. Without it, dev and a demo on the
 * embedded H2 keep a generated key in {@code <data dir>/keys/secret-encryption.key} (owner-only), so a laptop demo
 * works without setup; any other profile, or a demo on PostgreSQL, must configure the key (the service layer
 * playbook: mandatory with a database) and is refused at start-up otherwise.
 */
public final class SecretKeySource {
    public static final String VARIABLE = "SECRET_ENCRYPTION_KEY";

    /** The key and what to do with a rotated one. */
    public record Resolved(SecretKey key, Consumer<SecretKey> persister, String origin) {
    }

    private SecretKeySource() {
    }

    /** Whether this configuration must supply the key itself. */
    public static boolean required(BackendConfig config) {
        return config.profile().strict() || (config.profile() == Profile.DEMO && config.databaseUrl().isPresent());
    }

    public static Resolved resolve(BackendConfig config, Path dataDir) {
        var configured = config.setting(VARIABLE);
        if (configured.isPresent()) {
            return new Resolved(SecretKey.parse(VARIABLE, configured.get()), k -> { }, "environment");
        }
        if (required(config)) {
            throw new ConfigException(VARIABLE, "is required in profile " + config.profile().id() + " with a database");
        }
        Path file = dataDir.resolve("keys").resolve("secret-encryption.key");
        try {
            if (!Files.exists(file)) {
                byte[] raw = new byte[32];
                new SecureRandom().nextBytes(raw);
                write(file, HexFormat.of().formatHex(raw));
            }
            String hex = Files.readString(file, StandardCharsets.UTF_8).trim();
            return new Resolved(SecretKey.parse(VARIABLE + " (" + file + ")", hex), k -> write(file, k.toHex()), "key file");
        } catch (IOException e) {
            throw new ConfigException(VARIABLE, "cannot use the key file " + file + ": " + e.getMessage());
        }
    }

    /** Writes through a temp file and a rename, so a crash never leaves half a key. */
    private static void write(Path file, String hex) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, hex + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the data dir's own permissions protect it
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
