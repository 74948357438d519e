package dev.opsdeck.backend.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The rules every backend starts with. The four of the validator dashboard guide keep the guide's names,
 * expressions and {@code for} exactly; the six of the relay operator guide's monitoring section read the
 * metrics this domain samples ({@code system_*}, {@code service_up}) and the ones the jobs domain exports
 * ({@code jobs_completed_total{status}} with {@code failed}/{@code timed_out}, and the inventory pools'
 * {@code vtxo_inventory_available{asset_id}} against {@code vtxo_inventory_low_watermark{asset_id}}).
 * Runbooks come from the relay guide's section 10; where it has no entry (latency, workers) the validator
 * guide's troubleshooting section supplies the steps.
 */
final class BuiltinRules {
    private BuiltinRules() {
    }

    private static final Runbook.Action SYSTEM = action("system_metrics", "System metrics (24 h)", "GET", "/admin/metrics/system?hours=24", null);
    private static final Runbook.Action ALERTS = action("alerts", "Firing alerts", "GET", "/admin/alerts", null);
    private static final Runbook.Action HEALTH = action("health", "Comprehensive health", "GET", "/admin/health/comprehensive", null);

    static List<AlertRule> all(Instant now) {
        Runbook resources = new Runbook("High CPU / Memory / Disk", "relay operator guide, section 10",
                List.of("Check /admin/metrics/system and /admin/alerts", "Scale instances or tune workers"),
                List.of(SYSTEM, ALERTS, action("performance_profile", "Performance profile", "GET", "/admin/performance/profile", null)));
        Runbook disk = new Runbook("High CPU / Memory / Disk", "relay operator guide, section 10",
                List.of("Check /admin/metrics/system and /admin/alerts", "Free space: preview a retention cleanup (dry run) before running it",
                        "Scale instances or tune workers"),
                List.of(SYSTEM, action("cleanup", "Retention cleanup (dry run)", "POST", "/admin/maintenance/cleanup",
                        Map.of("days", 30, "dry_run", true))));
        Runbook upstream = new Runbook("gRPC daemons unhealthy", "relay operator guide, section 10",
                List.of("GET /health and /admin/services/status for the failing service",
                        "GET /grpc/reconnect/{service} and validate daemon hosts/ports/certs"),
                List.of(action("reconnect", "Reconnect {service}", "GET", "/grpc/reconnect/{service}", null),
                        action("services", "Services status", "GET", "/admin/services/status", null), HEALTH));
        Runbook jobs = new Runbook("High job failure rate", "relay operator guide, section 10",
                List.of("/admin/jobs/statistics and recent logs via /admin/logs/recent", "Investigate failing task types; roll back recent changes"),
                List.of(action("job_statistics", "Job statistics", "GET", "/admin/jobs/statistics", null),
                        action("recent_logs", "Recent failed jobs", "GET", "/admin/logs/recent?limit=100&level=failed", null)));
        Runbook inventory = new Runbook("Low VTXO inventory", "relay operator guide, section 10",
                List.of("/vtxos/inventory/{asset_id} and /vtxos/stats", "Trigger replenishment: POST /vtxos/batch/create or the automated monitor"),
                List.of(action("replenish", "Replenish {asset_id}", "POST", "/vtxos/batch/create", Map.of("asset_id", "{asset_id}", "count", 100)),
                        action("inventory", "Inventory of {asset_id}", "GET", "/vtxos/inventory/{asset_id}", null),
                        action("inventory_stats", "Inventory statistics", "GET", "/vtxos/stats", null)));
        Runbook latency = new Runbook("DB connectivity issues / High CPU", "relay operator guide, section 10; validator guide, High latency",
                List.of("Check the database pool: /health shows pool stats; /admin/health/comprehensive shows DB health",
                        "Check RPC latency: blockchain_rpc_duration_seconds",
                        "Fail over to a replica, fix credentials or increase the pool timeout; scale instances or tune workers"),
                List.of(HEALTH, action("database_stats", "Database statistics", "GET", "/admin/database/stats", null), SYSTEM));
        Runbook indexer = new Runbook("gRPC daemons unhealthy (chain RPC)", "relay operator guide, section 10; validator guide, Indexer falling behind",
                List.of("Check indexer_lag_seconds and /health components", "Increase INDEXER_POLL_MS if the RPC provider rate-limits",
                        "Reconnect the RPC upstream and validate its URL"),
                List.of(action("reconnect", "Reconnect the chain indexer", "GET", "/grpc/reconnect/chain-indexer", null),
                        action("services", "Services status", "GET", "/admin/services/status", null)));
        Runbook workers = new Runbook("Workers not showing", "validator guide, Troubleshooting; relay operator guide, section 10",
                List.of("Verify heartbeats arrive: /api/network/workers and /api/worker/status",
                        "Check workers are staked on-chain and send to this coordinator's URL", "Check /health for the database"),
                List.of(action("workers", "Connected workers", "GET", "/api/network/workers", null), HEALTH));
        Runbook rateLimits = new Runbook("Possible attack (rate limiter)", "validator guide, Monitoring Alerts; edge deployment notes",
                List.of("Read recent logs for the sources behind the buckets", "Tighten trusted hosts and per-family limits; block abusive sources upstream"),
                List.of(action("recent_logs", "Recent logs", "GET", "/admin/logs/recent?limit=100", null), ALERTS));

        return List.of(
                rule("HighCPU", "system_cpu_usage_percent", ">", 90, 300, "warning", "CPU usage above 90% for 5 minutes", resources, now),
                rule("HighMemory", "system_memory_usage_percent", ">", 90, 300, "warning", "Memory usage above 90% for 5 minutes", resources, now),
                rule("LowDisk", "system_disk_free_percent", "<", 10, 300, "critical", "Less than 10% disk space free", disk, now),
                rule("ServiceDown", "service_up", "==", 0, 60, "critical", "Service {{ $labels.service }} is down", upstream, now),
                rule("HighJobFailureRate",
                        "sum(rate(jobs_completed_total{status=~\"failed|timed_out\"}[5m])) / sum(rate(jobs_completed_total[5m]))", ">", 0.1,
                        300, "warning", "More than 10% of finished jobs failed or timed out over 5 minutes", jobs, now),
                rule("LowInventory", "vtxo_inventory_available - vtxo_inventory_low_watermark", "<", 0, 300, "warning",
                        "Inventory for {{ $labels.asset_id }} is below its low watermark ({{ $value }} short)", inventory, now),
                rule("HighAPILatency", "histogram_quantile(0.99, rate(dashboard_request_duration_seconds_bucket[5m]))", ">", 1, 300,
                        "warning", "Dashboard API latency high", latency, now),
                rule("IndexerLagging", "indexer_lag_seconds", ">", 300, 300, "warning", "Indexer more than 5 minutes behind", indexer, now),
                rule("NoActiveWorkers", "active_workers_total", "==", 0, 600, "critical", "No active workers connected", workers, now),
                rule("HighRateLimitUsage", "rate_limiter_active_buckets", ">", 1000, 300, "warning",
                        "High rate limiter bucket count (possible attack)", rateLimits, now));
    }

    private static AlertRule rule(String name, String expr, String cmp, double threshold, long forSeconds, String severity,
                                  String summary, Runbook runbook, Instant now) {
        return new AlertRule(name, expr, cmp, threshold, forSeconds, 1, severity, summary, null, runbook, true, true, now, now);
    }

    private static Runbook.Action action(String id, String label, String method, String path, Map<String, Object> body) {
        return new Runbook.Action(id, label, method, path, body);
    }
}
