package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.http.ApiException;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the query parameters of the read routes; each refusal is a 400 naming the parameter. */
final class QueryParams {
    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})([mhd])");
    static final Duration MAX_RANGE = Duration.ofDays(400);

    private QueryParams() {
    }

    /** {@code worker} (alias {@code worker_id}); null when absent and not required. */
    static String worker(Context ctx, boolean required) {
        String w = ctx.queryParam("worker");
        if (w == null) {
            w = ctx.queryParam("worker_id");
        }
        if (w == null && !required) {
            return null;
        }
        return Fields.workerId("worker", w);
    }

    /** {@code range} such as {@code 15m}, {@code 24h}, {@code 7d}. */
    static Duration range(Context ctx, Duration def) {
        String r = ctx.queryParam("range");
        if (r == null || r.isBlank()) {
            return def;
        }
        Matcher m = RANGE.matcher(r.trim());
        if (!m.matches()) {
            throw ApiException.invalidField("range", "must be a number and a unit m, h or d, e.g. 15m, 24h, 7d (was '" + r + "')");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = m.group(2).equals("m") ? Duration.ofMinutes(n) : m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofDays(n);
        if (d.isZero() || d.compareTo(MAX_RANGE) > 0) {
            throw ApiException.invalidField("range", "must be between 1m and 400d");
        }
        return d;
    }

    static Resolution resolution(Context ctx) {
        String r = ctx.queryParam("resolution");
        if (r == null || r.isBlank()) {
            return Resolution.AUTO;
        }
        try {
            return Resolution.parse(r.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("resolution", e.getMessage());
        }
    }

    static WorkerState state(Context ctx) {
        String s = ctx.queryParam("state");
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return WorkerState.parse(s.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("state", e.getMessage());
        }
    }

    static Integer gpu(Context ctx) {
        String g = ctx.queryParam("gpu");
        return g == null || g.isBlank() ? null : integer("gpu", g, 0, 63);
    }

    static Page page(Context ctx) {
        String l = ctx.queryParam("limit");
        String o = ctx.queryParam("offset");
        int limit = l == null ? 50 : integer("limit", l, 1, 500);
        int offset = o == null ? 0 : integer("offset", o, 0, 10_000_000);
        return new Page(limit, offset);
    }

    private static int integer(String name, String v, int min, int max) {
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                throw ApiException.invalidField(name, "must be between " + min + " and " + max + " (was " + i + ")");
            }
            return i;
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(name, "must be a whole number (was '" + v + "')");
        }
    }
}
