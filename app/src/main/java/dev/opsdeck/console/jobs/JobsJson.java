package dev.opsdeck.console.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.jobs.JobModels.Attempt;
import dev.opsdeck.console.jobs.JobModels.Bucket;
import dev.opsdeck.console.jobs.JobModels.FailureGroup;
import dev.opsdeck.console.jobs.JobModels.Inventory;
import dev.opsdeck.console.jobs.JobModels.JobDetail;
import dev.opsdeck.console.jobs.JobModels.JobPage;
import dev.opsdeck.console.jobs.JobModels.JobRow;
import dev.opsdeck.console.jobs.JobModels.Payout;
import dev.opsdeck.console.jobs.JobModels.Pool;
import dev.opsdeck.console.jobs.JobModels.QueueStatus;
import dev.opsdeck.console.jobs.JobModels.Statistics;
import dev.opsdeck.console.jobs.JobModels.Task;
import dev.opsdeck.console.jobs.JobModels.TypeStats;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads the jobs domain's JSON answers (field names as the backend writes them) into {@link JobModels}. */
public final class JobsJson {
    private JobsJson() {
    }

    public static JobPage page(JsonNode n) {
        return new JobPage(list(n.path("jobs"), JobsJson::row), n.path("offset").asInt(), n.path("has_more").asBoolean());
    }

    public static JobRow row(JsonNode j) {
        String worker = text(j, "worker_id");
        String gpu = text(j, "worker_gpu_model");
        return new JobRow(j.path("job_id").asText(), j.path("job_type").asText(), j.path("queue").asText(),
                j.path("status").asText(), worker, gpu != null ? gpu : text(j, "gpu_model"), j.path("attempts").asInt(),
                j.path("max_attempts").asInt(), time(j, "submitted_at"), time(j, "completed_at"), longOrNull(j, "run_ms"),
                text(j, "error_signature"), text(j, "last_error"));
    }

    public static JobDetail detail(JsonNode j) {
        List<Attempt> attempts = list(j.path("attempt_history"), a -> new Attempt(a.path("attempt").asInt(), text(a, "worker_id"),
                text(a, "gpu_model"), time(a, "claimed_at"), time(a, "finished_at"), longOrNull(a, "duration_ms"),
                text(a, "outcome"), text(a, "error")));
        return new JobDetail(row(j), time(j, "started_at"), longOrNull(j, "queue_wait_ms"), text(j, "submitted_by"), attempts);
    }

    public static List<FailureGroup> failures(JsonNode n) {
        return list(n.path("groups"), g -> new FailureGroup(g.path("error_signature").asText(), text(g, "worker_id"),
                text(g, "gpu_model"), g.path("status").asText(), g.path("count").asLong(), time(g, "newest_at"),
                text(g, "sample_error")));
    }

    public static QueueStatus queue(JsonNode n) {
        JsonNode t = n.path("totals");
        JsonNode w = n.path("workers");
        return new QueueStatus(t.path("queued").asLong(), t.path("running").asLong(), t.path("failed").asLong(),
                t.path("dead").asLong(), w.path("busy").asLong(), w.path("idle").asLong());
    }

    public static Statistics statistics(JsonNode n) {
        List<TypeStats> types = new ArrayList<>();
        JsonNode rates = n.path("failure_rate_by_type");
        JsonNode durations = n.path("durations_ms_by_type");
        List<String> names = new ArrayList<>();
        rates.fieldNames().forEachRemaining(names::add);
        durations.fieldNames().forEachRemaining(k -> {
            if (!names.contains(k)) {
                names.add(k);
            }
        });
        names.sort(String::compareTo);
        for (String type : names) {
            JsonNode r = rates.path(type);
            JsonNode d = durations.path(type);
            types.add(new TypeStats(type, r.path("finished").asLong(), r.path("failed").asLong(), r.path("failure_rate").asDouble(),
                    longOrNull(d, "p50"), longOrNull(d, "p95"), longOrNull(d, "p99")));
        }
        List<Bucket> series = list(n.path("series"), b -> new Bucket(time(b, "start"), b.path("completed").asLong(),
                b.path("finished").asLong()));
        return new Statistics(n.path("throughput_per_minute").asDouble(), n.path("failure_rate").asDouble(),
                n.path("bucket_minutes").asInt(1), types, series);
    }

    public static List<Payout> payouts(JsonNode n) {
        return list(n.path("workers"), p -> new Payout(p.path("worker_id").asText(), p.path("workloads").asLong(),
                p.path("total_eth").asText("0"), p.path("paid_eth").asText("0"), p.path("workload_minutes").asDouble(),
                time(p, "last_payout_at")));
    }

    public static Inventory inventory(JsonNode n) {
        List<Pool> pools = list(n.path("pools"), p -> new Pool(p.path("asset_id").asText(), p.path("available").asLong(),
                p.path("allocated").asLong(), p.path("expired").asLong(), p.path("low_watermark").asInt(),
                p.path("target_level").asInt(), p.path("below_watermark").asBoolean()));
        JsonNode m = n.path("monitor");
        return new Inventory(pools, m.path("state").asText("unknown"), text(m, "last_error"));
    }

    public static List<Task> tasks(JsonNode n) {
        return list(n.path("tasks"), JobsJson::task);
    }

    public static Task task(JsonNode t) {
        return new Task(t.path("name").asText(), t.path("interval_seconds").asLong(), t.path("enabled").asBoolean(),
                time(t, "next_run"), time(t, "last_run_at"), text(t, "last_status"), text(t, "last_result"),
                text(t, "last_error"), t.path("run_count").asLong());
    }

    /** Builds a query string from the non-blank values, in order. */
    static String query(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                b.append(b.length() == 0 ? '?' : '&').append(k).append('=')
                        .append(java.net.URLEncoder.encode(v.strip(), java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return b.toString();
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> f) {
        List<T> out = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            out.add(f.apply(it.next()));
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    private static Long longOrNull(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asLong() : null;
    }

    private static Instant time(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            // A clock field the console cannot read must not hide the whole row.
            return null;
        }
    }
}
