package dev.opsdeck.backend.alerts.expr;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A label matcher: {@code =}, {@code !=}, {@code =~}, {@code !~}. Regexes are anchored, as in Prometheus
 * and Alertmanager, so {@code service=~"rpc"} does not match {@code starknet-rpc-0}. Silences use the same type.
 */
public record Matcher(String name, String op, String value) {
    public Matcher {
        if (!op.equals("=") && !op.equals("!=") && !op.equals("=~") && !op.equals("!~")) {
            throw new IllegalArgumentException("unknown matcher operator " + op);
        }
        if (op.endsWith("~")) {
            Pattern.compile(value); // fail at construction, not at the first evaluation
        }
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        switch (op) {
            case "=": return actual.equals(value);
            case "!=": return !actual.equals(value);
            case "=~": return Pattern.compile(value).matcher(actual).matches();
            default: return !Pattern.compile(value).matcher(actual).matches();
        }
    }

    public String promql() {
        return name + op + Operators.quote(value);
    }
}
