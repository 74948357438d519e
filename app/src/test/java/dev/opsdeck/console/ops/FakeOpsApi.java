package dev.opsdeck.console.ops;

import dev.opsdeck.console.connection.ApiException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An {@link OpsApi} that records every call with its idempotency key and answers from fields the test sets. */
final class FakeOpsApi implements OpsApi {
    final List<String> calls = new ArrayList<>();
    List<Backup> backups = new ArrayList<>();
    CleanupResult dryRun = new CleanupResult(30, true, 0, List.of());
    CleanupResult realRun = new CleanupResult(30, false, 0, List.of());
    ServiceInfo afterAction;
    ApiException failNext;
    Environment environment = new Environment("Embedded demo", false);

    private void call(String what) throws ApiException {
        calls.add(what);
        if (failNext != null) {
            ApiException e = failNext;
            failNext = null;
            throw e;
        }
    }

    @Override
    public List<Backup> backups() throws ApiException {
        call("backups");
        return List.copyOf(backups);
    }

    @Override
    public String createBackup(String type, String key) throws ApiException {
        call("create " + type + " key=" + key);
        return "bk_1";
    }

    @Override
    public VerifyResult verifyBackup(String id, String key) throws ApiException {
        call("verify " + id + " key=" + key);
        return new VerifyResult(id, false, true, 12, List.of(new TableCheck("jobs", "ok", 3L, 3L), new TableCheck("workers", "mismatch", 5L, 4L)));
    }

    @Override
    public void deleteBackup(String id) throws ApiException {
        call("delete " + id);
    }

    @Override
    public String restoreCommand(String id) throws ApiException {
        call("restore " + id);
        return "opsdeck restore --backup " + id;
    }

    @Override
    public long download(String id, Path file) throws ApiException {
        call("download " + id + " " + file.getFileName());
        return 2048;
    }

    @Override
    public CleanupResult cleanup(int days, boolean dryRun, String key) throws ApiException {
        call("cleanup days=" + days + " dry_run=" + dryRun + " key=" + key);
        return dryRun ? this.dryRun : realRun;
    }

    @Override
    public List<ServiceInfo> services() throws ApiException {
        call("services");
        return afterAction == null ? List.of() : List.of(afterAction);
    }

    @Override
    public ServiceInfo serviceAction(String name, String action, String key) throws ApiException {
        call(action + " " + name + " key=" + key);
        return afterAction;
    }

    @Override
    public List<String> chaosServices() throws ApiException {
        call("chaos list");
        return List.of("arkd");
    }

    @Override
    public void chaos(String service, String mode) throws ApiException {
        call("chaos " + service + " " + mode);
    }

    @Override
    public List<LogLine> recentLogs(int limit, Optional<String> level) throws ApiException {
        call("logs " + level.orElse("all"));
        return List.of();
    }

    @Override
    public DatabaseStats databaseStats() throws ApiException {
        call("db");
        return new DatabaseStats("h2", "H2 file", "H2 2.3", "12", 4096L, 10, List.of(new TableSize("jobs", 10, true, 4096L)), "active 0");
    }

    @Override
    public Environment environment() {
        return environment;
    }
}
