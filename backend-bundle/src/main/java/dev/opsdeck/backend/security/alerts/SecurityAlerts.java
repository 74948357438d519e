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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raises a security alert when one source fails authentication, or is rate limited, too often within a window
 * (edge deployment notes: runtime security alerting). An alert is written to the audit log, published on the
 * {@code alerts} topic and, when {@code SECURITY_ALERT_WEBHOOK_URL} is set, POSTed there as JSON. One alert per
 * source and kind per window: a storm raises one alert, not thousands.
 */
public final class SecurityAlerts {
    private static final Logger log = LoggerFactory.getLogger(SecurityAlerts.class);

    /** What kind of misbehaviour, with its audit action and threshold variable. */
    public enum Kind {
        AUTH_FAILURE_BURST("security.auth_failure_burst"),
        RATE_LIMIT_STORM("security.rate_limit_storm");

        private final String action;

        Kind(String action) {
            this.action = action;
        }

        public String action() {
            return action;
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
            post(data);
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
