package dev.opsdeck.backend.alerts.expr;

import java.util.Set;

/** Operator tables and quoting shared by the parser, the evaluator and the printers. */
public final class Operators {
    public static final Set<String> COMPARISONS = Set.of(">", "<", ">=", "<=", "==", "!=");

    private Operators() {
    }

    public static boolean isComparison(String op) {
        return COMPARISONS.contains(op);
    }

    public static boolean compare(String op, double a, double b) {
        switch (op) {
            case ">": return a > b;
            case "<": return a < b;
            case ">=": return a >= b;
            case "<=": return a <= b;
            case "==": return a == b;
            case "!=": return a != b;
            default: throw new IllegalArgumentException("not a comparison: " + op);
        }
    }

    public static double arithmetic(String op, double a, double b) {
        switch (op) {
            case "+": return a + b;
            case "-": return a - b;
            case "*": return a * b;
            case "/": return a / b;
            case "%": return a % b;
            default: throw new IllegalArgumentException("not arithmetic: " + op);
        }
    }

    /** A PromQL (and JSON and YAML double-quoted) string literal. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\t': b.append("\\t"); break;
                default: b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
