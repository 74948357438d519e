package dev.opsdeck.backend.alerts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alert's annotations, with the two template forms Prometheus rules use most ({@code {{ $labels.x }}} and
 * {@code {{ $value }}}) filled in, so a summary reads the same here as from a real Prometheus.
 */
final class Annotations {
    private static final Pattern LABEL = Pattern.compile("\\{\\{\\s*\\$labels\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern VALUE = Pattern.compile("\\{\\{\\s*\\$value\\s*}}");

    private Annotations() {
    }

    static Map<String, String> of(AlertRule rule, Map<String, String> labels, double value) {
        Map<String, String> m = new LinkedHashMap<>();
        if (rule == null) {
            return m;
        }
        m.put("summary", render(rule.summary(), labels, value));
        if (rule.description() != null) {
            m.put("description", render(rule.description(), labels, value));
        }
        if (rule.runbook() != null) {
            m.put("runbook", rule.runbook().title());
        }
        m.put("value", AlertRule.formatThreshold(value));
        return m;
    }

    static String render(String template, Map<String, String> labels, double value) {
        Matcher m = LABEL.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(labels.getOrDefault(m.group(1), "")));
        }
        m.appendTail(b);
        return VALUE.matcher(b.toString()).replaceAll(Matcher.quoteReplacement(AlertRule.formatThreshold(value)));
    }
}
