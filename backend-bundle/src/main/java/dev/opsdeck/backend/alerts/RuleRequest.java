package dev.opsdeck.backend.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsdeck.backend.alerts.expr.Durations;
import dev.opsdeck.backend.alerts.expr.Expr;
import dev.opsdeck.backend.alerts.expr.ExprParser;
import dev.opsdeck.backend.alerts.expr.Operators;
import dev.opsdeck.backend.alerts.expr.ParseException;
import dev.opsdeck.backend.platform.http.ApiException;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Body of rule create (POST) and edit (PUT). {@code expr} may carry its own comparison
 * ({@code indexer_lag_seconds > 300}) when {@code threshold} is left out, as in a Prometheus rule file.
 * Every check names its field, so the console's edit dialog can mark the right input.
 */
public record RuleRequest(String name, String expr, String comparison, Double threshold,
                          @JsonProperty("for") String forDuration, Integer consecutive, String severity, String summary,
                          String description, Runbook runbook, Boolean enabled) {

    static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    /** A week: a longer {@code for} is a rule that never fires, which is a mistake worth refusing. */
    static final long MAX_FOR_SECONDS = 7 * 86_400;
    static final int MAX_EXPR_LENGTH = 2000;

    /** Validates and builds the rule. {@code pathName} wins over {@code name} on edit; {@code existing} keeps created_at/builtin. */
    AlertRule toRule(String pathName, AlertRule existing, Instant now) {
        String n = pathName != null ? pathName : name;
        if (n == null || !NAME.matcher(n).matches()) {
            throw ApiException.invalidField("name", "required; letters, digits and _ (up to 128), not starting with a digit");
        }
        if (pathName != null && name != null && !name.equals(pathName)) {
            throw ApiException.invalidField("name", "cannot be changed; create a new rule instead");
        }
        if (expr == null || expr.isBlank() || expr.length() > MAX_EXPR_LENGTH) {
            throw ApiException.invalidField("expr", "required, up to " + MAX_EXPR_LENGTH + " characters");
        }
        Expr parsed;
        try {
            parsed = ExprParser.parse(expr);
        } catch (ParseException e) {
            throw ApiException.invalidField("expr", e.getMessage());
        }
        if (ExprNames.longestRangeSeconds(parsed) > RegistryHistory.MAX_RANGE_SECONDS) {
            throw ApiException.invalidField("expr", "range windows up to 1h: the backend remembers one hour of its own samples");
        }
        String query = expr.trim();
        String cmp = comparison;
        Double limit = threshold;
        if (limit == null) {
            if (parsed instanceof Expr.Binary b && b.comparison() && !b.bool() && b.right() instanceof Expr.Number num) {
                query = b.left().promql();
                cmp = cmp != null ? cmp : b.op();
                limit = num.value();
            } else {
                throw ApiException.invalidField("threshold", "required unless expr ends in a comparison with a number");
            }
        }
        cmp = cmp == null ? ">" : cmp;
        if (!Operators.isComparison(cmp)) {
            throw ApiException.invalidField("comparison", "one of > < >= <= == !=");
        }
        if (limit.isNaN() || limit.isInfinite()) {
            throw ApiException.invalidField("threshold", "must be a finite number");
        }
        long forSeconds;
        try {
            forSeconds = forDuration == null ? 0 : Durations.parseSeconds(forDuration.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("for", e.getMessage());
        }
        if (forSeconds > MAX_FOR_SECONDS) {
            throw ApiException.invalidField("for", "at most 7d");
        }
        int n2 = consecutive == null ? 1 : consecutive;
        if (n2 < 1 || n2 > 100) {
            throw ApiException.invalidField("consecutive", "between 1 and 100 evaluations");
        }
        String sev = severity == null ? "warning" : severity;
        if (!SEVERITIES.contains(sev)) {
            throw ApiException.invalidField("severity", "one of critical, warning, info");
        }
        if (summary == null || summary.isBlank() || summary.length() > 500) {
            throw ApiException.invalidField("summary", "required, up to 500 characters");
        }
        if (description != null && description.length() > 4000) {
            throw ApiException.invalidField("description", "up to 4000 characters");
        }
        validate(runbook);
        boolean on = enabled == null ? (existing == null || existing.enabled()) : enabled;
        return new AlertRule(n, query, cmp, limit, forSeconds, n2, sev, summary.trim(), description, runbook,
                existing != null && existing.builtin(), on, existing != null ? existing.createdAt() : now, now);
    }

    private static void validate(Runbook rb) {
        if (rb == null) {
            return;
        }
        if (rb.steps().size() > 50 || rb.actions().size() > 20) {
            throw ApiException.invalidField("runbook", "at most 50 steps and 20 actions");
        }
        if (rb.title() != null && rb.title().length() > 200) {
            throw ApiException.invalidField("runbook.title", "up to 200 characters");
        }
        for (int i = 0; i < rb.steps().size(); i++) {
            String step = rb.steps().get(i);
            if (step == null || step.isBlank() || step.length() > 1000) {
                throw ApiException.invalidField("runbook.steps[" + i + "]", "a non-empty step of up to 1000 characters");
            }
        }
        for (int i = 0; i < rb.actions().size(); i++) {
            Runbook.Action a = rb.actions().get(i);
            String f = "runbook.actions[" + i + "]";
            if (a == null || a.id() == null || !a.id().matches("[a-z][a-z0-9_]{0,63}")) {
                throw ApiException.invalidField(f + ".id", "lower-case letters, digits and _");
            }
            if (a.method() == null || !Set.of("GET", "POST").contains(a.method())) {
                throw ApiException.invalidField(f + ".method", "GET or POST");
            }
            if (a.path() == null || !a.path().startsWith("/") || a.path().contains("://") || a.path().length() > 500) {
                throw ApiException.invalidField(f + ".path", "a path on this backend, starting with /");
            }
        }
    }
}
