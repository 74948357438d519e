package dev.opsdeck.backend.ops;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A short JDK Flight Recorder profile of this process: CPU samples summarised as the hottest frames (top of stack)
 * and the methods most often on the stack, allocation samples by class, plus the current thread states.
 * One profile at a time: two overlapping recordings would each see the other's overhead.
 */
final class JfrProfiler {
    private final AtomicBoolean running = new AtomicBoolean();

    record Frame(String frame, long samples, double percent) {
    }

    record Profile(int seconds, long cpuSamples, List<Frame> topFrames, List<Frame> topInclusive, List<Frame> topAllocations,
                   Map<String, Integer> threadStates, int threads, String note) {
    }

    boolean busy() {
        return running.get();
    }

    Profile profile(int seconds, int top) throws IOException, InterruptedException {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("a profile is already being recorded");
        }
        Path file = Files.createTempFile("opsdeck-profile", ".jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.enable("jdk.ObjectAllocationSample");
            r.start();
            Thread.sleep(seconds * 1000L);
            r.stop();
            r.dump(file);
            return summarise(file, seconds, top);
        } finally {
            Files.deleteIfExists(file);
            running.set(false);
        }
    }

    private static Profile summarise(Path file, int seconds, int top) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> alloc = new HashMap<>();
        long samples = 0;
        long allocSamples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            RecordedStackTrace st = e.getStackTrace();
            if (type.equals("jdk.ExecutionSample") && st != null && !st.getFrames().isEmpty()) {
                samples++;
                self.merge(name(st.getFrames().get(0)), 1L, Long::sum);
                st.getFrames().stream().map(JfrProfiler::method).distinct().forEach(n -> inclusive.merge(n, 1L, Long::sum));
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                allocSamples += e.getLong("weight");
                alloc.merge(e.getClass("objectClass").getName(), e.getLong("weight"), Long::sum);
            }
        }
        Map<String, Integer> states = new TreeMap<>();
        ThreadInfo[] infos = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
        for (ThreadInfo ti : infos) {
            states.merge(ti.getThreadState().name(), 1, Integer::sum);
        }
        String note = samples < 20 ? "few CPU samples: the backend was mostly idle while recording" : null;
        return new Profile(seconds, samples, top(self, samples, top), top(inclusive, samples, top), top(alloc, allocSamples, top),
                states, infos.length, note);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName() + (f.isJavaFrame() ? ":" + f.getLineNumber() : " (native)");
    }

    private static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static List<Frame> top(Map<String, Long> counts, long total, int n) {
        List<Frame> out = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .forEach(e -> out.add(new Frame(e.getKey(), e.getValue(), total == 0 ? 0 : Math.round(e.getValue() * 1000.0 / total) / 10.0)));
        return out;
    }
}
