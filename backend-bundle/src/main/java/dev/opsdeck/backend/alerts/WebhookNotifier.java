package dev.opsdeck.backend.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.services.ManagedService;
import dev.opsdeck.backend.platform.services.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Delivers notifications to the configured webhook ({@code OPSDECK_ALERT_WEBHOOK_URL}, or the edge notes'
 * {@code SECURITY_ALERT_WEBHOOK_URL}) on its own thread, retrying with exponential backoff; a delivery that
 * fails every attempt goes to the dead-letter table. It is a {@link ManagedService} ("alert-webhook"), so a
 * failing receiver shows in the services status, and "reconnect" redelivers the dead letters.
 */
final class WebhookNotifier implements AlertNotifier, ManagedService {
    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

    private final URI url;
    private final AlertRepository repo;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Supplier<String> externalUrl;
    private final int maxAttempts;
    private final long backoffMillis;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile String state;
    private volatile String lastError;
    private volatile Double lastLatencyMs;
    private volatile Instant since;
    private volatile Instant lastSuccess;

    WebhookNotifier(URI url, AlertRepository repo, ObjectMapper mapper, Clock clock, ScheduledExecutorService executor,
                    Supplier<String> externalUrl, int maxAttempts, long backoffMillis) {
        this.url = url;
        this.repo = repo;
        this.mapper = mapper;
        this.clock = clock;
        this.executor = executor;
        this.externalUrl = externalUrl;
        this.maxAttempts = maxAttempts;
        this.backoffMillis = backoffMillis;
        this.state = url == null ? "disabled" : "up";
        this.since = clock.instant();
    }

    @Override
    public void notify(String ruleName, List<Notice> alerts) {
        if (url == null || alerts.isEmpty()) {
            return;
        }
        String body;
        try {
            body = mapper.writeValueAsString(AlertmanagerPayload.build(ruleName, alerts, externalUrl.get()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the webhook payload", e);
        }
        enqueue(AlertmanagerPayload.groupKey(ruleName), body, null);
    }

    private void enqueue(String groupKey, String body, Long deadLetterId) {
        inFlight.incrementAndGet();
        executor.execute(() -> attempt(groupKey, body, 1, deadLetterId));
    }

    private void attempt(String groupKey, String body, int attempt, Long deadLetterId) {
        String error;
        long t0 = System.nanoTime();
        try {
            HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("User-Agent", "OpsDeck-Alerts")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<Void> resp = http.send(req, HttpResponse.BodyHandlers.discarding());
            lastLatencyMs = (System.nanoTime() - t0) / 1e6;
            if (resp.statusCode() / 100 == 2) {
                sent.incrementAndGet();
                lastSuccess = clock.instant();
                setState("up", null);
                if (deadLetterId != null) {
                    repo.markRedelivered(deadLetterId, clock.instant());
                }
                inFlight.decrementAndGet();
                return;
            }
            error = "HTTP " + resp.statusCode();
        } catch (java.io.IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inFlight.decrementAndGet();
            return;
        } catch (RuntimeException e) {
            error = e.toString();
        }
        failedAttempts.incrementAndGet();
        if (attempt < maxAttempts && !executor.isShutdown()) {
            setState("degraded", error + " (attempt " + attempt + " of " + maxAttempts + ", retrying)");
            long delay = Math.min(backoffMillis << (attempt - 1), 60_000);
            final String err = error;
            try {
                executor.schedule(() -> attempt(groupKey, body, attempt + 1, deadLetterId), delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                deadLetter(groupKey, body, attempt, err, deadLetterId);
            }
            return;
        }
        deadLetter(groupKey, body, attempt, error, deadLetterId);
    }

    private void deadLetter(String groupKey, String body, int attempts, String error, Long existing) {
        inFlight.decrementAndGet();
        deadLettered.incrementAndGet();
        setState("down", error + " after " + attempts + " attempt(s); kept as a dead letter");
        log.warn("alert webhook delivery for {} failed {} time(s): {}", groupKey, attempts, error);
        if (existing == null) {
            try {
                repo.insertDeadLetter(groupKey, body, attempts, error, clock.instant());
            } catch (RuntimeException e) {
                log.error("could not store the dead letter for {}: {}", groupKey, e.toString());
            }
        }
    }

    private void setState(String s, String error) {
        if (!s.equals(state)) {
            since = clock.instant();
        }
        state = s;
        if (error != null) {
            lastError = error;
        }
    }

    /** Deliveries still queued or waiting for a retry. */
    int inFlight() {
        return inFlight.get();
    }

    @Override
    public String name() {
        return "alert-webhook";
    }

    @Override
    public String kind() {
        return "upstream";
    }

    @Override
    public ServiceStatus status() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("configured", url != null);
        // Host only: webhook URLs often carry a secret token in the path.
        d.put("host", url == null ? null : url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : ""));
        d.put("sent", sent.get());
        d.put("failed_attempts", failedAttempts.get());
        d.put("dead_letters", deadLettered.get());
        d.put("pending_dead_letters", url == null ? 0 : repo.countPendingDeadLetters());
        d.put("in_flight", inFlight.get());
        d.put("last_success_at", lastSuccess);
        d.put("max_attempts", maxAttempts);
        return new ServiceStatus(state, lastLatencyMs, lastError, since, d);
    }

    /** Redelivers the dead letters not yet redelivered (each gets a fresh set of attempts). */
    @Override
    public ServiceStatus reconnect() {
        if (url != null) {
            for (DeadLetter dl : repo.deadLetters(true, 100)) {
                enqueue(dl.groupKey(), dl.payload(), dl.id());
            }
        }
        return status();
    }
}
