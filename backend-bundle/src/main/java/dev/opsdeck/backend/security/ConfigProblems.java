package dev.opsdeck.backend.security;

import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.ConfigException;
import dev.opsdeck.backend.security.edge.EdgeSettings;
import dev.opsdeck.backend.security.ratelimit.RateLimitSettings;
import dev.opsdeck.backend.security.secrets.SecretKey;
import dev.opsdeck.backend.security.secrets.SecretKeySource;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Every reason a configuration must not start, one line each, so an operator fixes them all in one go instead of
 * one per restart. Stage and prod fail closed (edge deployment notes): no default, missing or {@code change-me-*}
 * tokens and secrets, trusted hosts required, no wildcard CORS, the secrets key present.
 */
public final class ConfigProblems {
    /** One problem: the variable at fault and what is wrong with it. */
    public record Problem(String variable, String text) {
        @Override
        public String toString() {
            return variable + ": " + text;
        }
    }

    private ConfigProblems() {
    }

    /** Throws one {@link ConfigException} listing every problem, one per line; returns when there are none. */
    public static void check(BackendConfig config) {
        List<Problem> problems = find(config);
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder rest = new StringBuilder(problems.get(0).text());
        for (Problem p : problems.subList(1, problems.size())) {
            rest.append('\n').append(p);
        }
        throw new ConfigException(problems.get(0).variable(), rest.toString());
    }

    public static List<Problem> find(BackendConfig config) {
        List<Problem> out = new ArrayList<>();
        if (config.profile().strict()) {
            strict(config, out);
        }
        // Settings every profile parses: a typo stops start-up whatever the profile.
        parse(out, () -> RateLimitSettings.from(config));
        parse(out, () -> EdgeSettings.from(config));
        parse(out, () -> config.flag("DASHBOARD_PUBLIC", false));
        parse(out, () -> config.number("SECURITY_ALERT_AUTH_FAILURES", 20, 1, 1_000_000));
        parse(out, () -> config.number("SECURITY_ALERT_RATE_LIMITED", 100, 1, 1_000_000));
        parse(out, () -> config.number("SECURITY_ALERT_WINDOW_SECS", 60, 1, 86_400));
        config.setting(SecretKeySource.VARIABLE).ifPresent(v -> parse(out, () -> SecretKey.parse(SecretKeySource.VARIABLE, v)));
        config.setting("SECURITY_ALERT_WEBHOOK_URL").ifPresent(v -> {
            if (!httpUrl(v)) {
                out.add(new Problem("SECURITY_ALERT_WEBHOOK_URL", "must be an http(s) URL"));
            }
        });
        if ("postgresql".equalsIgnoreCase(config.setting("RATE_LIMIT_STORE").orElse("")) && config.databaseUrl().isEmpty()) {
            out.add(new Problem("RATE_LIMIT_STORE", "postgresql needs DATABASE_URL (shared buckets live in the shared database)"));
        }
        if (SecretKeySource.required(config) && config.setting(SecretKeySource.VARIABLE).isEmpty()) {
            out.add(new Problem(SecretKeySource.VARIABLE, "is required in profile " + config.profile().id() + " (AES key for stored secrets, 16/24/32 bytes as raw, base64 or hex)"));
        }
        return out;
    }

    private static void strict(BackendConfig config, List<Problem> out) {
        String profile = config.profile().id();
        String admin = config.adminKey().orElse("");
        if (admin.isEmpty()) {
            out.add(new Problem("OPSDECK_ADMIN_KEY", "is required in profile " + profile));
        } else if (weak(admin)) {
            out.add(new Problem("OPSDECK_ADMIN_KEY", "is a default or too short (need 24+ characters, no change-me) in profile " + profile));
        }
        if (config.apiTokens().isEmpty()) {
            out.add(new Problem("OPSDECK_API_TOKENS", "is required in profile " + profile + " (workers post with these tokens)"));
        }
        if (config.apiTokens().stream().anyMatch(ConfigProblems::weak)) {
            out.add(new Problem("OPSDECK_API_TOKENS", "contains a default or short token (need 24+ characters) in profile " + profile));
        }
        if (config.viewerTokens().stream().anyMatch(ConfigProblems::weak)) {
            out.add(new Problem("OPSDECK_VIEWER_TOKENS", "contains a default or short token (need 24+ characters) in profile " + profile));
        }
        List<String> all = new ArrayList<>();
        all.add(admin);
        config.viewerTokens().forEach(t -> all.add(t));
        config.apiTokens().forEach(t -> all.add(t));
        if (!admin.isEmpty() && all.stream().distinct().count() < all.size()) {
            out.add(new Problem("OPSDECK_VIEWER_TOKENS", "a token is configured twice or for two roles; every token must be unique"));
        }
        List<String> hosts = list(config.setting("ALLOWED_HOSTS").orElse(""));
        if (hosts.isEmpty()) {
            out.add(new Problem("ALLOWED_HOSTS", "is required in profile " + profile + " (comma-separated host names this server answers to)"));
        } else if (hosts.contains("*")) {
            out.add(new Problem("ALLOWED_HOSTS", "must not be '*' in profile " + profile));
        }
        List<String> origins = list(config.setting("CORS_ALLOWED_ORIGINS").orElse(""));
        for (String o : origins) {
            if (o.equals("*")) {
                out.add(new Problem("CORS_ALLOWED_ORIGINS", "must be an explicit origin list, not '*', in profile " + profile));
            } else if (!httpUrl(o)) {
                out.add(new Problem("CORS_ALLOWED_ORIGINS", "'" + o + "' is not an origin like https://console.example.com"));
            }
        }
        config.setting(SecretKeySource.VARIABLE).filter(ConfigProblems::weakSecret).ifPresent(v ->
                out.add(new Problem(SecretKeySource.VARIABLE, "is a placeholder (change-me or repeated characters) in profile " + profile)));
        config.setting("METRICS_INGEST_SECRET").filter(ConfigProblems::weak).ifPresent(v ->
                out.add(new Problem("METRICS_INGEST_SECRET", "is a default or too short (need 24+ characters; leave empty to disable ingest) in profile " + profile)));
    }

    private static void parse(List<Problem> out, Supplier<?> read) {
        try {
            read.get();
        } catch (ConfigException e) {
            out.add(new Problem(e.variable(), e.getMessage().substring(Math.min(e.getMessage().length(), e.variable().length() + 2))));
        }
    }

    private static boolean httpUrl(String v) {
        try {
            URI u = URI.create(v.trim());
            return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        for (String p : v.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    /** A token or secret an attacker would try first. */
    public static boolean weak(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        return t.length() < 24 || weakSecret(t) || t.equals("dev-token") || t.equals("admin");
    }

    private static boolean weakSecret(String value) {
        String t = value.toLowerCase(Locale.ROOT);
        return t.contains("change-me") || t.contains("changeme") || t.contains("change_me") || t.chars().distinct().count() <= 2;
    }
}
