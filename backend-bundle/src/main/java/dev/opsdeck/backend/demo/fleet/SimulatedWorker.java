package dev.opsdeck.backend.demo.fleet;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * One simulated GPU host: its GPUs follow a daily load curve with their own noise; temperature and power follow
 * load. A worker may be the one that runs hot, or the one that drops out for a while and comes back rebooted.
 * Pure state and arithmetic: the simulator does the HTTP.
 */
final class SimulatedWorker {
    /** Model, memory (MiB), idle and board power (W), SM clock (MHz). */
    record Model(String name, double memoryMb, double idleWatts, double maxWatts, double smClock) {
    }

    static final List<Model> MODELS = List.of(
            new Model("NVIDIA A100-SXM4-80GB", 81920, 60, 400, 1410),
            new Model("NVIDIA H100 80GB HBM3", 81559, 70, 700, 1980),
            new Model("NVIDIA GeForce RTX 4090", 24564, 25, 450, 2520),
            new Model("NVIDIA L40S", 46068, 35, 350, 2520),
            new Model("NVIDIA A10", 23028, 20, 150, 1695));

    /** The dropout worker is silent for this long out of every cycle, long enough to go offline and come back. */
    static final Duration DROPOUT_CYCLE = Duration.ofMinutes(12);
    static final Duration DROPOUT_SILENT = Duration.ofMinutes(7);
    static final Duration DROPOUT_STARTS_AFTER = Duration.ofMinutes(2);

    final String id;
    final Model model;
    final int gpus;
    final boolean hot;
    final boolean dropsOut;
    private final Random random;
    private final double[] phase;
    private final long[] eccDbe;
    private String bootId = UUID.randomUUID().toString();
    private final Instant bootedAt;
    private boolean wasSilent;

    SimulatedWorker(int n, long seed, Instant start) {
        this.random = new Random(seed * 7919 + n);
        this.id = String.format("demo-worker-%03d", n + 1);
        this.model = MODELS.get(n % MODELS.size());
        this.gpus = 1 + random.nextInt(8);
        this.hot = n == 2;
        this.dropsOut = n == 1;
        this.phase = new double[gpus];
        this.eccDbe = new long[gpus];
        for (int i = 0; i < gpus; i++) {
            phase[i] = random.nextDouble() * 0.3;
        }
        this.bootedAt = start.minus(Duration.ofHours(1 + random.nextInt(200)));
    }

    /** Whether this worker is silent at {@code t} (the dropout one, part of each cycle after a first quiet period). */
    boolean silent(Instant t, Instant start) {
        if (!dropsOut) {
            return false;
        }
        long since = Duration.between(start, t).toMillis() - DROPOUT_STARTS_AFTER.toMillis();
        boolean silentNow = since >= 0 && since % DROPOUT_CYCLE.toMillis() < DROPOUT_SILENT.toMillis();
        if (wasSilent && !silentNow) {
            // Comes back rebooted: a new boot id, which the coordinator counts as a restart.
            bootId = UUID.randomUUID().toString();
        }
        wasSilent = silentNow;
        return silentNow;
    }

    /** Fleet load at {@code t}: low at night, peaking mid-afternoon (UTC). */
    static double dailyLoad(Instant t) {
        double hour = t.atZone(ZoneOffset.UTC).getHour() + t.atZone(ZoneOffset.UTC).getMinute() / 60.0;
        return 0.5 + 0.35 * Math.sin(2 * Math.PI * (hour - 9) / 24.0);
    }

    Map<String, Object> heartbeat(Instant t, int intervalSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("worker_id", id);
        m.put("status", "online");
        m.put("boot_id", bootId);
        m.put("uptime_seconds", Math.max(0, Duration.between(bootedAt, t).toSeconds()));
        m.put("active_jobs", (int) Math.round(dailyLoad(t) * gpus * random.nextDouble()));
        m.put("cpu_percent", round(Math.min(100, 10 + 60 * dailyLoad(t) + random.nextGaussian() * 5)));
        m.put("memory_percent", round(Math.min(100, Math.max(5, 35 + 30 * dailyLoad(t) + random.nextGaussian() * 3))));
        m.put("hostname", id + ".demo.local");
        m.put("gpu_count", gpus);
        m.put("gpu_model", model.name());
        m.put("agent_version", "opsdeck-demo/1");
        m.put("interval_seconds", intervalSeconds);
        return m;
    }

    /** One sample per GPU; occasionally a double-bit ECC error (with its XID 48) on one of them. */
    Map<String, Object> metrics(Instant t, double eccProbability) {
        List<Object> list = new ArrayList<>();
        double base = dailyLoad(t);
        for (int i = 0; i < gpus; i++) {
            double load = clamp(base + phase[i] - 0.15 + random.nextGaussian() * 0.08, 0, 1);
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("index", i);
            g.put("name", model.name());
            g.put("utilization_percent", round(load * 100));
            g.put("memory_total_mb", model.memoryMb());
            g.put("memory_used_mb", round(model.memoryMb() * clamp(0.05 + load * 0.85, 0, 1)));
            double temp = 32 + load * 45 + (hot ? 16 : 0) + random.nextGaussian() * 1.5;
            g.put("temperature_c", round(clamp(temp, 20, 110)));
            g.put("power_watts", round(model.idleWatts() + (model.maxWatts() - model.idleWatts()) * load * (0.9 + random.nextDouble() * 0.1)));
            g.put("sm_clock_mhz", (double) Math.round(model.smClock() * (load > 0.05 ? 1.0 : 0.15)));
            g.put("ecc_sbe_count", 0L);
            if (random.nextDouble() < eccProbability) {
                eccDbe[i]++;
                g.put("xid_errors", List.of(Map.of("code", 48, "message", "Double-bit ECC error (simulated)")));
            }
            g.put("ecc_dbe_count", eccDbe[i]);
            list.add(g);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("worker_id", id);
        m.put("gpus", list);
        return m;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
