package dev.opsdeck.backend.security.edge;

import dev.opsdeck.backend.api.BackendConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The edge baseline of the edge deployment notes, as configured.
 *
 * @param allowedHosts  {@code ALLOWED_HOSTS}: Host header values accepted ({@code name}, {@code name:port},
 *                      {@code *.domain}); empty accepts any (dev only; stage/prod require a list)
 * @param corsOrigins   {@code CORS_ALLOWED_ORIGINS}: origins that may call from a browser; empty with
 *                      {@code corsPermissive} answers any origin (dev/demo), empty otherwise answers none
 * @param ingestSecret  {@code METRICS_INGEST_SECRET}; empty in stage/prod disables metric ingest (403)
 * @param apiDocs       {@code API_DOCS_ENABLED}: OpenAPI document and viewer; on in dev/demo, off in stage/prod
 */
public record EdgeSettings(List<String> allowedHosts, List<String> corsOrigins, boolean corsPermissive,
                           Optional<String> ingestSecret, boolean ingestDisabledWithoutSecret, boolean apiDocs,
                           TrustedProxies proxies) {

    public static EdgeSettings from(BackendConfig config) {
        boolean strict = config.profile().strict();
        return new EdgeSettings(
                list(config.setting("ALLOWED_HOSTS").orElse("")),
                list(config.setting("CORS_ALLOWED_ORIGINS").orElse("")),
                !strict,
                config.setting("METRICS_INGEST_SECRET"),
                strict,
                config.flag("API_DOCS_ENABLED", !strict),
                TrustedProxies.parse(config.setting("TRUSTED_PROXIES").orElse("")));
    }

    static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String p : value.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(out);
    }

    /** Whether a Host header value passes {@code ALLOWED_HOSTS}. */
    public boolean hostAllowed(String hostHeader) {
        if (allowedHosts.isEmpty() || allowedHosts.contains("*")) {
            return true;
        }
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String full = hostHeader.trim().toLowerCase(Locale.ROOT);
        String name = stripPort(full);
        for (String allowed : allowedHosts) {
            if (allowed.equals(full) || allowed.equals(name)) {
                return true;
            }
            if (allowed.startsWith("*.") && name.endsWith(allowed.substring(1)) && name.length() > allowed.length() - 1) {
                return true;
            }
        }
        return false;
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host;
    }

    /** The value for {@code Access-Control-Allow-Origin}, or null when this origin gets no CORS headers. */
    public String corsAllowOrigin(String origin) {
        if (origin == null || origin.isBlank()) {
            return null;
        }
        if (corsOrigins.isEmpty()) {
            return corsPermissive ? origin : null;
        }
        if (corsOrigins.contains("*")) {
            return "*";
        }
        return corsOrigins.contains(origin.trim().toLowerCase(Locale.ROOT)) ? origin : null;
    }
}
