package dev.opsdeck.backend.workers;

import java.time.Instant;

/** What the ingest routes answer once a write committed. */
final class IngestResults {
    private IngestResults() {
    }

    /**
     * @param restartDetected this heartbeat showed a new boot id or an uptime that went back
     * @param joined          first heartbeat ever from this worker
     */
    record Heartbeat(String workerId, Instant receivedAt, String state, boolean joined, boolean restartDetected, int restartCount,
                     int nextHeartbeatInSeconds) {
    }

    /** @param events XID and double-bit ECC events recorded from this request */
    record Metrics(String workerId, Instant recordedAt, int accepted, int events) {
    }
}
