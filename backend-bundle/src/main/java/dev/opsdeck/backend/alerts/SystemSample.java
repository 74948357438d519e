package dev.opsdeck.backend.alerts;

import java.time.Instant;

/** One sample of the host the backend runs on; null fields could not be read on this platform. */
public record SystemSample(Instant sampledAt, Double cpuPercent, Double memoryPercent, Long memoryUsedBytes,
                           Long memoryTotalBytes, Double diskFreePercent, Long diskFreeBytes, Double load1m) {
}
