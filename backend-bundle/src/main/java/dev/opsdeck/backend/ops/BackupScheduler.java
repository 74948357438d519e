package dev.opsdeck.backend.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Optional periodic backups (e.g. nightly) with a retention count: after each tick, completed scheduled backups
 * beyond the newest {@code retain_count} are deleted. Backups taken by hand are never removed by retention.
 */
final class BackupScheduler {
    private static final Logger log = LoggerFactory.getLogger(BackupScheduler.class);

    private final OpsRepository repo;
    private final BackupService backups;
    private final OpsAudit audit;
    private final Clock clock;

    BackupScheduler(OpsRepository repo, BackupService backups, OpsAudit audit, Clock clock) {
        this.repo = repo;
        this.backups = backups;
        this.audit = audit;
        this.clock = clock;
    }

    Map<String, Object> set(boolean enabled, BackupType type, int hours, int retain) {
        Instant last = repo.schedule().map(OpsRepository.Schedule::lastRunAt).orElse(null);
        repo.saveSchedule(new OpsRepository.Schedule(enabled, type.id(), hours, retain, last), clock.instant());
        return describe();
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        var s = repo.schedule();
        m.put("enabled", s.map(OpsRepository.Schedule::enabled).orElse(false));
        s.ifPresent(x -> {
            m.put("type", x.type());
            m.put("interval_hours", x.intervalHours());
            m.put("retain_count", x.retainCount());
            m.put("last_run_at", x.lastRunAt());
            m.put("next_run_at", x.enabled() ? next(x) : null);
        });
        return m;
    }

    private Instant next(OpsRepository.Schedule s) {
        return s.lastRunAt() == null ? clock.instant() : s.lastRunAt().plus(Duration.ofHours(s.intervalHours()));
    }

    /** Called periodically: starts a due backup and applies retention. Never throws (it runs on the shared scheduler). */
    void tick() {
        try {
            var s = repo.schedule();
            if (s.isEmpty() || !s.get().enabled()) {
                return;
            }
            Instant now = clock.instant();
            if (!now.isBefore(next(s.get())) && repo.claimScheduleRun(s.get().lastRunAt(), now)) {
                BackupRecord r = backups.start(BackupType.parse(s.get().type()).orElse(BackupType.FULL), "scheduler", true);
                audit.system("backup.create", Map.of("type", s.get().type(), "backup_id", r.backupId(), "scheduled", true), "started");
            }
            for (BackupRecord old : repo.scheduledBeyond(s.get().retainCount())) {
                backups.delete(old.backupId());
                audit.system("backup.retention.delete", Map.of("backup_id", old.backupId(), "retain_count", s.get().retainCount()), "ok");
            }
        } catch (RuntimeException e) {
            log.warn("backup schedule tick failed: {}", e.getMessage());
        }
    }
}
