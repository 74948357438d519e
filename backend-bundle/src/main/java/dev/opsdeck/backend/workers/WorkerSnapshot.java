package dev.opsdeck.backend.workers;

import java.time.Instant;
import java.util.Map;

/**
 * What the coordinator last knew of one worker (immutable; the writer replaces it after each commit).
 *
 * @param gpus latest sample per GPU index
 */
record WorkerSnapshot(String workerId, Instant registeredAt, Instant lastHeartbeat, String bootId, Long uptimeSeconds,
                      int restartCount, int intervalSeconds, int activeJobs, Map<Integer, GpuSnapshot> gpus) {

    /** The latest values of one GPU: enough for the gauges and to tell new double-bit ECC errors from old ones. */
    record GpuSnapshot(double utilization, Double temperature, Long eccDbe) {
    }

    WorkerSnapshot withGpus(Map<Integer, GpuSnapshot> g) {
        return new WorkerSnapshot(workerId, registeredAt, lastHeartbeat, bootId, uptimeSeconds, restartCount, intervalSeconds, activeJobs, g);
    }
}
