package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.connection.ApiException;

/**
 * The chain screen's backend calls, one method per endpoint, so view models are tested against a fake.
 * Every method blocks: call it off the UI thread.
 */
public interface ChainApi {
    /** {@code GET /api/chain/status}. */
    JsonNode status() throws ApiException;

    /** {@code GET /api/chain/events} with an already encoded query ({@code contract=&type=&subject=&limit=}). */
    JsonNode events(String query) throws ApiException;

    /** {@code GET /api/validator/status}. */
    JsonNode validators() throws ApiException;

    /** {@code GET /api/contracts}. */
    JsonNode contracts() throws ApiException;

    /** {@code POST /admin/chain/checkpoint}: sign the audit log now. */
    JsonNode createCheckpoint() throws ApiException;

    /** {@code GET /admin/chain/checkpoint/verify}. */
    JsonNode verifyCheckpoint() throws ApiException;

    /** {@code POST /admin/services/{name}/reconnect} with an idempotency key, so a retried click reconnects once. */
    JsonNode reconnect(String service, String idempotencyKey) throws ApiException;

    /** {@code GET /admin/chain/devnet}: the demo devnet; 404 when the backend has none. */
    JsonNode devnet() throws ApiException;

    /** {@code POST /admin/chain/devnet/reorg}. */
    JsonNode reorg(int depth) throws ApiException;

    /** {@code GET /api/chain/reorgs?limit=}: the rewinds the indexer recorded, newest first. */
    JsonNode reorgs(int limit) throws ApiException;

    /** {@code POST /admin/chain/devnet/outage}; 0 ends an outage. */
    JsonNode outage(int seconds) throws ApiException;
}
