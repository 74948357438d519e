package dev.opsdeck.backend.alerts;

import dev.opsdeck.backend.alerts.expr.Matcher;
import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.http.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the routes call: rules, alerts, history, silences and acks over the engine and the repository. */
public final class AlertService {
    private final AlertRepository repo;
    private final AlertEngine engine;
    private final MuteService mutes;
    private final EventBus events;
    private final Clock clock;
    private final long intervalSeconds;
    private final EvaluationLease lease;

    AlertService(AlertRepository repo, AlertEngine engine, MuteService mutes, EventBus events, Clock clock, long intervalSeconds,
                 EvaluationLease lease) {
        this.lease = lease;
        this.repo = repo;
        this.engine = engine;
        this.mutes = mutes;
        this.events = events;
        this.clock = clock;
        this.intervalSeconds = intervalSeconds;
    }

    /** Adds the built-in rules that are missing; never overwrites an operator's edits. Returns how many were added. */
    int seedBuiltins() {
        int added = 0;
        for (AlertRule r : BuiltinRules.all(clock.instant())) {
            try {
                if (repo.insertRule(r)) {
                    added++;
                }
            } catch (RuntimeException e) {
                // Another coordinator seeded the same rule between our check and insert: theirs stands.
                if (repo.rule(r.name()).isEmpty()) {
                    throw e;
                }
            }
        }
        return added;
    }

    public Map<String, AlertRule> ruleMap() {
        return repo.rules().stream().collect(Collectors.toMap(AlertRule::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    public List<AlertView> alerts() {
        return engine.alerts(ruleMap());
    }

    public static long mutedCount(List<AlertView> alerts) {
        return alerts.stream().filter(AlertView::muted).count();
    }

    public List<RuleView> rules() {
        List<AlertView> alerts = alerts();
        return repo.rules().stream().map(r -> RuleView.of(r, alerts, null)).toList();
    }

    public RuleView rule(String name) {
        AlertRule r = repo.rule(name).orElseThrow(() -> ApiException.notFound("no alert rule " + name));
        return RuleView.of(r, alerts(), engine.evaluations(name));
    }

    public String prometheusRuleFile() {
        return PrometheusRuleFile.render(repo.rules(), intervalSeconds);
    }

    public RuleView create(RuleRequest req) {
        AlertRule r = req.toRule(null, null, clock.instant());
        if (!repo.insertRule(r)) {
            throw ApiException.conflict("an alert rule named " + r.name() + " exists; edit it with PUT");
        }
        events.publish("alerts", "alert.rule_created", Map.of("rule", r.name()));
        return RuleView.of(r, alerts(), List.of());
    }

    /** Edits a rule. Disabling it this way ends its alerts, as a toggle does. */
    public Change edit(String name, RuleRequest req) {
        AlertRule existing = repo.rule(name).orElseThrow(() -> ApiException.notFound("no alert rule " + name));
        AlertRule r = req.toRule(name, existing, clock.instant());
        repo.updateRule(r);
        List<Transition> ended = existing.enabled() && !r.enabled() ? engine.endRule(name, "rule disabled") : List.of();
        events.publish("alerts", "alert.rule_updated", Map.of("rule", name, "enabled", r.enabled()));
        return new Change(RuleView.of(r, alerts(), engine.evaluations(name)), ended);
    }

    public Change delete(String name) {
        AlertRule r = repo.rule(name).orElseThrow(() -> ApiException.notFound("no alert rule " + name));
        if (r.builtin()) {
            throw ApiException.conflict("built-in rule " + name + " cannot be deleted; disable it with POST /admin/alerts/rules/" + name + "/toggle");
        }
        repo.deleteRule(name);
        List<Transition> ended = engine.endRule(name, "rule deleted");
        events.publish("alerts", "alert.rule_deleted", Map.of("rule", name));
        return new Change(RuleView.of(r.withEnabled(false, clock.instant()), List.of(), List.of()), ended);
    }

    /** Flips (or sets, when {@code to} is given) a rule's enabled flag; disabling resolves its alerts. */
    public Change toggle(String name, Boolean to) {
        AlertRule r = repo.rule(name).orElseThrow(() -> ApiException.notFound("no alert rule " + name));
        boolean on = to != null ? to : !r.enabled();
        AlertRule updated = r.withEnabled(on, clock.instant());
        repo.updateRule(updated);
        List<Transition> ended = r.enabled() && !on ? engine.endRule(name, "rule disabled") : List.of();
        events.publish("alerts", "alert.rule_toggled", Map.of("rule", name, "enabled", on, "resolved_alerts", ended.size()));
        return new Change(RuleView.of(updated, alerts(), engine.evaluations(name)), ended);
    }

    /** The periodic work: evaluate when this coordinator holds the lease, otherwise mirror the one that does. */
    void tick() {
        if (lease.holds()) {
            engine.lead();
            engine.evaluate();
        } else {
            engine.mirror();
        }
    }

    /** An evaluation on demand; refused on a coordinator that does not evaluate, which would notify twice. */
    public List<Transition> evaluateNow() {
        if (!lease.holds()) {
            engine.mirror();
            throw new ApiException(409, "not_evaluator", "another coordinator evaluates the alert rules (it holds the PostgreSQL lease);"
                    + " its results appear here at the next interval");
        }
        engine.lead();
        return engine.evaluate();
    }

    public List<Transition> history(Instant since, Instant until, String rule, String severity, String fingerprint, int limit) {
        return repo.history(since, until, rule, severity, fingerprint, limit);
    }

    public Instant lastEvaluation() {
        return engine.lastEvaluation();
    }

    // ---- silences and acks

    public Silence silence(List<Matcher> matchers, Duration duration, Instant startsAt, String reason, String by) {
        Silence s = mutes.createSilence(matchers, duration, startsAt, reason, by);
        engine.refreshMutes();
        return s;
    }

    public java.util.Optional<Map<String, String>> labelsOf(String fingerprint) {
        return engine.labelsOf(fingerprint);
    }

    public Silence expireSilence(long id) {
        Silence s = mutes.expireSilence(id);
        engine.refreshMutes();
        return s;
    }

    public List<SilenceView> silences(boolean includeEnded) {
        Instant now = clock.instant();
        return mutes.silences(includeEnded).stream()
                .map(s -> new SilenceView(s, s.activeAt(now) ? engine.matchCount(s) : 0, s.activeAt(now))).toList();
    }

    public AckView acknowledge(String fingerprint, String owner, String comment, Duration duration, boolean clearOnResolve) {
        String rule = engine.ruleOf(fingerprint)
                .orElseThrow(() -> ApiException.invalidField("fingerprint", "no pending or firing alert has this fingerprint"));
        Ack a = mutes.acknowledge(fingerprint, rule, owner, comment, duration, clearOnResolve);
        engine.refreshMutes();
        return AckView.of(a, clock.instant());
    }

    public AckView withdrawAck(long id) {
        Ack a = mutes.withdraw(id);
        engine.refreshMutes();
        return AckView.of(a, clock.instant());
    }

    public List<AckView> acks() {
        Instant now = clock.instant();
        return mutes.openAcks().stream().map(a -> AckView.of(a, now)).toList();
    }

    /** A rule change and the alerts it ended. */
    public record Change(RuleView rule, List<Transition> endedAlerts) {
    }

    /**
     * A silence with what it matches now.
     *
     * @param matchedAlerts live alerts it mutes (0 while not active)
     */
    public record SilenceView(long id, List<Matcher> matchers, String reason, String createdBy, Instant startsAt, Instant endsAt,
                              Instant createdAt, boolean active, int matchedAlerts, boolean matchesNothing) {
        SilenceView(Silence s, int matched, boolean active) {
            this(s.id(), s.matchers(), s.reason(), s.createdBy(), s.startsAt(), s.endsAt(), s.createdAt(), active, matched,
                    active && matched == 0);
        }
    }
}
