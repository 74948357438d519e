package dev.opsdeck.backend.alerts;

import dev.opsdeck.backend.alerts.expr.Durations;
import dev.opsdeck.backend.alerts.expr.Operators;

import java.util.List;

/**
 * The rules as a Prometheus rule file ({@code promtool check rules} accepts it). Every scalar is written as a
 * double-quoted YAML string, which is also JSON string syntax, so no summary or expression can break the YAML.
 * What Prometheus cannot express is translated and said in a comment: N consecutive evaluations become a
 * {@code for} of at least (N-1) evaluation intervals; disabled rules are left out.
 */
final class PrometheusRuleFile {
    private PrometheusRuleFile() {
    }

    static String render(List<AlertRule> rules, long intervalSeconds) {
        StringBuilder y = new StringBuilder();
        y.append("# OpsDeck alert rules, exported for Prometheus (evaluation interval ").append(intervalSeconds).append("s)\n");
        y.append("groups:\n");
        y.append("  - name: opsdeck\n");
        y.append("    interval: ").append(Durations.format(intervalSeconds)).append('\n');
        y.append("    rules:\n");
        int written = 0;
        for (AlertRule r : rules) {
            if (!r.enabled()) {
                y.append("      # ").append(r.name()).append(" is disabled in OpsDeck and left out\n");
                continue;
            }
            long forSeconds = r.forSeconds();
            if (r.consecutive() > 1) {
                forSeconds = Math.max(forSeconds, (r.consecutive() - 1) * intervalSeconds);
                y.append("      # ").append(r.name()).append(": OpsDeck requires ").append(r.consecutive())
                        .append(" consecutive breaching evaluations; approximated by for\n");
            }
            y.append("      - alert: ").append(Operators.quote(r.name())).append('\n');
            y.append("        expr: ").append(Operators.quote(r.promql())).append('\n');
            if (forSeconds > 0) {
                y.append("        for: ").append(Durations.format(forSeconds)).append('\n');
            }
            y.append("        labels:\n");
            y.append("          severity: ").append(Operators.quote(r.severity())).append('\n');
            y.append("        annotations:\n");
            y.append("          summary: ").append(Operators.quote(r.summary())).append('\n');
            if (r.description() != null) {
                y.append("          description: ").append(Operators.quote(r.description())).append('\n');
            }
            if (r.runbook() != null) {
                y.append("          runbook: ").append(Operators.quote(r.runbook().title() + ": "
                        + String.join("; ", r.runbook().steps()))).append('\n');
            }
            written++;
        }
        if (written == 0) {
            // promtool refuses a group whose rules key is null; an empty list is valid.
            y.append("      []\n");
        }
        return y.toString();
    }
}
