package dev.opsdeck.console.alerts;

import java.util.List;

/** The backend's three severities, most urgent first; unknown values sort last. */
public final class Severity {
    /** In the order the backend validates them (RuleRequest.SEVERITIES) and the page lists them. */
    public static final List<String> ALL = List.of("critical", "warning", "info");

    private Severity() {
    }

    /** 0 for critical, 1 warning, 2 info, 3 anything else. */
    public static int rank(String severity) {
        int i = ALL.indexOf(severity);
        return i < 0 ? ALL.size() : i;
    }

    /** True when {@code severity} is at least as urgent as {@code threshold}. */
    public static boolean atLeast(String severity, String threshold) {
        return rank(severity) <= rank(threshold);
    }
}
