package dev.opsdeck.backend.demo.jobs;

import java.util.List;

/**
 * Job types of the demo load: how often each is submitted, how long it runs and how often it fails.
 * {@code transcode} fails often on purpose, so the failure-rate alert has something to fire on in a demo.
 */
record DemoJobType(String name, double share, long minMillis, long maxMillis, double failureRate, int gpus, String error) {
    static final List<DemoJobType> ALL = List.of(
            new DemoJobType("inference", 0.45, 800, 3_000, 0.03, 1, "CUDA out of memory: tried to allocate 2048 MiB"),
            new DemoJobType("render", 0.25, 2_000, 6_000, 0.05, 1, "render node lost texture cache (error 17)"),
            new DemoJobType("training", 0.10, 5_000, 12_000, 0.10, 1, "NCCL timeout after 600 s on rank 3"),
            new DemoJobType("transcode", 0.20, 1_000, 4_000, 0.40, 1, "ffmpeg exited with status 234: invalid codec parameters"));

    static DemoJobType pick(double r) {
        double acc = 0;
        for (DemoJobType t : ALL) {
            acc += t.share();
            if (r < acc) {
                return t;
            }
        }
        return ALL.get(0);
    }

    static DemoJobType named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst().orElse(ALL.get(0));
    }
}
