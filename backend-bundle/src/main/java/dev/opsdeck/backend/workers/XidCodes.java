package dev.opsdeck.backend.workers;

import java.util.Map;

/** Short descriptions of the XID codes operators meet most (NVIDIA's XID catalogue), for events sent without a message. */
final class XidCodes {
    private static final Map<Integer, String> KNOWN = Map.ofEntries(
            Map.entry(13, "Graphics engine exception"),
            Map.entry(31, "GPU memory page fault"),
            Map.entry(43, "GPU stopped processing"),
            Map.entry(45, "Preemptive cleanup, due to previous errors"),
            Map.entry(48, "Double-bit ECC error"),
            Map.entry(61, "Internal micro-controller breakpoint/warning"),
            Map.entry(62, "Internal micro-controller halt"),
            Map.entry(63, "ECC page retirement or row remapping recording event"),
            Map.entry(64, "ECC page retirement or row remapper recording failure"),
            Map.entry(74, "NVLink error"),
            Map.entry(79, "GPU has fallen off the bus"),
            Map.entry(92, "High single-bit ECC error rate"),
            Map.entry(94, "Contained ECC error"),
            Map.entry(95, "Uncontained ECC error"),
            Map.entry(119, "GSP RPC timeout"));

    private XidCodes() {
    }

    static String describe(int code) {
        return KNOWN.getOrDefault(code, "XID " + code);
    }
}
