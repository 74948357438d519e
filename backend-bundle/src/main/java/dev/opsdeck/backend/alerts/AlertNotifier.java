package dev.opsdeck.backend.alerts;

import java.util.List;

/** Where notifications go. The webhook sender in production; tests may record. */
interface AlertNotifier {
    /** Hands over one group's notification (one rule's alerts); must not block the evaluation. */
    void notify(String ruleName, List<Notice> alerts);

    /**
     * One alert in a notification.
     *
     * @param endsAt null while firing
     */
    record Notice(String fingerprint, String status, java.util.Map<String, String> labels, java.util.Map<String, String> annotations,
                  java.time.Instant startsAt, java.time.Instant endsAt) {
    }
}
