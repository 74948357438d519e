package dev.opsdeck.backend.alerts;

import dev.opsdeck.backend.alerts.expr.Matcher;
import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.http.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Silences and acknowledgements: creation with limits, expiry, and the notices that go out when either
 * ends while its alert still fires (so a muted problem does not stay quiet by accident).
 */
public final class MuteService {
    private final AlertRepository repo;
    private final EventBus events;
    private final Clock clock;
    private final Duration maxSilence;
    private final Duration maxAck;
    private final Duration flapGuard;

    public MuteService(AlertRepository repo, EventBus events, Clock clock, Duration maxSilence, Duration maxAck, Duration flapGuard) {
        this.repo = repo;
        this.events = events;
        this.clock = clock;
        this.maxSilence = maxSilence;
        this.maxAck = maxAck;
        this.flapGuard = flapGuard;
    }

    public Duration maxSilence() {
        return maxSilence;
    }

    public Silence createSilence(List<Matcher> matchers, Duration duration, Instant startsAt, String reason, String by) {
        Instant now = clock.instant();
        Instant start = startsAt == null ? now : startsAt;
        if (duration.compareTo(maxSilence) > 0) {
            throw ApiException.invalidField("duration", "at most " + maxSilence.toHours() + "h (ALERT_SILENCE_MAX_HOURS)");
        }
        if (start.plus(duration).isBefore(now)) {
            throw ApiException.invalidField("starts_at", "the silence would already be over");
        }
        Silence s = repo.insertSilence(matchers, reason, by, start, start.plus(duration), now);
        events.publish("alerts", "alert.silence_created", s);
        return s;
    }

    public Silence expireSilence(long id) {
        Silence s = repo.silence(id).orElseThrow(() -> ApiException.notFound("no silence " + id));
        Instant now = clock.instant();
        repo.endSilence(id, now);
        return repo.silence(id).orElse(s);
    }

    public List<Silence> silences(boolean includeEnded) {
        Instant now = clock.instant();
        return repo.silences(includeEnded ? now.minus(Duration.ofDays(7)) : now);
    }

    public Ack acknowledge(String fingerprint, String rule, String owner, String comment, Duration duration, boolean clearOnResolve) {
        if (duration.compareTo(maxAck) > 0) {
            throw ApiException.invalidField("duration", "at most " + maxAck.toHours() + "h (ALERT_ACK_MAX_HOURS)");
        }
        Instant now = clock.instant();
        Ack a = repo.insertAck(fingerprint, rule, owner, comment, now.plus(duration), clearOnResolve, now);
        events.publish("alerts", "alert.acknowledged", AckView.of(a, now));
        return a;
    }

    public Ack withdraw(long id) {
        Ack a = repo.ack(id).orElseThrow(() -> ApiException.notFound("no acknowledgement " + id));
        repo.endAck(id, clock.instant(), "withdrawn");
        return repo.ack(id).orElse(a);
    }

    public List<Ack> openAcks() {
        return repo.openAcks();
    }

    /** What is in force now, read only: for a coordinator that mirrors the evaluating one and must not end or announce. */
    Mutes current(Instant now) {
        List<Silence> inForce = repo.silences(now.minusSeconds(1)).stream().filter(s -> s.activeAt(now)).toList();
        Map<String, Ack> acks = new HashMap<>();
        repo.openAcks().stream().filter(a -> a.activeAt(now)).forEach(a -> acks.put(a.fingerprint(), a));
        return new Mutes(inForce, acks);
    }

    /**
     * Ends what expired and returns what is in force now, plus the fingerprints/silences whose mute just
     * ended (the engine re-notifies those alerts if they still fire).
     *
     * @param firing   fingerprints of alerts firing now, with their labels
     * @param active   fingerprints of alerts pending or firing now: a pending re-breach counts as a flap
     * @param resolved fingerprints that resolved in this evaluation (for clear-on-resolve)
     */
    Refresh refresh(Instant now, Map<String, Map<String, String>> firing, Set<String> active, Set<String> resolved) {
        List<Silence> inForce = new ArrayList<>();
        for (Silence s : repo.silences(now.minusSeconds(1))) {
            if (s.activeAt(now)) {
                inForce.add(s);
            }
        }
        List<String> unmuted = new ArrayList<>();
        for (Silence s : repo.expiredUnnotified(now)) {
            repo.markSilenceNotified(s.id());
            List<String> still = new ArrayList<>();
            firing.forEach((fp, labels) -> {
                if (s.matches(labels)) {
                    still.add(fp);
                }
            });
            unmuted.addAll(still);
            events.publish("alerts", "alert.silence_expired", expiryNotice("silence", s.id(), s.reason(), still));
        }
        Map<String, Ack> acks = new HashMap<>();
        for (Ack a : repo.openAcks()) {
            String ended = endReason(a, now, active.contains(a.fingerprint()), resolved.contains(a.fingerprint()));
            if (ended != null) {
                repo.endAck(a.id(), now, ended);
                boolean still = firing.containsKey(a.fingerprint());
                if (still) {
                    unmuted.add(a.fingerprint());
                }
                events.publish("alerts", ended.equals("expired") ? "alert.ack_expired" : "alert.ack_cleared",
                        expiryNotice("ack", a.id(), a.owner(), still ? List.of(a.fingerprint()) : List.of()));
            } else {
                acks.put(a.fingerprint(), a);
            }
        }
        return new Refresh(new Mutes(inForce, acks), unmuted);
    }

    /** Why the ack ends now, or null if it stays. Tracks resolve/refire for the flap guard as a side effect. */
    private String endReason(Ack a, Instant now, boolean active, boolean resolvedNow) {
        if (!now.isBefore(a.expiresAt())) {
            return "expired";
        }
        if (!a.clearOnResolve()) {
            return null;
        }
        if (resolvedNow && a.resolvedAt() == null) {
            repo.setAckResolvedAt(a.id(), now);
            return flapGuard.isZero() ? "cleared_on_resolve" : null;
        }
        if (active && a.resolvedAt() != null) {
            // Fired again inside the guard: a flap, not a fix. The owner keeps it.
            repo.setAckResolvedAt(a.id(), null);
            return null;
        }
        if (!active && a.resolvedAt() != null && !now.isBefore(a.resolvedAt().plus(flapGuard))) {
            return "cleared_on_resolve";
        }
        return null;
    }

    private static Map<String, Object> expiryNotice(String kind, long id, String about, List<String> stillFiring) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("id", id);
        m.put(kind.equals("ack") ? "owner" : "reason", about);
        m.put("still_firing", stillFiring);
        return m;
    }

    record Refresh(Mutes mutes, List<String> unmuted) {
    }
}
