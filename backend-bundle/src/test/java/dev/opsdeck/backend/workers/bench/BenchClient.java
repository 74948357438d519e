package dev.opsdeck.backend.workers.bench;

import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop load generator: {@code concurrency} client threads each send one request, wait for the answer,
 * send the next. Every request is one simulated worker (picked at random) under its own identity
 * ({@code X-Worker-Id} and the body's {@code worker_id}), as a real fleet would send them.
 */
final class BenchClient {
    /** Throughput and latency of one run. */
    record Result(String name, long ok, long failed, double seconds, double p50ms, double p99ms, double maxMs, Cpu cpu) {
        double perSecond() {
            return ok / seconds;
        }

        /** CPU of the whole process (client and server) per answered request: steadier than a rate on a shared box. */
        double cpuUsPerRequest() {
            return ok == 0 ? 0 : cpu.processNanos() / 1e3 / ok;
        }

        /** CPU of the ingest writer thread per answered request; negative if the process has no writer. */
        double writerUsPerRequest() {
            return ok == 0 || cpu.writerNanos() < 0 ? -1 : cpu.writerNanos() / 1e3 / ok;
        }

        @Override
        public String toString() {
            return String.format("%-34s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  max %7.1f ms  ok %d  failed %d  cpu %.0f us/req%s",
                    name, perSecond(), p50ms, p99ms, maxMs, ok, failed, cpuUsPerRequest(),
                    // The ceiling runs beside an idle coordinator: a writer that did nothing is not worth a figure.
                    writerUsPerRequest() < 0.5 ? "" : String.format(" (writer thread %.0f us/req)", writerUsPerRequest()));
        }
    }

    /** CPU time used during the measured part of a run: the whole process, and the ingest writer thread if there is one. */
    record Cpu(long processNanos, long writerNanos, Map<String, Long> byThreadGroup) {
        static final String WRITER = "opsdeck-ingest-writer";
        static final String JIT = "(JVM: JIT compiler threads)";
        static final String GC = "(JVM: garbage collector threads)";
        static final String VM = "(JVM: VM thread, safepoints)";

        static Cpu now() {
            long writer = -1;
            Map<String, Long> groups = new TreeMap<>();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                long nanos = threads.getThreadCpuTime(t.getId());
                if (t.getName().equals(WRITER)) {
                    writer = nanos;
                }
                // Pool threads differ only in their numbers: "JettyServerThreadPool-41" counts as "JettyServerThreadPool-#".
                groups.merge(t.getName().replaceAll("\\d+", "#"), Math.max(0, nanos), Long::sum);
            }
            groups.putAll(jvmThreads());
            return new Cpu(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(), writer, groups);
        }

        /**
         * The JVM's own threads are not Java threads, so ThreadMXBean cannot see them; on Linux /proc can. Their CPU is
         * summed into three groups (JIT compilers, garbage collector, VM thread). Ticks are taken as 1/100 s (CLK_TCK
         * on Linux); elsewhere the map is empty and the breakdown shows only the remainder.
         */
        static Map<String, Long> jvmThreads() {
            Map<String, Long> out = new TreeMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    String stat;
                    try {
                        stat = Files.readString(task.resolve("stat"));
                    } catch (IOException gone) {
                        continue;
                    }
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String group = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? JIT
                            : comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? GC
                            : comm.equals("VM Thread") ? VM : null;
                    if (group != null) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // After the name: state is f[0], so utime (field 14) is f[11] and stime (field 15) is f[12].
                        out.merge(group, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L, Long::sum);
                    }
                }
            } catch (IOException | RuntimeException e) {
                return Map.of();
            }
            return out;
        }

        Cpu since(Cpu start) {
            Map<String, Long> groups = new TreeMap<>();
            byThreadGroup.forEach((k, v) -> groups.put(k, v - start.byThreadGroup.getOrDefault(k, 0L)));
            return new Cpu(processNanos - start.processNanos, start.writerNanos < 0 || writerNanos < 0 ? -1 : writerNanos - start.writerNanos, groups);
        }

        /** Microseconds per request by thread group, largest first; what no thread listed accounts for is the JVM's rest. */
        String breakdown(long requests) {
            StringBuilder b = new StringBuilder();
            long javaThreads = 0;
            for (Map.Entry<String, Long> e : byThreadGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList()) {
                javaThreads += e.getValue();
                if (e.getValue() * 100 >= processNanos) {
                    b.append(String.format("    %6.0f us/req  %s%n", e.getValue() / 1e3 / requests, e.getKey()));
                }
            }
            // /proc counts in 10 ms ticks, so the remainder can come out a hair below zero.
            return b.append(String.format("    %6.0f us/req  (JVM: other threads that are not Java threads)%n",
                    Math.max(0, processNanos - javaThreads) / 1e3 / requests)).toString();
        }
    }

    private static final MediaType JSON = MediaType.get("application/json");
    /** Synchronous OkHttp runs each call on the calling thread: no hand-offs that a busy machine would stretch. */
    private final OkHttpClient http = new OkHttpClient.Builder().connectionPool(new ConnectionPool(256, 1, TimeUnit.MINUTES))
            .callTimeout(Duration.ofSeconds(30)).build();
    private final String token;

    BenchClient(String token) {
        this.token = token;
    }

    /** Status and body of one answer. */
    record Answer(int statusCode, String body) {
    }

    Answer get(String url) throws Exception {
        Request r = new Request.Builder().url(url).header("Authorization", "Bearer " + token).get().build();
        try (Response resp = http.newCall(r).execute()) {
            return new Answer(resp.code(), resp.body() == null ? "" : resp.body().string());
        }
    }

    Answer post(String url, String worker, String body) throws Exception {
        Request r = new Request.Builder().url(url).header("Authorization", "Bearer " + token).header("X-Worker-Id", worker)
                .post(RequestBody.create(body, JSON)).build();
        try (Response resp = http.newCall(r).execute()) {
            return new Answer(resp.code(), resp.body() == null ? "" : resp.body().string());
        }
    }

    /** Runs for {@code seconds} after a short warm-up; {@code body} makes the body for worker number n. */
    Result run(String name, String url, int workers, int concurrency, double seconds, double warmupSeconds,
               IntFunction<String> workerId, IntFunction<String> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        long end = warmEnd + (long) (seconds * 1e9);
        Future<?>[] futures = new Future<?>[concurrency];
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        for (int t = 0; t < concurrency; t++) {
            final int thread = t;
            latencies[t] = new long[1 << 16];
            futures[t] = pool.submit(() -> {
                while (true) {
                    long start = System.nanoTime();
                    if (start >= end) {
                        return null;
                    }
                    int w = ThreadLocalRandom.current().nextInt(workers);
                    Answer r = post(url, workerId.apply(w), body.apply(w));
                    long done = System.nanoTime();
                    if (start < warmEnd) {
                        continue;
                    }
                    if (r.statusCode() == 200) {
                        ok.incrementAndGet();
                        if (counts[thread] == latencies[thread].length) {
                            latencies[thread] = Arrays.copyOf(latencies[thread], counts[thread] * 2);
                        }
                        latencies[thread][counts[thread]++] = done - start;
                    } else {
                        failed.incrementAndGet();
                        if (failed.get() < 3) {
                            System.err.println(name + ": " + r.statusCode() + " " + r.body());
                        }
                    }
                }
            });
        }
        // CPU is read at the edges of the measured window, from a thread of its own so that no client waits for it.
        Cpu[] window = new Cpu[2];
        Thread meter = new Thread(() -> {
            try {
                Thread.sleep(Math.max(0, (warmEnd - System.nanoTime()) / 1_000_000));
                window[0] = Cpu.now();
                Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
                window[1] = Cpu.now();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-cpu-meter");
        meter.start();
        for (Future<?> f : futures) {
            f.get();
        }
        meter.join();
        pool.shutdown();
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[(int) total];
        int i = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(latencies[t], 0, all, i, counts[t]);
            i += counts[t];
        }
        Arrays.sort(all);
        return new Result(name, ok.get(), failed.get(), seconds, pct(all, 0.50), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                window[1] == null ? new Cpu(0, -1, Map.of()) : window[1].since(window[0]));
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
