package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.http.ApiException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Body of {@code POST /api/worker/gpu-metrics}: one sample per GPU of one worker, with the fields DCGM exporters
 * publish (DCGM_FI_DEV_GPU_UTIL, FB_USED/FB_TOTAL, GPU_TEMP, POWER_USAGE, SM_CLOCK, ECC_SBE/DBE_VOL_TOTAL, XID_ERRORS).
 *
 * @param recordedAt when the sample was taken; absent means "now" at the coordinator
 */
public record GpuMetricsRequest(String workerId, Instant recordedAt, List<Gpu> gpus) {
    /** Accepted clock skew for a sample from the future, and how old a buffered sample may be. */
    static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    static final Duration MAX_AGE = Duration.ofHours(24);

    /** One GPU's sample. {@code xidErrors} lists XID events since the last sample. */
    public record Gpu(Integer index, String name, Double utilizationPercent, Double memoryUsedMb, Double memoryTotalMb,
                      Double temperatureC, Double powerWatts, Double smClockMhz, Long eccSbeCount, Long eccDbeCount,
                      List<Xid> xidErrors) {
    }

    /** An XID error as the driver reports it (code, message, when). */
    public record Xid(Integer code, String message, Instant occurredAt) {
    }

    /** The validated, normalised form the writer stores. */
    record Sample(int index, String model, double utilization, Double memoryUsed, Double memoryTotal, Double temperature,
                  Double power, Double smClock, Long eccSbe, Long eccDbe, List<XidEvent> xids) {
    }

    record XidEvent(int code, String message, Instant occurredAt) {
    }

    /** Validates every GPU; a refusal names the field as a JSON path, e.g. {@code gpus[1].temperature_c}. */
    List<Sample> validated(Instant now) {
        if (recordedAt != null && (recordedAt.isAfter(now.plus(MAX_FUTURE)) || recordedAt.isBefore(now.minus(MAX_AGE)))) {
            throw ApiException.invalidField("recorded_at", "must be within the last 24 h and at most 5 min ahead of the coordinator's clock");
        }
        if (gpus == null || gpus.isEmpty()) {
            throw ApiException.invalidField("gpus", "must list at least one GPU");
        }
        if (gpus.size() > 64) {
            throw ApiException.invalidField("gpus", "must list at most 64 GPUs");
        }
        Set<Integer> seen = new HashSet<>();
        List<Sample> out = new ArrayList<>(gpus.size());
        for (int i = 0; i < gpus.size(); i++) {
            Gpu g = gpus.get(i);
            String p = "gpus[" + i + "].";
            if (g == null) {
                throw ApiException.invalidField("gpus[" + i + "]", "must be an object");
            }
            if (g.index == null) {
                throw ApiException.invalidField(p + "index", "is required");
            }
            Fields.optional(p + "index", g.index, 0, 63);
            if (!seen.add(g.index)) {
                throw ApiException.invalidField(p + "index", "GPU " + g.index + " appears twice");
            }
            Fields.text(p + "name", g.name, 128);
            double util = Fields.required(p + "utilization_percent", g.utilizationPercent, 0, 100);
            Double total = Fields.optional(p + "memory_total_mb", g.memoryTotalMb, 0, 1_048_576);
            Double used = Fields.optional(p + "memory_used_mb", g.memoryUsedMb, 0, total != null ? total : 1_048_576);
            Double temp = Fields.optional(p + "temperature_c", g.temperatureC, -40, 150);
            Double power = Fields.optional(p + "power_watts", g.powerWatts, 0, 3_000);
            Double clock = Fields.optional(p + "sm_clock_mhz", g.smClockMhz, 0, 5_000);
            Long sbe = Fields.optional(p + "ecc_sbe_count", g.eccSbeCount, 0, Long.MAX_VALUE);
            Long dbe = Fields.optional(p + "ecc_dbe_count", g.eccDbeCount, 0, Long.MAX_VALUE);
            List<XidEvent> xids = new ArrayList<>();
            if (g.xidErrors != null) {
                if (g.xidErrors.size() > 100) {
                    throw ApiException.invalidField(p + "xid_errors", "must list at most 100 errors per sample");
                }
                for (int j = 0; j < g.xidErrors.size(); j++) {
                    Xid x = g.xidErrors.get(j);
                    String xp = p + "xid_errors[" + j + "].";
                    if (x == null || x.code == null) {
                        throw ApiException.invalidField(xp + "code", "is required");
                    }
                    Fields.optional(xp + "code", x.code, 1, 999);
                    Fields.text(xp + "message", x.message, 512);
                    Instant at = x.occurredAt != null ? x.occurredAt : recordedAt != null ? recordedAt : now;
                    if (at.isAfter(now.plus(MAX_FUTURE)) || at.isBefore(now.minus(MAX_AGE))) {
                        throw ApiException.invalidField(xp + "occurred_at", "must be within the last 24 h");
                    }
                    xids.add(new XidEvent(x.code, x.message != null && !x.message.isBlank() ? x.message : XidCodes.describe(x.code), at));
                }
            }
            out.add(new Sample(g.index, g.name, util, used, total, temp, power, clock, sbe, dbe, List.copyOf(xids)));
        }
        return out;
    }
}
