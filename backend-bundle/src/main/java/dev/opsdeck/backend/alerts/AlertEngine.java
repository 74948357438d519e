package dev.opsdeck.backend.alerts;

import dev.opsdeck.backend.alerts.expr.Evaluator;
import dev.opsdeck.backend.alerts.expr.Expr;
import dev.opsdeck.backend.alerts.expr.Operators;
import dev.opsdeck.backend.alerts.expr.Sample;
import dev.opsdeck.backend.platform.events.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The evaluation loop: inactive -> pending -> firing -> resolved per alert (rule + label set), honouring the
 * rule's {@code for} and its N consecutive breaching evaluations. Every transition is persisted with the value
 * that caused it before it is published on {@code /ws} or sent to the webhook. One lock guards the live state,
 * so a toggle from a request thread never interleaves with an evaluation.
 */
public final class AlertEngine {
    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);
    private static final int KEPT_EVALUATIONS = 20;

    private final AlertRepository repo;
    private final RegistryHistory history;
    private final MuteService mutes;
    private final AlertNotifier notifier;
    private final EventBus events;
    private final Clock clock;
    private final Map<String, AlertInstance> active = new LinkedHashMap<>();
    private final Map<String, Deque<EvaluationRecord>> evaluations = new HashMap<>();
    private Mutes currentMutes = Mutes.NONE;
    /** False on a coordinator that only mirrors the evaluating one (see {@link EvaluationLease}). */
    private boolean leading = true;
    private Instant lastEvaluation;

    AlertEngine(AlertRepository repo, RegistryHistory history, MuteService mutes, AlertNotifier notifier, EventBus events, Clock clock) {
        this.repo = repo;
        this.history = history;
        this.mutes = mutes;
        this.notifier = notifier;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Takes back the alerts a previous run left pending or firing. A restored firing alert counts as notified
     * (it was, before the stop), so the receiver hears about it again only when it resolves.
     * Returns how many were restored.
     */
    public synchronized int restore() {
        int n = 0;
        for (Transition t : repo.openAlerts()) {
            AlertInstance inst = new AlertInstance(t.ruleName(), t.fingerprint(), t.labels(), t.occurredAt());
            inst.value = t.value() == null ? Double.NaN : t.value();
            inst.consecutive = 1;
            if (t.toState().equals("firing")) {
                inst.state = AlertInstance.State.FIRING;
                inst.firedAt = t.occurredAt();
                inst.notified = true;
            }
            active.put(t.fingerprint(), inst);
            n++;
        }
        return n;
    }

    /**
     * For a coordinator that does not evaluate: show what the evaluating one persisted (pending and firing alerts
     * and the mutes), without notifying or writing anything.
     */
    public synchronized void mirror() {
        leading = false;
        active.clear();
        restore();
        refreshMutes();
    }

    /** Called when this coordinator becomes the evaluator: resume from what the previous one persisted. */
    public synchronized void lead() {
        if (!leading) {
            leading = true;
            active.clear();
            restore();
        }
    }

    /** One evaluation of every enabled rule. Returns the transitions it made. */
    public synchronized List<Transition> evaluate() {
        Instant now = clock.instant();
        List<AlertRule> rules = repo.rules();
        Map<String, AlertRule> enabled = new LinkedHashMap<>();
        rules.stream().filter(AlertRule::enabled).forEach(r -> enabled.put(r.name(), r));
        Map<String, Expr> parsed = new HashMap<>();
        Set<String> wanted = new HashSet<>();
        long longestRange = 0;
        for (AlertRule r : enabled.values()) {
            try {
                Expr e = r.parsed();
                parsed.put(r.name(), e);
                wanted.addAll(ExprNames.seriesNames(e));
                longestRange = Math.max(longestRange, ExprNames.longestRangeSeconds(e));
            } catch (RuntimeException ex) {
                remember(r.name(), new EvaluationRecord(now, 0, 0, null, ex.getMessage()));
            }
        }
        history.retention((longestRange + 120) * 1000);
        history.record(now.toEpochMilli(), wanted);

        List<Transition> transitions = new ArrayList<>();
        Map<String, List<AlertNotifier.Notice>> notices = new LinkedHashMap<>();
        Set<String> resolvedNow = new HashSet<>();
        for (AlertRule r : enabled.values()) {
            Expr e = parsed.get(r.name());
            if (e != null) {
                evaluateRule(r, e, now, transitions, notices, resolvedNow);
            }
        }
        // Alerts whose rule was disabled or deleted elsewhere (another coordinator, a direct edit) end here.
        for (AlertInstance inst : List.copyOf(active.values())) {
            if (!enabled.containsKey(inst.rule)) {
                end(inst, now, "rule disabled or deleted", transitions, notices, null);
                resolvedNow.add(inst.fingerprint);
            }
        }
        Map<String, Map<String, String>> firing = new HashMap<>();
        active.values().stream().filter(i -> i.state == AlertInstance.State.FIRING).forEach(i -> firing.put(i.fingerprint, i.labels));
        MuteService.Refresh refresh = mutes.refresh(now, firing, active.keySet(), resolvedNow);
        currentMutes = refresh.mutes();
        for (String fp : refresh.unmuted()) {
            AlertInstance inst = active.get(fp);
            if (inst != null) {
                inst.notified = false; // the mute ended while it fires: tell the receiver again
            }
        }
        for (AlertInstance inst : active.values()) {
            if (inst.state == AlertInstance.State.FIRING && !inst.notified && !currentMutes.muted(inst.fingerprint, inst.labels)) {
                inst.notified = true;
                AlertRule r = enabled.get(inst.rule);
                notices.computeIfAbsent(inst.rule, k -> new ArrayList<>()).add(notice(inst, r, "firing", null));
            }
        }
        lastEvaluation = now;
        commit(transitions, notices);
        return transitions;
    }

    private void evaluateRule(AlertRule r, Expr e, Instant now, List<Transition> transitions,
                              Map<String, List<AlertNotifier.Notice>> notices, Set<String> resolvedNow) {
        List<Sample> result;
        try {
            result = new Evaluator(history, now.toEpochMilli()).vector(e);
        } catch (RuntimeException ex) {
            // A failing rule keeps its alerts as they are (Prometheus does the same) and says why.
            remember(r.name(), new EvaluationRecord(now, 0, 0, null, ex.getMessage()));
            return;
        }
        Set<String> seen = new HashSet<>();
        Map<String, Double> current = new HashMap<>();
        int breaching = 0;
        Double extreme = null;
        for (Sample s : result) {
            if (!Double.isNaN(s.value()) && (extreme == null || Math.abs(s.value()) > Math.abs(extreme))) {
                extreme = s.value();
            }
            Map<String, String> labels = new TreeMap<>(s.labels());
            labels.put("alertname", r.name());
            labels.put("severity", r.severity());
            String fp = Fingerprints.of(labels);
            current.put(fp, s.value());
            if (!Operators.compare(r.comparison(), s.value(), r.threshold())) {
                continue;
            }
            breaching++;
            seen.add(fp);
            AlertInstance inst = active.get(fp);
            boolean fresh = inst == null;
            if (fresh) {
                inst = new AlertInstance(r.name(), fp, labels, now);
                active.put(fp, inst);
            }
            inst.consecutive++;
            inst.value = s.value();
            inst.lastEvaluated = now;
            boolean held = !now.isBefore(inst.activeSince.plusSeconds(r.forSeconds())) && inst.consecutive >= r.consecutive();
            if (inst.state == AlertInstance.State.PENDING && held) {
                inst.state = AlertInstance.State.FIRING;
                inst.firedAt = now;
                transitions.add(transition(inst, now, fresh ? "inactive" : "pending", "firing", s.value(), null));
            } else if (fresh) {
                transitions.add(transition(inst, now, "inactive", "pending", s.value(), null));
            }
        }
        remember(r.name(), new EvaluationRecord(now, result.size(), breaching, extreme, null));
        for (AlertInstance inst : List.copyOf(active.values())) {
            if (inst.rule.equals(r.name()) && !seen.contains(inst.fingerprint)) {
                if (inst.state == AlertInstance.State.FIRING) {
                    resolvedNow.add(inst.fingerprint);
                }
                // The value that ended it: the series' current value, or the last one if the series is gone.
                inst.value = current.getOrDefault(inst.fingerprint, inst.value);
                end(inst, now, null, transitions, notices, r);
            }
        }
    }

    /**
     * Ends every alert of {@code rule} now (it was disabled or deleted). Returns the transitions made;
     * firing alerts that were notified get their resolved notice.
     */
    public synchronized List<Transition> endRule(String rule, String note) {
        if (!leading) {
            // The evaluating coordinator ends them at its next evaluation (the rule is disabled in the store);
            // ending them here too would notify twice.
            return List.of();
        }
        Instant now = clock.instant();
        List<Transition> transitions = new ArrayList<>();
        Map<String, List<AlertNotifier.Notice>> notices = new LinkedHashMap<>();
        AlertRule r = repo.rule(rule).orElse(null);
        for (AlertInstance inst : List.copyOf(active.values())) {
            if (inst.rule.equals(rule)) {
                end(inst, now, note, transitions, notices, r);
            }
        }
        commit(transitions, notices);
        return transitions;
    }

    private void end(AlertInstance inst, Instant now, String note, List<Transition> transitions,
                     Map<String, List<AlertNotifier.Notice>> notices, AlertRule rule) {
        active.remove(inst.fingerprint);
        boolean firing = inst.state == AlertInstance.State.FIRING;
        transitions.add(transition(inst, now, inst.stateName(), firing ? "resolved" : "inactive", note == null ? inst.value : null, note));
        if (firing && inst.notified) {
            notices.computeIfAbsent(inst.rule, k -> new ArrayList<>()).add(notice(inst, rule, "resolved", now));
        }
    }

    private void commit(List<Transition> transitions, Map<String, List<AlertNotifier.Notice>> notices) {
        try {
            repo.insertTransitions(transitions);
        } catch (RuntimeException e) {
            log.error("could not persist {} alert transition(s): {}", transitions.size(), e.toString());
        }
        for (Transition t : transitions) {
            events.publish("alerts", "alert." + t.toState(), t);
        }
        notices.forEach((rule, list) -> {
            try {
                notifier.notify(rule, list);
            } catch (RuntimeException e) {
                log.warn("alert notifier refused {}: {}", rule, e.toString());
            }
        });
    }

    private Transition transition(AlertInstance inst, Instant now, String from, String to, Double value, String note) {
        return new Transition(null, now, inst.rule, inst.fingerprint, inst.labels, inst.labels.get("severity"), from, to, value, note);
    }

    private AlertNotifier.Notice notice(AlertInstance inst, AlertRule rule, String status, Instant endsAt) {
        return new AlertNotifier.Notice(inst.fingerprint, status, inst.labels, Annotations.of(rule, inst.labels, inst.value),
                inst.firedAt != null ? inst.firedAt : inst.activeSince, endsAt);
    }

    private void remember(String rule, EvaluationRecord rec) {
        Deque<EvaluationRecord> d = evaluations.computeIfAbsent(rule, k -> new ArrayDeque<>());
        d.addFirst(rec);
        while (d.size() > KEPT_EVALUATIONS) {
            d.removeLast();
        }
    }

    /** The last evaluations of a rule, newest first. */
    public synchronized List<EvaluationRecord> evaluations(String rule) {
        return List.copyOf(evaluations.getOrDefault(rule, new ArrayDeque<>()));
    }

    /** Pending and firing alerts, firing first, each with its mute state and the rule's runbook. */
    public synchronized List<AlertView> alerts(Map<String, AlertRule> rules) {
        Instant now = clock.instant();
        List<AlertView> out = new ArrayList<>();
        for (AlertInstance i : active.values()) {
            AlertRule r = rules.get(i.rule);
            Ack ack = currentMutes.acks().get(i.fingerprint);
            List<Long> silencedBy = currentMutes.silencedBy(i.labels);
            out.add(new AlertView(i.rule, i.fingerprint, i.stateName(), i.labels.get("severity"), i.labels,
                    Annotations.of(r, i.labels, i.value), i.value, i.activeSince, i.firedAt, i.consecutive, silencedBy,
                    ack == null ? null : AckView.of(ack, now), ack != null || !silencedBy.isEmpty(), r == null ? null : r.runbook()));
        }
        out.sort((a, b) -> a.state().equals(b.state()) ? severityRank(a.severity()) - severityRank(b.severity())
                : a.state().equals("firing") ? -1 : 1);
        return out;
    }

    /** The live alert with this fingerprint, if any. */
    public synchronized java.util.Optional<String> ruleOf(String fingerprint) {
        AlertInstance i = active.get(fingerprint);
        return i == null ? java.util.Optional.empty() : java.util.Optional.of(i.rule);
    }

    /** The labels of the live alert with this fingerprint, if any. */
    public synchronized java.util.Optional<Map<String, String>> labelsOf(String fingerprint) {
        AlertInstance i = active.get(fingerprint);
        return i == null ? java.util.Optional.empty() : java.util.Optional.of(i.labels);
    }

    /** How many live alerts a silence matches right now. */
    public synchronized int matchCount(Silence s) {
        return (int) active.values().stream().filter(i -> s.matches(i.labels)).count();
    }

    /** The mute state as of the last evaluation; refreshed on demand after a silence or ack changes. */
    public synchronized void refreshMutes() {
        if (!leading) {
            currentMutes = mutes.current(clock.instant());
            return;
        }
        Map<String, Map<String, String>> firing = new HashMap<>();
        active.values().stream().filter(i -> i.state == AlertInstance.State.FIRING).forEach(i -> firing.put(i.fingerprint, i.labels));
        MuteService.Refresh refresh = mutes.refresh(clock.instant(), firing, active.keySet(), Set.of());
        currentMutes = refresh.mutes();
        refresh.unmuted().forEach(fp -> {
            AlertInstance inst = active.get(fp);
            if (inst != null) {
                inst.notified = false; // the next evaluation tells the receiver
            }
        });
    }

    public synchronized Instant lastEvaluation() {
        return lastEvaluation;
    }

    static int severityRank(String s) {
        return "critical".equals(s) ? 0 : "warning".equals(s) ? 1 : 2;
    }
}
