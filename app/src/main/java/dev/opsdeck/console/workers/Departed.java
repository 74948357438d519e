package dev.opsdeck.console.workers;

import java.time.Instant;

/** A worker on the backend's "recently departed" list: offline for longer than the offline threshold. */
public record Departed(String workerId, String hostname, Instant lastHeartbeat, long goneForSeconds) {
}
