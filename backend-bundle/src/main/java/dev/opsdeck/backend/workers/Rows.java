package dev.opsdeck.backend.workers;

import java.time.Instant;

/** Row shapes the ingest writer hands the repository in one transaction. */
final class Rows {
    private Rows() {
    }

    record Heartbeat(String workerId, Instant at, String status, String bootId, Long uptimeSeconds, int activeJobs,
                     Double cpuPercent, Double memoryPercent) {
    }

    /** A worker row to insert (new) or update (known); null fields leave stored values alone on update. */
    record Worker(boolean isNew, String workerId, Instant at, HeartbeatRequest hb, int restartCount, int intervalSeconds) {
    }

    record Sample(String workerId, Instant at, GpuMetricsRequest.Sample gpu) {
        /** Identifies the GPU, for keeping one (the newest) sample per GPU. */
        String gpuKey() {
            return workerId + "\n" + gpu.index();
        }

        /** Of two samples of one GPU the later wins; an older (buffered) one never replaces a newer one. */
        static Sample newer(Sample a, Sample b) {
            return b.at().isBefore(a.at()) ? a : b;
        }
    }

    record ErrorEvent(String workerId, int gpuIndex, String kind, long code, String message, Instant occurredAt) {
    }

    record Coverage(String workerId, Instant hourStart, double seconds) {
    }
}
