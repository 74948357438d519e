package dev.opsdeck.console.metrics;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the browser scrapes: the connected backend's {@code /metrics} (through the session, with its credentials)
 * or any Prometheus target URL the user added (a node exporter, a Prometheus server).
 *
 * @param url the target's URL; empty for the connected backend
 */
public record ScrapeTarget(Optional<URI> url) {
    /** The connected backend. */
    public static final ScrapeTarget BACKEND = new ScrapeTarget(Optional.empty());

    /** A target typed by the user: {@code http(s)://host[:port][/path]}; a bare host:port gets {@code http://} and {@code /metrics}. */
    public static Optional<ScrapeTarget> parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (!s.toLowerCase(Locale.ROOT).startsWith("http://") && !s.toLowerCase(Locale.ROOT).startsWith("https://")) {
            s = "http://" + s;
        }
        try {
            URI uri = URI.create(s);
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return Optional.empty();
            }
            if (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")) {
                uri = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/metrics");
            }
            return Optional.of(new ScrapeTarget(Optional.of(uri)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean isBackend() {
        return url.isEmpty();
    }

    @Override
    public String toString() {
        return url.map(URI::toString).orElse("/metrics");
    }
}
