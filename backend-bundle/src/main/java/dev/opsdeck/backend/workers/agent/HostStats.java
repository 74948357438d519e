package dev.opsdeck.backend.workers.agent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** What the agent knows about its host without a GPU: CPU and memory load, boot id and uptime. */
final class HostStats {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final String fallbackBootId = UUID.randomUUID().toString();

    Double cpuPercent() {
        double load = os.getCpuLoad();
        return load < 0 ? null : Math.round(load * 1000) / 10.0;
    }

    Double memoryPercent() {
        long total = os.getTotalMemorySize();
        if (total <= 0) {
            return null;
        }
        return Math.round(1000.0 * (total - os.getFreeMemorySize()) / total) / 10.0;
    }

    /** Linux's boot id (changes on every reboot); elsewhere one per agent process. */
    String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (IOException | RuntimeException e) {
            return fallbackBootId;
        }
    }

    /** Host uptime from /proc/uptime; elsewhere the agent's own. */
    long uptimeSeconds() {
        try {
            String s = Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0];
            return (long) Double.parseDouble(s);
        } catch (IOException | RuntimeException e) {
            return ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        }
    }
}
