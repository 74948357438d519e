package dev.opsdeck.console.audit;

import dev.opsdeck.console.connection.ApiException;

import java.util.List;

/**
 * Where the audit screen reads from: the connected backend over HTTP, or a fake in view-model tests.
 * Both methods block; call them off the UI thread.
 */
public interface AuditSource {
    /** One page of rows, newest first; {@code beforeId} pages further back (null: the newest page). */
    Page page(AuditFilter filter, Long beforeId, int limit) throws ApiException;

    /** Walks the hash chain. */
    Verdict verify() throws ApiException;

    /** @param olderFrom the id to pass as {@code beforeId} for the next page; null when this was the last page */
    record Page(List<AuditEntry> entries, Long olderFrom) {
    }

    /**
     * The chain's state.
     *
     * @param firstBrokenId the first row that does not hold, or null when the chain is intact
     * @param reason        why that row fails (from the backend), or null
     */
    record Verdict(boolean intact, long checked, Long firstBrokenId, String reason) {
    }
}
