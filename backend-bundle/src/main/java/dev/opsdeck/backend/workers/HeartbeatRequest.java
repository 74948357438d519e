package dev.opsdeck.backend.workers;

/**
 * Body of {@code POST /api/worker/heartbeat}. Only {@code worker_id} is required (or the {@code X-Worker-Id} header);
 * the rest is what an agent knows about its host.
 *
 * @param bootId           changes when the host reboots; a change counts as a restart
 * @param uptimeSeconds    agent or host uptime; going backwards counts as a restart
 * @param intervalSeconds  the interval this worker heartbeats at, if not the coordinator's default
 */
public record HeartbeatRequest(String workerId, String status, String bootId, Long uptimeSeconds, Integer activeJobs,
                               Double cpuPercent, Double memoryPercent, String hostname, Integer gpuCount, String gpuModel,
                               String agentVersion, String walletAddress, Integer intervalSeconds) {

    /** Checks every field's range; returns the request with {@code workerId} resolved. */
    HeartbeatRequest validated(String workerId) {
        Fields.optional("uptime_seconds", uptimeSeconds, 0, 100L * 365 * 86_400);
        Fields.optional("active_jobs", activeJobs, 0, 100_000);
        Fields.optional("cpu_percent", cpuPercent, 0, 100);
        Fields.optional("memory_percent", memoryPercent, 0, 100);
        Fields.optional("gpu_count", gpuCount, 0, 64);
        Fields.optional("interval_seconds", intervalSeconds, 1, 3600);
        Fields.text("boot_id", bootId, 64);
        Fields.text("hostname", hostname, 255);
        Fields.text("gpu_model", gpuModel, 128);
        Fields.text("agent_version", agentVersion, 64);
        Fields.hex("wallet_address", walletAddress);
        if (status != null && !(status.equals("idle") || status.equals("busy") || status.equals("draining") || status.equals("online"))) {
            throw dev.opsdeck.backend.platform.http.ApiException.invalidField("status", "must be one of idle, busy, draining, online");
        }
        return new HeartbeatRequest(workerId, status, bootId, uptimeSeconds, activeJobs, cpuPercent, memoryPercent, hostname,
                gpuCount, gpuModel, agentVersion, walletAddress, intervalSeconds);
    }
}
