package dev.opsdeck.backend.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import dev.opsdeck.backend.security.Principal;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Backup endpoints: create (background job), list, show, download, verify, delete, schedule. */
final class BackupRoutes {
    record CreateRequest(String type) {
    }

    record ScheduleRequest(Boolean enabled, String type, Integer intervalHours, Integer retainCount) {
    }

    private final BackupService backups;
    private final BackupScheduler scheduler;
    private final Idempotency idempotency;
    private final OpsAudit audit;
    private final ObjectMapper mapper;

    BackupRoutes(BackupService backups, BackupScheduler scheduler, Idempotency idempotency, OpsAudit audit, ObjectMapper mapper) {
        this.backups = backups;
        this.scheduler = scheduler;
        this.idempotency = idempotency;
        this.audit = audit;
        this.mapper = mapper;
    }

    void register(Routes r) {
        r.post("/admin/backup/create", Access.ADMIN, RateCategory.DEFAULT,
                "Start a backup job ({\"type\":\"full\"|\"schema\"}); returns its id at once, progress on /ws topic ops", this::create);
        r.get("/admin/backups", Access.ADMIN, RateCategory.DEFAULT, "Backups with type, size, duration, checksum, store, schema version", ctx ->
                ctx.json(Map.of("backups", backups.list(), "directory", backups.directory().toString())));
        r.get("/admin/backups/{backup_id}", Access.ADMIN, RateCategory.DEFAULT, "One backup with its per-table figures", ctx ->
                ctx.json(backups.get(ctx.pathParam("backup_id"))));
        r.get("/admin/backups/{backup_id}/download", Access.ADMIN, RateCategory.DEFAULT, "The backup file", this::download);
        r.post("/admin/backups/{backup_id}/verify", Access.ADMIN, RateCategory.DEFAULT,
                "Restore into a scratch database and compare counts and checksums table by table", this::verify);
        r.get("/admin/backups/{backup_id}/restore-command", Access.ADMIN, RateCategory.DEFAULT,
                "The CLI command that restores this backup into a new target (never over the live database)", this::restoreCommand);
        r.delete("/admin/backups/{backup_id}", Access.ADMIN, RateCategory.DEFAULT, "Delete a backup file and its record", this::delete);
        r.get("/admin/backup/schedule", Access.ADMIN, RateCategory.DEFAULT, "The backup schedule", ctx -> ctx.json(scheduler.describe()));
        r.put("/admin/backup/schedule", Access.ADMIN, RateCategory.DEFAULT,
                "Set the backup schedule ({enabled, type, interval_hours, retain_count})", this::schedule);
    }

    private void create(Context ctx) {
        CreateRequest req = Json.body(ctx, mapper, CreateRequest.class);
        BackupType type = BackupType.parse(req.type())
                .orElseThrow(() -> ApiException.invalidField("type", "must be \"full\" or \"schema\""));
        idempotency.handle(ctx, "backup.create", () -> {
            Principal p = ctx.attribute("opsdeck.principal");
            BackupRecord rec = backups.start(type, p == null ? "anonymous" : p.name(), false);
            audit.record(ctx, "backup.create", Map.of("type", type.id(), "backup_id", rec.backupId()), "started");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("backup_id", rec.backupId());
            body.put("status", rec.status());
            body.put("type", rec.type());
            body.put("store", rec.store());
            body.put("file_name", rec.fileName());
            return new Idempotency.Response(202, body);
        });
    }

    private void download(Context ctx) throws IOException {
        Path f = backups.file(ctx.pathParam("backup_id"));
        audit.record(ctx, "backup.download", Map.of("backup_id", ctx.pathParam("backup_id")), "ok");
        ctx.header("Content-Disposition", "attachment; filename=\"" + f.getFileName() + "\"");
        // No Content-Length: the server may compress the stream, and the size lives in the catalogue anyway.
        ctx.header("X-Backup-Size", Long.toString(Files.size(f)));
        ctx.contentType("application/octet-stream");
        InputStream in = Files.newInputStream(f);
        ctx.result(in);
    }

    private void restoreCommand(Context ctx) {
        String id = ctx.pathParam("backup_id");
        Path f = backups.file(id);
        boolean h2 = "h2".equals(backups.get(id).store());
        String target = h2 ? "/var/lib/opsdeck/restored-" + id : "postgres://USER@HOST:5432/opsdeck_restored_" + id.toLowerCase(java.util.Locale.ROOT);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("backup_id", id);
        body.put("command", "opsdeck restore --backup " + f + " --target " + target);
        body.put("target_kind", h2 ? "a new directory (an H2 database is created there)" : "a new or empty PostgreSQL database");
        body.put("note", "restore never writes into a database that has tables; point the backend at the restored target "
                + "(--data-dir or DATABASE_URL) once it reports that every table matches");
        ctx.json(body);
    }

    private void verify(Context ctx) {
        String id = ctx.pathParam("backup_id");
        idempotency.handle(ctx, "backup.verify", () -> {
            try {
                VerifyReport report = backups.verify(id);
                audit.record(ctx, "backup.verify", Map.of("backup_id", id), report.ok() ? "ok" : "mismatch");
                return Idempotency.Response.ok(report);
            } catch (ApiException e) {
                audit.record(ctx, "backup.verify", Map.of("backup_id", id), "failed: " + e.getMessage());
                throw e;
            }
        });
    }

    private void delete(Context ctx) {
        String id = ctx.pathParam("backup_id");
        idempotency.handle(ctx, "backup.delete", () -> {
            BackupRecord r = backups.delete(id);
            audit.record(ctx, "backup.delete", Map.of("backup_id", id, "file_name", String.valueOf(r.fileName())), "ok");
            return Idempotency.Response.ok(Map.of("deleted", id, "file_name", String.valueOf(r.fileName())));
        });
    }

    private void schedule(Context ctx) {
        ScheduleRequest req = Json.body(ctx, mapper, ScheduleRequest.class);
        if (req.enabled() == null) {
            throw ApiException.invalidField("enabled", "is required (true or false)");
        }
        BackupType type = req.type() == null ? BackupType.FULL
                : BackupType.parse(req.type()).orElseThrow(() -> ApiException.invalidField("type", "must be \"full\" or \"schema\""));
        int hours = req.intervalHours() == null ? 24 : req.intervalHours();
        if (hours < 1 || hours > 24 * 31) {
            throw ApiException.invalidField("interval_hours", "must be between 1 and 744");
        }
        int retain = req.retainCount() == null ? 7 : req.retainCount();
        if (retain < 1 || retain > 1000) {
            throw ApiException.invalidField("retain_count", "must be between 1 and 1000");
        }
        Map<String, Object> s = scheduler.set(req.enabled(), type, hours, retain);
        audit.record(ctx, "backup.schedule", Map.of("enabled", req.enabled(), "type", type.id(), "interval_hours", hours,
                "retain_count", retain), "ok");
        ctx.json(s);
    }
}
