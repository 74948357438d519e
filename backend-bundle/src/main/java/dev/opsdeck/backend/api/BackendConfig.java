package dev.opsdeck.backend.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Immutable backend configuration.
 *
 * <p>Values come from three layers: command-line flags win over environment variables, which win over
 * the env file ({@code OPSDECK_ENV_FILE}, {@code --env-file}, or {@code .env} in the working directory
 * if present). The seeds' own names are accepted as aliases. Every raw value is kept in
 * {@link #settings()} so that domain services can read their own variables
 * (for example {@code STARKNET_RPC_URL}) through {@link #setting(String)}.
 */
public final class BackendConfig {

    /** Canonical variable -> aliases, in priority order (the canonical name first). */
    private static final Map<String, List<String>> ALIASES = Map.of(
            "OPSDECK_ENV_FILE", List.of("OPSDECK_ENV_FILE", "PAYMENTS_ENV_FILE"),
            "OPSDECK_DATA_DIR", List.of("OPSDECK_DATA_DIR", "PAYMENTS_DATA_DIR"),
            "OPSDECK_PORT", List.of("OPSDECK_PORT", "PAYMENTS_PORT", "API_PORT"),
            "OPSDECK_ADMIN_KEY", List.of("OPSDECK_ADMIN_KEY", "ADMIN_API_KEY", "PAYMENTS_API_ADMIN_TOKEN"),
            "OPSDECK_VIEWER_TOKENS", List.of("OPSDECK_VIEWER_TOKENS", "PAYMENTS_VIEWER_TOKENS"),
            "OPSDECK_API_TOKENS", List.of("OPSDECK_API_TOKENS", "API_TOKENS"));

    /** Flag -> canonical variable. */
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("--env-file", "OPSDECK_ENV_FILE"),
            Map.entry("--data-dir", "OPSDECK_DATA_DIR"),
            Map.entry("--port", "OPSDECK_PORT"),
            Map.entry("--bind", "OPSDECK_BIND"),
            Map.entry("--profile", "OPSDECK_PROFILE"),
            Map.entry("--database-url", "DATABASE_URL"),
            Map.entry("--dsn", "DATABASE_URL"),
            Map.entry("--log-level", "LOG_LEVEL"),
            Map.entry("--api-tokens", "OPSDECK_API_TOKENS"),
            Map.entry("--admin-key", "OPSDECK_ADMIN_KEY"));

    private final int port;
    private final String bind;
    private final Path dataDir;
    private final String databaseUrl;
    private final Profile profile;
    private final String logLevel;
    private final String adminKey;
    private final List<String> viewerTokens;
    private final List<String> apiTokens;
    private final Map<String, String> settings;

    private BackendConfig(Builder b) {
        this.port = b.port;
        this.bind = b.bind;
        this.dataDir = b.dataDir;
        this.databaseUrl = b.databaseUrl;
        this.profile = b.profile;
        this.logLevel = b.logLevel;
        this.adminKey = b.adminKey;
        this.viewerTokens = List.copyOf(b.viewerTokens);
        this.apiTokens = List.copyOf(b.apiTokens);
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(b.settings));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads configuration from flags, the process environment and the env file.
     *
     * @param flags command-line flags such as {@code --port 9090} or {@code --port=9090}
     * @param env   environment variables (usually {@link System#getenv()})
     * @throws ConfigException with a one-line reason on the first bad value
     */
    public static BackendConfig load(List<String> flags, Map<String, String> env) {
        Map<String, String> fromFlags = parseFlags(flags);
        String envFileName = firstNonBlank(fromFlags.get("OPSDECK_ENV_FILE"), lookup(env, "OPSDECK_ENV_FILE"));
        Map<String, String> fromFile = new LinkedHashMap<>();
        if (envFileName != null) {
            Path p = Path.of(envFileName);
            if (!Files.isRegularFile(p)) {
                throw new ConfigException("OPSDECK_ENV_FILE", "env file " + p.toAbsolutePath() + " does not exist");
            }
            fromFile.putAll(readEnvFile(p));
        } else if (Files.isRegularFile(Path.of(".env"))) {
            fromFile.putAll(readEnvFile(Path.of(".env")));
        }
        Map<String, String> merged = new LinkedHashMap<>(fromFile);
        merged.putAll(env);
        // Flags are stored under their canonical names and so win over any alias.
        Map<String, String> canonical = new LinkedHashMap<>(merged);
        for (String var : ALIASES.keySet()) {
            String v = lookup(merged, var);
            if (v != null) {
                canonical.put(var, v);
            }
        }
        canonical.putAll(fromFlags);
        return fromSettings(canonical);
    }

    /** Builds a configuration from canonical variable names, validating every value. */
    public static BackendConfig fromSettings(Map<String, String> s) {
        Builder b = builder();
        b.settings.putAll(s);
        String profile = s.get("OPSDECK_PROFILE");
        if (profile != null && !profile.isBlank()) {
            try {
                b.profile(Profile.parse(profile));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("OPSDECK_PROFILE", e.getMessage());
            }
        }
        String port = s.get("OPSDECK_PORT");
        if (port != null && !port.isBlank()) {
            b.port(parsePort(port));
        }
        String bind = s.get("OPSDECK_BIND");
        if (bind != null && !bind.isBlank()) {
            b.bind(bind.trim());
        }
        String dataDir = s.get("OPSDECK_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            b.dataDir(Path.of(dataDir.trim()));
        }
        String db = s.get("DATABASE_URL");
        if (db != null && !db.isBlank()) {
            b.databaseUrl(db.trim());
        }
        String level = s.get("LOG_LEVEL");
        if (level != null && !level.isBlank()) {
            b.logLevel(level);
        }
        String admin = s.get("OPSDECK_ADMIN_KEY");
        if (admin != null && !admin.isBlank()) {
            b.adminKey(admin.trim());
        }
        b.viewerTokens(splitList(s.get("OPSDECK_VIEWER_TOKENS")));
        b.apiTokens(splitList(s.get("OPSDECK_API_TOKENS")));
        return b.build();
    }

    public int port() { return port; }
    public String bind() { return bind; }
    public Path dataDir() { return dataDir; }
    /** PostgreSQL URL as given, or empty for the embedded H2 file database. */
    public Optional<String> databaseUrl() { return Optional.ofNullable(databaseUrl); }
    public Profile profile() { return profile; }
    public String logLevel() { return logLevel; }
    /** Admin key, or empty when one is to be generated (dev/demo). */
    public Optional<String> adminKey() { return Optional.ofNullable(adminKey); }
    public List<String> viewerTokens() { return viewerTokens; }
    public List<String> apiTokens() { return apiTokens; }
    /** Every raw setting by canonical variable name (env file, environment and flags merged). */
    public Map<String, String> settings() { return settings; }

    /** A raw setting by variable name, blank values treated as absent. */
    public Optional<String> setting(String name) {
        String v = settings.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** A boolean setting: {@code true/false/1/0/yes/no/on/off}. */
    public boolean flag(String name, boolean defaultValue) {
        Optional<String> v = setting(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "on": return true;
            case "false": case "0": case "no": case "off": return false;
            default: throw new ConfigException(name, "must be true or false (was '" + v.get() + "')");
        }
    }

    /** A whole-number setting within bounds. */
    public long number(String name, long defaultValue, long min, long max) {
        Optional<String> v = setting(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        long n;
        try {
            n = Long.parseLong(v.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "must be a whole number (was '" + v.get() + "')");
        }
        if (n < min || n > max) {
            throw new ConfigException(name, "must be between " + min + " and " + max + " (was " + n + ")");
        }
        return n;
    }

    /** A copy with some settings replaced; the result is validated again. */
    public BackendConfig with(Map<String, String> overrides) {
        Map<String, String> s = new LinkedHashMap<>(toSettings());
        s.putAll(overrides);
        return fromSettings(s);
    }

    private Map<String, String> toSettings() {
        Map<String, String> s = new LinkedHashMap<>(settings);
        s.put("OPSDECK_PORT", Integer.toString(port));
        s.put("OPSDECK_BIND", bind);
        s.put("OPSDECK_DATA_DIR", dataDir.toString());
        s.put("OPSDECK_PROFILE", profile.id());
        s.put("LOG_LEVEL", logLevel);
        if (databaseUrl != null) {
            s.put("DATABASE_URL", databaseUrl);
        }
        if (adminKey != null) {
            s.put("OPSDECK_ADMIN_KEY", adminKey);
        }
        s.put("OPSDECK_VIEWER_TOKENS", String.join(",", viewerTokens));
        s.put("OPSDECK_API_TOKENS", String.join(",", apiTokens));
        return s;
    }

    private static int parsePort(String value) {
        int p;
        try {
            p = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("OPSDECK_PORT", "must be a number between 0 and 65535 (was '" + value + "')");
        }
        if (p < 0 || p > 65535) {
            throw new ConfigException("OPSDECK_PORT", "must be between 0 and 65535 (was " + p + ")");
        }
        return p;
    }

    private static Map<String, String> parseFlags(List<String> flags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < flags.size(); i++) {
            String f = flags.get(i);
            String name = f;
            String value = null;
            int eq = f.indexOf('=');
            if (f.startsWith("--") && eq > 0) {
                name = f.substring(0, eq);
                value = f.substring(eq + 1);
            }
            String var = FLAGS.get(name);
            if (var == null) {
                throw new ConfigException(f, "unknown flag; known flags: " + String.join(", ", FLAGS.keySet().stream().sorted().toList()));
            }
            if (value == null) {
                if (i + 1 >= flags.size()) {
                    throw new ConfigException(name, "needs a value");
                }
                value = flags.get(++i);
            }
            out.put(var, value);
        }
        return out;
    }

    private static Map<String, String> readEnvFile(Path p) {
        List<String> lines;
        try {
            lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("OPSDECK_ENV_FILE", "cannot read " + p.toAbsolutePath() + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("OPSDECK_ENV_FILE", p.getFileName() + " line " + n + " is not NAME=value");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(key, value);
        }
        return out;
    }

    private static String lookup(Map<String, String> source, String canonical) {
        for (String name : ALIASES.getOrDefault(canonical, List.of(canonical))) {
            String v = source.get(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static List<String> splitList(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        // Never print token or key values.
        return "BackendConfig[profile=" + profile.id() + ", bind=" + bind + ", port=" + port + ", dataDir=" + dataDir
                + ", store=" + (databaseUrl == null ? "h2" : "postgresql") + ", viewerTokens=" + viewerTokens.size()
                + ", apiTokens=" + apiTokens.size() + "]";
    }

    /** Builder for embedding callers (the console, tests). */
    public static final class Builder {
        private int port = 8080;
        private String bind = "127.0.0.1";
        private Path dataDir = Path.of("data");
        private String databaseUrl;
        private Profile profile = Profile.DEV;
        private String logLevel = "info";
        private String adminKey;
        private List<String> viewerTokens = new ArrayList<>();
        private List<String> apiTokens = new ArrayList<>();
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder port(int port) { this.port = port; return this; }
        public Builder bind(String bind) { this.bind = bind; return this; }
        public Builder dataDir(Path dataDir) { this.dataDir = dataDir; return this; }
        public Builder databaseUrl(String url) { this.databaseUrl = url; return this; }
        public Builder profile(Profile profile) { this.profile = profile; return this; }
        public Builder adminKey(String key) { this.adminKey = key; return this; }
        public Builder viewerTokens(List<String> tokens) { this.viewerTokens = new ArrayList<>(tokens); return this; }
        public Builder apiTokens(List<String> tokens) { this.apiTokens = new ArrayList<>(tokens); return this; }

        public Builder logLevel(String level) {
            String l = level.trim().toLowerCase(Locale.ROOT);
            if (!Arrays.asList("trace", "debug", "info", "warn", "error", "off").contains(l)) {
                throw new ConfigException("LOG_LEVEL", "must be one of trace, debug, info, warn, error, off (was '" + level + "')");
            }
            this.logLevel = l;
            return this;
        }

        /** Sets a raw setting read by a domain service, e.g. {@code ENABLE_INDEXER}. */
        public Builder setting(String name, String value) { settings.put(name, value); return this; }

        public BackendConfig build() {
            return new BackendConfig(this);
        }
    }
}
