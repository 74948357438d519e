package dev.opsdeck.backend.workers.agent;

/** One GPU as nvidia-smi reports it; null where it printed {@code [N/A]} or {@code [Not Supported]}. */
public record GpuReading(int index, String name, Double utilizationPercent, Double memoryUsedMb, Double memoryTotalMb,
                         Double temperatureC, Double powerWatts, Double smClockMhz, Long eccUncorrectedVolatile) {
}
