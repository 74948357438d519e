package dev.opsdeck.backend.alerts;

import dev.opsdeck.backend.alerts.expr.Durations;
import dev.opsdeck.backend.alerts.expr.Matcher;
import dev.opsdeck.backend.platform.http.ApiException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/** Bodies of the toggle, silence and acknowledgement routes, each validated with the offending field named. */
final class Requests {
    private Requests() {
    }

    record Toggle(Boolean enabled) {
    }

    record MatcherBody(String name, String op, String value) {
    }

    /**
     * A silence by label matchers, or by {@code fingerprint}: the console's two-click "silence this alert",
     * which the route turns into one equality matcher per label of that live alert.
     */
    record SilenceBody(List<MatcherBody> matchers, String fingerprint, String duration, Instant startsAt, String reason) {
        List<Matcher> validMatchers(java.util.function.Function<String, java.util.Optional<java.util.Map<String, String>>> labelsOf) {
            if (fingerprint != null) {
                if (matchers != null) {
                    throw ApiException.invalidField("fingerprint", "give matchers or a fingerprint, not both");
                }
                java.util.Map<String, String> labels = labelsOf.apply(fingerprint)
                        .orElseThrow(() -> ApiException.invalidField("fingerprint", "no pending or firing alert has this fingerprint"));
                return labels.entrySet().stream().map(e -> new Matcher(e.getKey(), "=", e.getValue())).toList();
            }
            if (matchers == null || matchers.isEmpty()) {
                throw ApiException.invalidField("matchers", "at least one matcher, e.g. {\"name\":\"alertname\",\"op\":\"=\",\"value\":\"HighCPU\"}");
            }
            if (matchers.size() > 20) {
                throw ApiException.invalidField("matchers", "at most 20");
            }
            List<Matcher> out = new ArrayList<>();
            boolean anyPositive = false;
            for (int i = 0; i < matchers.size(); i++) {
                MatcherBody m = matchers.get(i);
                String f = "matchers[" + i + "]";
                if (m == null || m.name() == null || !m.name().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw ApiException.invalidField(f + ".name", "a label name");
                }
                String op = m.op() == null ? "=" : m.op();
                if (!List.of("=", "!=", "=~", "!~").contains(op)) {
                    throw ApiException.invalidField(f + ".op", "one of = != =~ !~");
                }
                if (m.value() == null) {
                    throw ApiException.invalidField(f + ".value", "required");
                }
                try {
                    out.add(new Matcher(m.name(), op, m.value()));
                } catch (PatternSyntaxException e) {
                    throw ApiException.invalidField(f + ".value", "not a valid regular expression: " + e.getDescription());
                }
                anyPositive |= (op.equals("=") && !m.value().isEmpty()) || (op.equals("=~") && !".*".equals(m.value()));
            }
            // As Alertmanager: a silence that matches everything is a mistake, not a choice.
            if (!anyPositive) {
                throw ApiException.invalidField("matchers", "need at least one = or =~ matcher that cannot match every alert");
            }
            return out;
        }

        String validReason() {
            if (reason == null || reason.isBlank() || reason.length() > 1000) {
                throw ApiException.invalidField("reason", "required, up to 1000 characters");
            }
            return reason.trim();
        }
    }

    record AckBody(String fingerprint, String owner, String comment, String duration, Boolean clearOnResolve) {
        String validFingerprint() {
            if (fingerprint == null || !fingerprint.matches("[0-9a-f]{16}")) {
                throw ApiException.invalidField("fingerprint", "16 hex digits, as in GET /admin/alerts");
            }
            return fingerprint;
        }

        String validComment() {
            if (comment != null && comment.length() > 1000) {
                throw ApiException.invalidField("comment", "up to 1000 characters");
            }
            return comment;
        }

        String validOwner(String fallback) {
            if (owner == null || owner.isBlank()) {
                return fallback;
            }
            if (owner.length() > 128) {
                throw ApiException.invalidField("owner", "up to 128 characters");
            }
            return owner.trim();
        }
    }

    /** A positive Prometheus-style duration in field {@code field}; {@code fallback} when absent. */
    static Duration duration(String field, String text, Duration fallback) {
        if (text == null) {
            if (fallback == null) {
                throw ApiException.invalidField(field, "required, e.g. 2h or 30m");
            }
            return fallback;
        }
        long s;
        try {
            s = Durations.parseSeconds(text.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, e.getMessage());
        }
        if (s < 60) {
            throw ApiException.invalidField(field, "at least 1m");
        }
        return Duration.ofSeconds(s);
    }
}
