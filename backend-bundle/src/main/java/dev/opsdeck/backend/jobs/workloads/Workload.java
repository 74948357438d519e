package dev.opsdeck.backend.jobs.workloads;

import java.time.Instant;
import java.util.List;

/** A recorded workload with its payout ({@code payout_eth} as a plain decimal string: money is never a float). {@code replayed} is true when this answers a repeated request. */
public record Workload(String workloadId, String workerId, String jobId, String workloadType, double durationSeconds,
                       List<String> artifacts, String payoutMode, String payoutEth, String currency, boolean dryRun,
                       String paymentStatus, Instant recordedAt, boolean replayed) {
}
