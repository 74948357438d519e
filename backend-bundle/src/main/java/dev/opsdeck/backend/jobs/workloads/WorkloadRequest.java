package dev.opsdeck.backend.jobs.workloads;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code POST /api/workloads}: one finished workload of a worker. {@code workload_id} (or the
 * {@code Idempotency-Key} header) identifies it: sending it again never pays twice. {@code payout_eth} pays a fixed
 * amount; without it the configured time credit per minute applies.
 */
public record WorkloadRequest(String workloadId, String workerId, String jobId, String workloadType, Double durationSeconds,
                              List<String> artifacts, BigDecimal payoutEth) {
}
