package dev.opsdeck.backend.alerts;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Samples the host (CPU, memory, disk of the data directory, load) for the relay guide's resource alerts and
 * {@code /admin/metrics/system}. The gauges read the last sample rather than the OS, so the rules, {@code /metrics}
 * and the stored history all agree on one value per interval.
 */
final class SystemSampler {
    private static final Logger log = LoggerFactory.getLogger(SystemSampler.class);

    private final AlertRepository repo;
    private final Clock clock;
    private final Path dataDir;
    private final Duration retention;
    private final com.sun.management.OperatingSystemMXBean os;
    private volatile SystemSample latest;

    SystemSampler(AlertRepository repo, Clock clock, Path dataDir, Duration retention) {
        this.repo = repo;
        this.clock = clock;
        this.dataDir = dataDir;
        this.retention = retention;
        this.os = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
    }

    void register(PrometheusRegistry registry) {
        gauge(registry, "system_cpu_usage_percent", "Host CPU usage, percent (sampled every ALERT/SYSTEM interval)", () -> latest == null ? null : latest.cpuPercent());
        gauge(registry, "system_memory_usage_percent", "Host memory in use, percent", () -> latest == null ? null : latest.memoryPercent());
        gauge(registry, "system_disk_free_percent", "Free space on the data directory's file system, percent", () -> latest == null ? null : latest.diskFreePercent());
        gauge(registry, "system_load_average_1m", "Host load average over one minute", () -> latest == null ? null : latest.load1m());
    }

    private static void gauge(PrometheusRegistry registry, String name, String help, java.util.function.Supplier<Double> value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> {
            Double v = value.get();
            if (v != null) {
                cb.call(v);
            }
        }).register(registry);
    }

    /** Takes one sample, stores it and prunes what is older than the retention. Never throws: a missed sample is logged. */
    SystemSample sample() {
        Instant now = clock.instant();
        Double cpu = null;
        double load = os.getCpuLoad();
        if (load >= 0) {
            cpu = round(load * 100);
        }
        long total = os.getTotalMemorySize();
        long free = os.getFreeMemorySize();
        Double memPercent = total > 0 ? round(100.0 * (total - free) / total) : null;
        Double diskPercent = null;
        Long diskFree = null;
        try {
            FileStore store = Files.getFileStore(dataDir);
            long t = store.getTotalSpace();
            diskFree = store.getUsableSpace();
            diskPercent = t > 0 ? round(100.0 * diskFree / t) : null;
        } catch (IOException e) {
            log.debug("disk space of {}: {}", dataDir, e.toString());
        }
        double avg = os.getSystemLoadAverage();
        SystemSample s = new SystemSample(now, cpu, memPercent, total > 0 ? total - free : null, total > 0 ? total : null,
                diskPercent, diskFree, avg >= 0 ? round(avg) : null);
        latest = s;
        try {
            repo.insertSystemSample(s, now.minus(retention));
        } catch (RuntimeException e) {
            log.warn("could not store the system sample: {}", e.toString());
        }
        return s;
    }

    SystemSample latest() {
        return latest;
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
