package dev.opsdeck.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the rule editor holds, as typed. {@link #problems()} catches what the console can see without asking
 * (the backend checks the expression and durations and names the field when it disagrees); {@link #body()} is the
 * create/edit request ({@code RuleRequest}: {@code for} is the duration field).
 */
public record RuleDraft(String name, String expr, String comparison, String threshold, String forText,
                        String consecutive, String severity, String summary, String description, JsonNode runbook,
                        boolean enabled) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** A new rule's defaults. */
    public static RuleDraft empty() {
        return new RuleDraft("", "", ">", "", "5m", "1", "warning", "", "", null, true);
    }

    /** Field name to problem, in the backend's field names; empty when the draft may be sent. */
    public Map<String, String> problems() {
        Map<String, String> p = new LinkedHashMap<>();
        if (name == null || !NAME.matcher(name.trim()).matches()) {
            p.put("name", "required; letters, digits and _, not starting with a digit");
        }
        if (expr == null || expr.isBlank()) {
            p.put("expr", "required, e.g. system_cpu_usage_percent");
        }
        if (threshold != null && !threshold.isBlank()) {
            try {
                Double.parseDouble(threshold.trim());
            } catch (NumberFormatException e) {
                p.put("threshold", "a number, e.g. 90 or 0.5");
            }
        }
        try {
            int n = Integer.parseInt(consecutive == null ? "" : consecutive.trim());
            if (n < 1 || n > 100) {
                p.put("consecutive", "between 1 and 100 evaluations");
            }
        } catch (NumberFormatException e) {
            p.put("consecutive", "a whole number between 1 and 100");
        }
        if (summary == null || summary.isBlank()) {
            p.put("summary", "required: it is what the alert says");
        }
        return p;
    }

    /** The JSON body; call only when {@link #problems()} is empty. */
    public Map<String, Object> body() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", name.trim());
        b.put("expr", expr.trim());
        boolean own = threshold == null || threshold.isBlank();
        // Without a threshold the expression carries its own comparison ("lag > 300"): sending ours would override it.
        b.put("comparison", own ? null : comparison);
        b.put("threshold", own ? null : Double.parseDouble(threshold.trim()));
        b.put("for", forText == null || forText.isBlank() ? null : forText.trim());
        b.put("consecutive", Integer.parseInt(consecutive.trim()));
        b.put("severity", severity);
        b.put("summary", summary.trim());
        b.put("description", description == null || description.isBlank() ? null : description);
        b.put("runbook", runbook);
        b.put("enabled", enabled);
        return b;
    }
}
