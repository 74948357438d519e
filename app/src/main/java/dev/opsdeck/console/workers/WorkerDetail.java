package dev.opsdeck.console.workers;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the detail pane shows of one worker, parsed off the UI thread from four reads: GPU history,
 * heartbeat timeline, reward claims and the latest sample (with error counts) of each GPU.
 */
public record WorkerDetail(String workerId, String resolution, boolean truncated, List<GpuSeries> series,
                           double[] heartbeatTimes, double[] heartbeatIntervals, List<Gap> gaps,
                           List<Claim> claims, String claimedAmount, String pendingAmount,
                           List<GpuErrors> gpus, List<ErrorEvent> events) {

    /** Chart ids, also the metric of each GPU series. */
    public static final List<String> METRICS = List.of("utilization", "temperature", "memory", "power");
    static final String HEARTBEAT_CHART = "heartbeat";
    private static final List<String> FIELDS = List.of("utilization_percent", "temperature_c", "memory_used_mb", "power_watts");

    /** One GPU's points; {@code values[m]} follows {@link #METRICS}, NaN where the backend had no value. */
    public record GpuSeries(int gpu, double[] times, double[][] values) {
    }

    /** A stretch without heartbeats longer than the late threshold; {@code restarted}: the worker came back rebooted. */
    public record Gap(Instant from, Instant to, long seconds, boolean restarted) {
    }

    public record Claim(Instant claimedAt, String amount, String token, String status, String txHash) {
    }

    /** The latest sample of one GPU with its error counts. */
    public record GpuErrors(int gpu, String model, Double temperature, long xid1h, long xid24h, long dbe24h, long eccSbe, long eccDbe) {
    }

    /** An XID or ECC error a GPU reported. */
    public record ErrorEvent(Instant at, int gpu, String kind, long code, String message) {
        /** From an event of the GPU history or the data of a live {@code gpu.error} event (the same fields). */
        static ErrorEvent from(JsonNode e) {
            return new ErrorEvent(instant(e.path("occurred_at")), e.path("gpu_index").asInt(), e.path("kind").asText(),
                    e.path("code").asLong(), e.path("message").asText(""));
        }
    }

    /** What the three reads beside the GPU history give: heartbeat timeline, claims and per-GPU error counts. */
    record Side(double[] heartbeatTimes, double[] heartbeatIntervals, List<Gap> gaps, List<Claim> claims,
                String claimedAmount, String pendingAmount, List<GpuErrors> gpus) {

        static Side parse(JsonNode heartbeats, JsonNode rewards, JsonNode gpus) {
            JsonNode beats = heartbeats.path("heartbeats");
            double[] ht = new double[Math.max(0, beats.size() - 1)];
            double[] hv = new double[ht.length];
            for (int i = 1; i < beats.size(); i++) {
                ht[i - 1] = millis(beats.get(i).path("at"));
                hv[i - 1] = (ht[i - 1] - millis(beats.get(i - 1).path("at"))) / 1000.0;
            }
            List<Gap> gaps = new ArrayList<>();
            for (JsonNode g : heartbeats.path("gaps")) {
                gaps.add(new Gap(instant(g.path("from")), instant(g.path("to")), g.path("seconds").asLong(), g.path("restarted").asBoolean()));
            }
            List<Claim> claims = new ArrayList<>();
            for (JsonNode c : rewards.path("items")) {
                claims.add(new Claim(instant(c.path("claimed_at")), c.path("amount").asText(), c.path("token").asText(),
                        c.path("status").asText(), WorkerRow.text(c, "tx_hash")));
            }
            List<GpuErrors> gpuErrors = new ArrayList<>();
            for (JsonNode g : gpus.path("items")) {
                gpuErrors.add(new GpuErrors(g.path("gpu_index").asInt(), WorkerRow.text(g, "model"), WorkerRow.number(g, "temperature_c"),
                        g.path("errors_1h").path("xid").asLong(), g.path("errors_24h").path("xid").asLong(),
                        g.path("errors_24h").path("ecc_dbe").asLong(), g.path("ecc_sbe_count").asLong(), g.path("ecc_dbe_count").asLong()));
            }
            return new Side(ht, hv, gaps, claims, rewards.path("claimed_amount").asText("0"), rewards.path("pending_amount").asText("0"),
                    gpuErrors);
        }
    }

    static WorkerDetail parse(String worker, JsonNode history, JsonNode heartbeats, JsonNode rewards, JsonNode gpus) {
        List<GpuSeries> series = new ArrayList<>();
        for (JsonNode s : history.path("series")) {
            JsonNode pts = s.path("points");
            double[] t = new double[pts.size()];
            double[][] v = new double[FIELDS.size()][pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                t[i] = millis(pts.get(i).path("t"));
                for (int m = 0; m < FIELDS.size(); m++) {
                    JsonNode x = pts.get(i).path(FIELDS.get(m));
                    v[m][i] = x.isNumber() ? x.asDouble() : Double.NaN;
                }
            }
            series.add(new GpuSeries(s.path("gpu_index").asInt(), t, v));
        }
        List<ErrorEvent> events = new ArrayList<>();
        for (JsonNode e : history.path("events")) {
            events.add(ErrorEvent.from(e));
        }
        return of(worker, history.path("resolution").asText(""), history.path("truncated").asBoolean(), series, events,
                Side.parse(heartbeats, rewards, gpus));
    }

    private static WorkerDetail of(String worker, String resolution, boolean truncated, List<GpuSeries> series,
                                   List<ErrorEvent> events, Side s) {
        return new WorkerDetail(worker, resolution, truncated, series, s.heartbeatTimes(), s.heartbeatIntervals(), s.gaps(),
                s.claims(), s.claimedAmount(), s.pendingAmount(), s.gpus(), events);
    }

    /** The same GPU history and error events with a fresh timeline, claims and error counts. */
    WorkerDetail withSide(Side s) {
        return of(workerId, resolution, truncated, series, events, s);
    }

    /** With {@code e} first among the error events (newest first, as the backend lists them). */
    WorkerDetail withEvent(ErrorEvent e) {
        List<ErrorEvent> all = new ArrayList<>(events.size() + 1);
        all.add(e);
        all.addAll(events);
        return new WorkerDetail(workerId, resolution, truncated, series, heartbeatTimes, heartbeatIntervals, gaps,
                claims, claimedAmount, pendingAmount, gpus, all);
    }

    static double millis(JsonNode t) {
        return instant(t).toEpochMilli();
    }

    static Instant instant(JsonNode t) {
        return Instant.parse(t.asText());
    }
}
