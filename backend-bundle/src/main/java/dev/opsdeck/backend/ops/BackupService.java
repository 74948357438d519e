package dev.opsdeck.backend.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * Creates backups as background jobs (one at a time), keeps their catalogue and files, verifies them by restoring
 * into a scratch database. Progress and results go to the {@code ops} topic.
 */
final class BackupService {
    private static final Logger log = LoggerFactory.getLogger(BackupService.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Database db;
    private final BackupEngine engine;
    private final OpsRepository repo;
    private final EventBus events;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Path dir;
    private final ExecutorService jobs;

    BackupService(Database db, BackupEngine engine, OpsRepository repo, EventBus events, ObjectMapper mapper, Clock clock,
                  Path dir, ExecutorService jobs) {
        this.db = db;
        this.engine = engine;
        this.repo = repo;
        this.events = events;
        this.mapper = mapper;
        this.clock = clock;
        this.dir = dir;
        this.jobs = jobs;
    }

    String store() {
        return db.kind().name().toLowerCase(Locale.ROOT);
    }

    /** Records the job and queues it; returns at once with the running record. */
    BackupRecord start(BackupType type, String actor, boolean scheduled) {
        Instant now = clock.instant();
        String id = "bk_" + ID_TIME.format(now) + "_" + UUID.randomUUID().toString().substring(0, 6);
        String file = id + "-" + type.id() + engine.extension(type);
        BackupRecord r = new BackupRecord(id, type.id(), "running", store(), db.schemaVersion(), file, null, null, null, List.of(),
                null, scheduled, actor, now, null);
        repo.insertBackup(r);
        events.publish("ops", "backup.started", Map.of("backup_id", id, "type", type.id(), "store", store()));
        jobs.submit(() -> run(r, type));
        return r;
    }

    private void run(BackupRecord r, BackupType type) {
        long t0 = System.nanoTime();
        Path file = dir.resolve(r.fileName());
        try {
            Files.createDirectories(dir);
            List<TableStat> tables = engine.create(type, file, (phase, pct) -> progress(r.backupId(), phase, pct));
            progress(r.backupId(), "checksum", 0);
            long size = Files.size(file);
            String sha = sha256(file);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Instant at = clock.instant();
            BackupRecord done = new BackupRecord(r.backupId(), r.type(), "completed", r.store(), r.schemaVersion(), r.fileName(), size, sha,
                    ms, tables, null, r.scheduled(), r.requestedBy(), r.createdAt(), at);
            // The sidecar lets `opsdeck restore` check a restore without the live catalogue (which may be gone). It is
            // written before the catalogue says "completed", so whoever sees completed finds the sidecar too.
            mapper.writerWithDefaultPrettyPrinter().writeValue(sidecar(file).toFile(), done);
            repo.completeBackup(r.backupId(), size, sha, ms, tables, at);
            events.publish("ops", "backup.completed", Map.of("backup_id", r.backupId(), "type", r.type(), "size_bytes", size,
                    "duration_ms", ms, "tables", tables.size()));
            log.info("backup {} ({}) completed: {} bytes in {} ms", r.backupId(), r.type(), size, ms);
        } catch (Exception | LinkageError e) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            repo.failBackup(r.backupId(), reason, ms, clock.instant());
            deleteQuietly(file);
            deleteQuietly(sidecar(file));
            events.publish("ops", "backup.failed", Map.of("backup_id", r.backupId(), "type", r.type(), "error", reason));
            log.warn("backup {} ({}) failed: {}", r.backupId(), r.type(), reason);
        }
    }

    private void progress(String id, String phase, int pct) {
        events.publish("ops", "backup.progress", Map.of("backup_id", id, "phase", phase, "percent", pct));
    }

    List<BackupRecord> list() {
        return repo.listBackups();
    }

    BackupRecord get(String id) {
        return repo.findBackup(id).orElseThrow(() -> ApiException.notFound("no backup '" + id + "'"));
    }

    /** The file of a completed backup, for download. */
    Path file(String id) {
        BackupRecord r = get(id);
        if (!r.completed()) {
            throw ApiException.conflict("backup " + id + " is " + r.status() + "; only completed backups can be downloaded");
        }
        Path f = dir.resolve(r.fileName());
        if (!Files.isRegularFile(f)) {
            throw new ApiException(410, "gone", "the file of backup " + id + " is no longer on disk: " + f);
        }
        return f;
    }

    /** Removes the file, its sidecar and the catalogue row. A running backup cannot be deleted. */
    BackupRecord delete(String id) {
        BackupRecord r = get(id);
        if ("running".equals(r.status())) {
            throw ApiException.conflict("backup " + id + " is still running");
        }
        Path f = dir.resolve(r.fileName());
        deleteQuietly(f);
        deleteQuietly(sidecar(f));
        repo.deleteBackup(id);
        events.publish("ops", "backup.deleted", Map.of("backup_id", id));
        return r;
    }

    VerifyReport verify(String id) {
        BackupRecord r = get(id);
        Path f = file(id);
        long t0 = System.nanoTime();
        boolean fileOk;
        try {
            fileOk = sha256(f).equals(r.sha256());
        } catch (IOException e) {
            throw new ApiException(500, "backup_unreadable", "cannot read " + f + ": " + e.getMessage());
        }
        BackupType type = BackupType.parse(r.type()).orElseThrow();
        List<TableStat> restored;
        try {
            restored = engine.restoreAndMeasure(type, f, (phase, pct) -> events.publish("ops", "backup.verify.progress",
                    Map.of("backup_id", id, "phase", phase, "percent", pct)));
        } catch (Exception e) {
            events.publish("ops", "backup.verified", Map.of("backup_id", id, "ok", false, "error", String.valueOf(e.getMessage())));
            throw new ApiException(422, "restore_failed", "restoring backup " + id + " into a scratch database failed: " + e.getMessage(),
                    Map.of("backup_id", id, "file_checksum_ok", fileOk));
        }
        List<VerifyReport.TableCheck> checks = BackupVerifier.compare(r.tables(), restored);
        boolean ok = fileOk && checks.stream().allMatch(c -> c.status().equals("ok"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String where = db.kind() == dev.opsdeck.backend.platform.store.StoreKind.H2 ? "H2 file in a temporary directory" : "temporary PostgreSQL database";
        VerifyReport report = new VerifyReport(id, r.type(), ok, fileOk, where, ms, checks);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("backup_id", id);
        ev.put("ok", ok);
        ev.put("tables", checks.size());
        ev.put("mismatched", checks.stream().filter(c -> !c.status().equals("ok")).count());
        events.publish("ops", "backup.verified", ev);
        return report;
    }

    Path directory() {
        return dir;
    }

    static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + ".json");
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = StoreSql.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", p, e.getMessage());
        }
    }
}
