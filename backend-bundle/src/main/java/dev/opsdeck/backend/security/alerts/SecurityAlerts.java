package dev.opsdeck.backend.security.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.audit.AuditTrail;
import dev.opsdeck.backend.platform.events.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raises a security alert when one source fails authentication, or is rate limited, too often within a window
 * (edge deployment notes: runtime security alerting). An alert is written to the audit log, published on the
 * {@code alerts} topic and, when {@code SECURITY_ALERT_WEBHOOK_URL} is set, POSTed there in the Alertmanager webhook
 * format (version 4) - the same URL also receives the alert engine's notifications, so a receiver sees one format.
 * One alert per source and kind per window: a storm raises one alert, not thousands.
 */
public final class SecurityAlerts {
    private static final Logger log = LoggerFactory.getLogger(SecurityAlerts.class);

    /** What kind of misbehaviour, with its audit action and threshold variable. */
    public enum Kind {
        AUTH_FAILURE_BURST("security.auth_failure_burst", "SecurityAuthFailureBurst", "repeated authentication failures"),
        RATE_LIMIT_STORM("security.rate_limit_storm", "SecurityRateLimitStorm", "a rate-limit storm");

        private final String action;
        private final String alertName;
        private final String what;

        Kind(String action, String alertName, String what) {
            this.action = action;
            this.alertName = alertName;
            this.what = what;
        }

        public String action() {
            return action;
        }

        /** The {@code alertname} label in webhook notifications. */
        public String alertName() {
            return alertName;
        }
    }

    private final AuditTrail audit;
    private final EventBus events;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration window;
    private final Map<Kind, Integer> thresholds;
    private final URI webhook;
    private final HttpClient http;
    private final Map<String, Deque<Instant>> hits = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastAlert = new ConcurrentHashMap<>();
    private final AtomicLong raised = new AtomicLong();

    public SecurityAlerts(AuditTrail audit, EventBus events, ObjectMapper mapper, Clock clock, Duration window,
                          int authFailures, int rateLimited, URI webhook) {
        this.audit = audit;
        this.events = events;
        this.mapper = mapper;
        this.clock = clock;
        this.window = window;
        this.thresholds = Map.of(Kind.AUTH_FAILURE_BURST, authFailures, Kind.RATE_LIMIT_STORM, rateLimited);
        this.webhook = webhook;
        this.http = webhook == null ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Counts one event from {@code source}; raises the alert when the window's count reaches the threshold. */
    public void record(Kind kind, String source, String detail) {
        Instant now = clock.instant();
        String key = kind + "|" + source;
        Deque<Instant> q = hits.computeIfAbsent(key, k -> new ArrayDeque<>());
        int count;
        synchronized (q) {
            q.addLast(now);
            while (!q.isEmpty() && q.peekFirst().isBefore(now.minus(window))) {
                q.removeFirst();
            }
            count = q.size();
        }
        if (count < thresholds.get(kind)) {
            return;
        }
        Instant last = lastAlert.get(key);
        if (last != null && last.isAfter(now.minus(window))) {
            return;
        }
        if (lastAlert.put(key, now) != last) {
            return; // another thread raised it a moment ago
        }
        raise(kind, source, count, detail);
    }

    private void raise(Kind kind, String source, int count, String detail) {
        raised.incrementAndGet();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", kind.action());
        data.put("source_ip", source);
        data.put("count", count);
        data.put("window_seconds", window.toSeconds());
        data.put("detail", detail);
        data.put("severity", "warning");
        log.warn("security alert {} from {}: {} events in {} s ({})", kind.action(), source, count, window.toSeconds(), detail);
        try {
            audit.record("system", kind.action(), data, "alert", source);
        } catch (RuntimeException e) {
            log.error("could not write security alert to the audit log: {}", e.toString());
        }
        events.publish("alerts", "security_alert", data);
        if (webhook != null) {
            post(alertmanagerPayload(kind, source, count, detail, clock.instant()));
        }
    }

    /**
     * The Alertmanager webhook body (version 4) for one security alert: Alertmanager's own camelCase keys, a firing
     * alert labelled {@code alertname}, {@code severity}, {@code source_ip}, {@code kind}; what happened in the
     * annotations. Security alerts do not resolve on their own, so {@code endsAt} is Alertmanager's zero time.
     */
    static Map<String, Object> alertmanagerPayload(Kind kind, String source, int count, String detail, Instant at) {
        Map<String, String> labels = new TreeMap<>(Map.of("alertname", kind.alertName(), "severity", "warning",
                "source_ip", source, "kind", kind.action()));
        Map<String, String> annotations = new TreeMap<>(Map.of(
                "summary", kind.what + " from " + source,
                "description", count + " events within the window (" + detail + ")",
                "count", Integer.toString(count)));
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", "firing");
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", at.toString());
        alert.put("endsAt", "0001-01-01T00:00:00Z");
        alert.put("generatorURL", "");
        alert.put("fingerprint", fingerprint(labels));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", "4");
        m.put("groupKey", "{}:{alertname=\"" + kind.alertName() + "\"}");
        m.put("truncatedAlerts", 0);
        m.put("status", "firing");
        m.put("receiver", "opsdeck");
        m.put("groupLabels", Map.of("alertname", kind.alertName()));
        m.put("commonLabels", labels);
        m.put("commonAnnotations", annotations);
        m.put("externalURL", "");
        m.put("alerts", List.of(alert));
        return m;
    }

    /** Alertmanager-style fingerprint: 16 hex digits of a hash over the sorted labels. */
    private static String fingerprint(Map<String, String> sortedLabels) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sortedLabels.forEach((k, v) -> sha.update((k + "\0" + v + "\0").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private void post(Map<String, Object> data) {
        try {
            HttpRequest req = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(data))).build();
            http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                if (e != null) {
                    log.warn("security alert webhook failed: {}", e.toString());
                } else if (r.statusCode() >= 300) {
                    log.warn("security alert webhook answered {}", r.statusCode());
                }
            });
        } catch (JsonProcessingException e) {
            log.warn("security alert not serialisable: {}", e.toString());
        }
    }

    /** Forgets sources quiet for a whole window, so the maps stay bounded. */
    public void cleanup() {
        Instant cutoff = clock.instant().minus(window);
        hits.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().isEmpty() || e.getValue().peekLast().isBefore(cutoff);
            }
        });
        lastAlert.values().removeIf(t -> t.isBefore(cutoff));
    }

    public long raisedCount() {
        return raised.get();
    }
}
