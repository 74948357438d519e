package dev.opsdeck.console.ops;

import dev.opsdeck.console.connection.ApiException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The ops endpoints the operations screen uses, as typed calls. Blocking: call off the UI thread. Actions take the
 * idempotency key of the user action, so a retry of the same action runs once on the backend. View model tests
 * replace it with a fake.
 */
public interface OpsApi {
    List<Backup> backups() throws ApiException;

    /** Starts a backup job ({@code full} or {@code schema}); returns its id at once. */
    String createBackup(String type, String key) throws ApiException;

    VerifyResult verifyBackup(String id, String key) throws ApiException;

    void deleteBackup(String id) throws ApiException;

    /** The CLI command that restores the backup into a new target (the console never restores itself). */
    String restoreCommand(String id) throws ApiException;

    /** Streams the backup file to {@code file}; returns its size. */
    long download(String id, Path file) throws ApiException;

    /**
     * Retention cleanup older than {@code days}; a dry run only counts. A real run repeats the backend's profile as
     * the backend's own confirmation.
     */
    CleanupResult cleanup(int days, boolean dryRun, String key) throws ApiException;

    List<ServiceInfo> services() throws ApiException;

    /** {@code reconnect}, {@code start}, {@code stop} or {@code restart}; returns the status after. */
    ServiceInfo serviceAction(String name, String action, String key) throws ApiException;

    /** Demo upstreams the chaos menu can break; empty when the backend has no chaos menu (not the demo profile). */
    List<String> chaosServices() throws ApiException;

    /** Makes a demo upstream {@code ok}, {@code fail}, {@code lag} or {@code down}. */
    void chaos(String service, String mode) throws ApiException;

    /** Newest first; {@code level} empty for every level. */
    List<LogLine> recentLogs(int limit, Optional<String> level) throws ApiException;

    DatabaseStats databaseStats() throws ApiException;

    /** The environment: its name and whether it is production (typed confirmation). */
    Environment environment() throws ApiException;

    /** Where the console is connected. */
    record Environment(String name, boolean production) {
    }
}
