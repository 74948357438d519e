package dev.opsdeck.backend.ops;

import dev.opsdeck.backend.platform.store.StoreKind;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which tables retention cleanup may trim, decided from the catalogue: time-series and history tables by name
 * pattern and time column. Anything named like an audit table is never touched, nor are business records
 * (workers, jobs, payments, claims) or configuration.
 */
final class RetentionRules {
    private static final Set<String> TIME_TYPES = Set.of("timestamp with time zone", "timestamp", "timestamp without time zone");

    private RetentionRules() {
    }

    static List<RetentionTarget> discover(Connection c, StoreKind kind) throws SQLException {
        List<RetentionTarget> out = new ArrayList<>();
        for (String t : StoreSql.tables(c)) {
            if (t.contains("audit")) {
                continue; // the tamper-evident trail is kept whole; deleting rows would break its chain
            }
            Map<String, String> cols = StoreSql.columns(c, t).stream()
                    .filter(col -> TIME_TYPES.contains(col.type()))
                    .collect(Collectors.toMap(StoreSql.Column::name, StoreSql.Column::type));
            Optional<RetentionTarget> target = match(t, cols.keySet());
            if (target.isPresent()) {
                String key = StoreSql.singlePrimaryKey(c, t).orElse(kind == StoreKind.POSTGRESQL ? "ctid" : "_rowid_");
                RetentionTarget r = target.get();
                out.add(new RetentionTarget(t, r.column(), key, r.rule(), r.expiry()));
            }
        }
        return out;
    }

    private static Optional<RetentionTarget> match(String t, Set<String> timeCols) {
        if (t.equals("heartbeats")) {
            return pick(t, timeCols, "worker heartbeats", "heartbeat_time");
        }
        if (t.equals("gpu_metrics_history")) {
            return pick(t, timeCols, "GPU metric samples", "recorded_at");
        }
        if (t.startsWith("gpu_metrics_") || t.contains("rollup")) {
            return pick(t, timeCols, "metric rollups", "bucket_start", "bucket_time", "period_start", "recorded_at", "ts", "created_at");
        }
        if (t.startsWith("alert") && (t.contains("history") || t.contains("event") || t.contains("notification"))) {
            // Only resolved alerts age out: a firing one (resolved_at null) never compares older than the cutoff.
            return timeCols.contains("resolved_at") ? pick(t, timeCols, "alert history (resolved)", "resolved_at")
                    : pick(t, timeCols, "alert history", "fired_at", "sent_at", "occurred_at", "created_at");
        }
        if (t.equals("blockchain_events")) {
            return pick(t, timeCols, "indexed chain events", "indexed_at");
        }
        if (t.endsWith("_log") || t.endsWith("_logs") || t.contains("log_entries")) {
            return pick(t, timeCols, "operational logs", "logged_at", "created_at", "occurred_at", "recorded_at", "ts");
        }
        if (t.equals("ops_idempotency")) {
            return pick(t, timeCols, "idempotency keys of past admin actions", "created_at");
        }
        if ((t.contains("session") || t.contains("challenge") || t.contains("vtxo") || t.contains("inventory"))
                && timeCols.contains("expires_at")) {
            return Optional.of(new RetentionTarget(t, "expires_at", null, "expired items", true));
        }
        return Optional.empty();
    }

    private static Optional<RetentionTarget> pick(String t, Set<String> timeCols, String rule, String... candidates) {
        for (String c : candidates) {
            if (timeCols.contains(c)) {
                return Optional.of(new RetentionTarget(t, c, null, rule, false));
            }
        }
        return Optional.empty();
    }
}
