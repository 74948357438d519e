package dev.opsdeck.backend.workers.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.api.ConfigException;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.Version;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The worker agent ({@code opsdeck agent}): every interval reads the GPUs with nvidia-smi and posts a heartbeat and
 * the GPU samples to the coordinator. Without nvidia-smi it posts host CPU/memory only and says so once.
 * One request at a time; after a failure it waits 1 s, 2 s, 4 s ... up to 60 s (or what Retry-After asks) before
 * trying again, so a coordinator that is down or refusing is never flooded.
 */
public final class WorkerAgent {
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    /** How the agent waits; tests record the waits instead of sleeping. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final AgentOptions options;
    private final Optional<NvidiaSmi> smi;
    private final HostStats host = new HostStats();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = Json.newMapper();
    private final Sleeper sleeper;
    private final PrintStream log;
    private Duration backoff = Duration.ZERO;
    private String lastProblem;

    WorkerAgent(AgentOptions options, Optional<NvidiaSmi> smi, Sleeper sleeper, PrintStream log) {
        this.options = options;
        this.smi = smi;
        this.sleeper = sleeper;
        this.log = log;
    }

    /** The {@code agent} subcommand. Exit codes: 0 ok, 1 the last cycle failed, 2 bad flags. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, out, err, d -> Thread.sleep(d.toMillis()));
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err, Sleeper sleeper) {
        AgentOptions o;
        try {
            o = AgentOptions.parse(args, env);
        } catch (ConfigException e) {
            err.println("opsdeck agent: " + e.getMessage());
            return 2;
        }
        Optional<NvidiaSmi> smi = NvidiaSmi.locate(o.nvidiaSmi(), env.get("PATH"));
        if (smi.isEmpty()) {
            // Said once, here: a host without GPUs is a legitimate worker, not an error to repeat every interval.
            out.println("opsdeck agent: " + o.nvidiaSmi() + " not found; reporting host CPU and memory only");
        }
        out.println("opsdeck agent " + Version.get() + ": worker " + o.workerId() + " -> " + o.coordinator() + " every "
                + o.interval().toSeconds() + " s");
        out.flush();
        return new WorkerAgent(o, smi, sleeper, out).loop();
    }

    int loop() {
        boolean ok = false;
        for (int cycle = 1; options.cycles() == 0 || cycle <= options.cycles(); cycle++) {
            ok = cycle();
            if (options.cycles() != 0 && cycle == options.cycles()) {
                break;
            }
            try {
                sleeper.sleep(ok ? options.interval() : backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ok ? 0 : 1;
    }

    /** One heartbeat and (with GPUs) one metrics post; false when either failed. */
    boolean cycle() {
        List<GpuReading> gpus = List.of();
        if (smi.isPresent()) {
            try {
                gpus = smi.get().read();
            } catch (IOException e) {
                problem("cannot read GPUs: " + e.getMessage());
            }
        }
        Result hb = post("/api/worker/heartbeat", heartbeat(gpus));
        Result m = hb.ok() && !gpus.isEmpty() ? post("/api/worker/gpu-metrics", metrics(gpus)) : hb;
        if (hb.ok() && m.ok()) {
            if (lastProblem != null) {
                log.println("opsdeck agent: coordinator reachable again");
                lastProblem = null;
            }
            backoff = Duration.ZERO;
            return true;
        }
        Result failed = hb.ok() ? m : hb;
        Duration next = backoff.isZero() ? Duration.ofSeconds(1) : backoff.multipliedBy(2);
        backoff = next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
        if (failed.retryAfter() != null && failed.retryAfter().compareTo(backoff) > 0) {
            backoff = failed.retryAfter().compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : failed.retryAfter();
        }
        problem(failed.problem() + "; retrying in " + backoff.toSeconds() + " s");
        return false;
    }

    Duration backoff() {
        return backoff;
    }

    private void problem(String p) {
        // The same problem every interval is one line, not a log flood.
        String key = p.replaceAll("retrying in \\d+ s", "");
        if (!key.equals(lastProblem == null ? null : lastProblem.replaceAll("retrying in \\d+ s", ""))) {
            log.println("opsdeck agent: " + p);
        }
        lastProblem = p;
    }

    private Map<String, Object> heartbeat(List<GpuReading> gpus) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("worker_id", options.workerId());
        m.put("status", "online");
        m.put("boot_id", host.bootId());
        m.put("uptime_seconds", host.uptimeSeconds());
        m.put("cpu_percent", host.cpuPercent());
        m.put("memory_percent", host.memoryPercent());
        m.put("hostname", options.workerId());
        m.put("gpu_count", gpus.size());
        m.put("gpu_model", gpus.isEmpty() ? null : gpus.get(0).name());
        m.put("agent_version", "opsdeck-agent/" + Version.get());
        m.put("wallet_address", options.wallet());
        m.put("interval_seconds", (int) options.interval().toSeconds());
        return m;
    }

    private Map<String, Object> metrics(List<GpuReading> gpus) {
        List<Object> list = new ArrayList<>();
        for (GpuReading g : gpus) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("index", g.index());
            s.put("name", g.name());
            // nvidia-smi prints [N/A] for utilisation on a GPU it cannot query: report it idle rather than drop the GPU.
            s.put("utilization_percent", g.utilizationPercent() == null ? 0.0 : g.utilizationPercent());
            s.put("memory_used_mb", g.memoryUsedMb());
            s.put("memory_total_mb", g.memoryTotalMb());
            s.put("temperature_c", g.temperatureC());
            s.put("power_watts", g.powerWatts());
            s.put("sm_clock_mhz", g.smClockMhz());
            // Uncorrected volatile ECC errors are the double-bit ones; the coordinator turns increases into events.
            s.put("ecc_dbe_count", g.eccUncorrectedVolatile());
            list.add(s);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("worker_id", options.workerId());
        m.put("gpus", list);
        return m;
    }

    private record Result(boolean ok, String problem, Duration retryAfter) {
    }

    private Result post(String path, Map<String, Object> body) {
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return new Result(false, "cannot encode " + path + ": " + e.getMessage(), null);
        }
        HttpRequest req = HttpRequest.newBuilder(options.coordinator().resolve(path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + options.token())
                .header("X-Worker-Id", options.workerId())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return new Result(true, null, null);
            }
            Duration retryAfter = r.headers().firstValue("Retry-After").map(v -> {
                try {
                    return Duration.ofSeconds(Long.parseLong(v.trim()));
                } catch (NumberFormatException e) {
                    return null;
                }
            }).orElse(null);
            String text = r.body() == null ? "" : r.body().length() > 300 ? r.body().substring(0, 300) : r.body();
            return new Result(false, path + " answered " + r.statusCode() + " " + text, retryAfter);
        } catch (IOException e) {
            return new Result(false, "cannot reach " + options.coordinator() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted", null);
        }
    }
}
