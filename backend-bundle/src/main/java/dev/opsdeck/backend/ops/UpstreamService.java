package dev.opsdeck.backend.ops;

import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.services.ManagedService;
import dev.opsdeck.backend.platform.services.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An external daemon (arkd, tapd, lnd, ...) at {@code host:port}, watched by a probe. Like a client channel it
 * backs off after failures (5 s doubling to 5 min), so a daemon that comes back is noticed late unless the
 * operator presses reconnect, which resets the backoff and probes at once. Stopping it stops the probing.
 */
final class UpstreamService implements ManagedService {
    private static final Logger log = LoggerFactory.getLogger(UpstreamService.class);
    private static final Duration HEALTHY_INTERVAL = Duration.ofSeconds(15);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** Slower than this and the upstream counts as degraded: it answers, but an operator should know. */
    static final double DEGRADED_MS = 1000;

    private final String name;
    private final String host;
    private final int port;
    private final Probe probe;
    private final int timeoutMs;
    private final Clock clock;
    private final EventBus events;

    private String state = "starting";
    private Double latencyMs;
    private String lastError;
    private String detail;
    private Instant since;
    private Instant lastCheck;
    private Instant nextAttempt;
    private int failures;
    private boolean stopped;

    UpstreamService(String name, String host, int port, Probe probe, int timeoutMs, Clock clock, EventBus events) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.probe = probe;
        this.timeoutMs = timeoutMs;
        this.clock = clock;
        this.events = events;
        this.since = clock.instant();
        this.nextAttempt = since;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "upstream";
    }

    @Override
    public synchronized ServiceStatus status() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("address", host + ":" + port);
        d.put("probe", probe.method());
        d.put("detail", detail);
        d.put("consecutive_failures", failures);
        d.put("last_checked_at", lastCheck);
        d.put("next_check_at", stopped ? null : nextAttempt);
        return new ServiceStatus(state, latencyMs, lastError, since, d);
    }

    @Override
    public ServiceStatus reconnect() {
        synchronized (this) {
            stopped = false;
            failures = 0;
        }
        check();
        return status();
    }

    @Override
    public ServiceStatus start() {
        return reconnect();
    }

    @Override
    public synchronized ServiceStatus stop() {
        stopped = true;
        transition("stopped", null, null);
        return status();
    }

    @Override
    public boolean startStoppable() {
        return true;
    }

    /** Periodic call from the monitor: probes when due. */
    void tick() {
        synchronized (this) {
            if (stopped || clock.instant().isBefore(nextAttempt)) {
                return;
            }
        }
        check();
    }

    /** Probes once (outside the lock: a slow upstream must not block status reads). */
    void check() {
        long t0 = System.nanoTime();
        Probe.Outcome outcome = null;
        String error = null;
        try {
            outcome = probe.check(host, port, timeoutMs);
        } catch (IOException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (probe instanceof GrpcHealthProbe && reachable()) {
                error = "TCP reachable, but the gRPC health check failed: " + error;
            }
        }
        double ms = Math.round((System.nanoTime() - t0) / 1e4) / 100.0;
        synchronized (this) {
            if (stopped) {
                return; // stopped while probing: keep it stopped
            }
            lastCheck = clock.instant();
            if (outcome != null) {
                failures = 0;
                latencyMs = ms;
                detail = outcome.detail();
                String s = "up".equals(outcome.state()) && ms > DEGRADED_MS ? "degraded" : outcome.state();
                transition(s, s.equals("degraded") ? (ms > DEGRADED_MS ? "slow: " + ms + " ms" : outcome.detail()) : null, ms);
                nextAttempt = lastCheck.plus(HEALTHY_INTERVAL);
            } else {
                failures++;
                latencyMs = null;
                detail = null;
                transition("down", error, null);
                long backoff = Math.min(MAX_BACKOFF.toSeconds(), 5L << Math.min(failures - 1, 10));
                nextAttempt = lastCheck.plusSeconds(backoff);
            }
        }
    }

    private boolean reachable() {
        try {
            new TcpProbe().check(host, port, timeoutMs);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void transition(String newState, String error, Double ms) {
        lastError = error;
        if (newState.equals(state)) {
            return;
        }
        String previous = state;
        state = newState;
        since = clock.instant();
        if (newState.equals("down")) {
            log.warn("upstream {} at {}:{} is down: {}", name, host, port, error);
        } else {
            log.info("upstream {} at {}:{} is {} (was {})", name, host, port, newState, previous);
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("service", name);
        ev.put("state", newState);
        ev.put("previous", previous);
        ev.put("error", error);
        ev.put("latency_ms", ms);
        events.publish("ops", "service.state", ev);
    }
}
