package dev.opsdeck.backend.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.http.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks request bodies field by field and turns them into domain values. Every refusal is a 400 naming the
 * field, thrown before anything is written, so a bad request never leaves a partial write behind.
 */
final class JobValidation {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
    static final Pattern WORKER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}");
    static final int MAX_PAYLOAD_CHARS = 64 * 1024;
    static final int MAX_BATCH = 500;

    private final ObjectMapper mapper;
    private final JobsSettings settings;

    JobValidation(ObjectMapper mapper, JobsSettings settings) {
        this.mapper = mapper;
        this.settings = settings;
    }

    NewJob submit(JobRequests.Submit s, String prefix) {
        if (s == null) {
            throw ApiException.invalidField(prefix.isEmpty() ? "body" : prefix, "must be a job object");
        }
        String jobId = s.jobId() == null ? UUID.randomUUID().toString() : match(prefix + "job_id", s.jobId(), ID,
                "letters, digits, '_', '.', ':' or '-', at most 64 characters");
        String type = match(prefix + "job_type", required(prefix + "job_type", s.jobType()), NAME,
                "lower-case letters, digits, '_', '.' or '-', at most 64 characters");
        String queue = s.queue() == null ? "default" : match(prefix + "queue", s.queue(), NAME,
                "lower-case letters, digits, '_', '.' or '-', at most 64 characters");
        int priority = range(prefix + "priority", s.priority(), 0, -100, 100);
        int gpuCount = range(prefix + "gpu_count", s.gpuCount(), 1, 0, 64);
        String gpuModel = s.gpuModel() == null ? null : length(prefix + "gpu_model", s.gpuModel().trim(), 1, 128);
        Integer memory = s.minGpuMemoryMb() == null ? null : range(prefix + "min_gpu_memory_mb", s.minGpuMemoryMb(), 0, 1, 1_048_576);
        int maxAttempts = range(prefix + "max_attempts", s.maxAttempts(), settings.maxAttempts(), 1, 100);
        String payload = null;
        if (s.payload() != null && !s.payload().isNull()) {
            try {
                payload = mapper.writeValueAsString(s.payload());
            } catch (JsonProcessingException e) {
                throw ApiException.invalidField(prefix + "payload", "cannot be serialised");
            }
            if (payload.length() > MAX_PAYLOAD_CHARS) {
                throw ApiException.invalidField(prefix + "payload", "must be at most " + MAX_PAYLOAD_CHARS + " characters of JSON");
            }
        }
        return new NewJob(jobId, type, queue, priority, gpuCount, gpuModel, memory, payload, maxAttempts);
    }

    List<NewJob> batch(JobRequests.SubmitBatch b) {
        if (b.jobs() == null || b.jobs().isEmpty()) {
            throw ApiException.invalidField("jobs", "must be a non-empty array");
        }
        if (b.jobs().size() > MAX_BATCH) {
            throw ApiException.invalidField("jobs", "at most " + MAX_BATCH + " jobs per request");
        }
        List<NewJob> out = new ArrayList<>(b.jobs().size());
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < b.jobs().size(); i++) {
            NewJob j = submit(b.jobs().get(i), "jobs[" + i + "].");
            if (!ids.add(j.jobId())) {
                throw ApiException.invalidField("jobs[" + i + "].job_id", "appears twice in this batch");
            }
            out.add(j);
        }
        return out;
    }

    static String workerId(String field, String v) {
        return match(field, required(field, v), WORKER_ID, "letters, digits, '_', '.', ':', '@' or '-', at most 128 characters");
    }

    static String leaseToken(String v) {
        return match("lease_token", required("lease_token", v), ID, "the lease_token returned by the claim");
    }

    static String jobId(String v) {
        return match("job_id", v, ID, "letters, digits, '_', '.', ':' or '-', at most 64 characters");
    }

    static String optionalName(String field, String v) {
        return v == null || v.isBlank() ? null : match(field, v, NAME, "lower-case letters, digits, '_', '.' or '-'");
    }

    static String required(String field, String v) {
        if (v == null || v.isBlank()) {
            throw ApiException.invalidField(field, "is required");
        }
        return v;
    }

    static int range(String field, Integer v, int dflt, int min, int max) {
        if (v == null) {
            return dflt;
        }
        if (v < min || v > max) {
            throw ApiException.invalidField(field, "must be between " + min + " and " + max);
        }
        return v;
    }

    static String length(String field, String v, int min, int max) {
        if (v.length() < min || v.length() > max) {
            throw ApiException.invalidField(field, "must be " + min + " to " + max + " characters");
        }
        return v;
    }

    private static String match(String field, String v, Pattern p, String rule) {
        if (!p.matcher(v).matches()) {
            throw ApiException.invalidField(field, "must be " + rule);
        }
        return v;
    }
}
