package dev.opsdeck.backend.platform.audit;

import java.util.Map;

/**
 * Where admin actions and security events are written ({@code audit_log}, hash-chained).
 * Every domain records through this; the security domain owns the implementation, queries and verification.
 */
public interface AuditTrail {
    /**
     * Appends one entry.
     *
     * @param actor      who: a principal's name (token name or fingerprint, never a token value) or {@code system}
     * @param action     what, e.g. {@code backup.create}, {@code alerts.rule.toggle}, {@code auth.failure_burst}
     * @param parameters inputs of the action; values of keys that look secret are redacted before writing
     * @param result     outcome, e.g. {@code ok}, {@code failed: reason}, {@code dry_run}
     * @param sourceIp   client address, or null for background work
     * @return the new entry's id
     */
    long record(String actor, String action, Map<String, ?> parameters, String result, String sourceIp);
}
