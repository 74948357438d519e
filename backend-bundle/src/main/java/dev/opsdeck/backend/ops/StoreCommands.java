package dev.opsdeck.backend.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.api.ConfigException;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import dev.opsdeck.backend.platform.store.StoreKind;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's store commands: {@code restore} (a backup into a new, named target; never over a live database)
 * and {@code migrate-store} (H2 into PostgreSQL, idempotent). Exit codes as the rest of the CLI: 0 ok,
 * 1 failed or mismatched, 2 usage.
 */
public final class StoreCommands {
    private StoreCommands() {
    }

    /** {@code restore --backup FILE --target DIR|POSTGRES_URL [--pg-dump-path PATH]} */
    public static int restore(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, String> a = flags(args);
        String backup = a.get("backup");
        String target = a.get("target");
        if (backup == null || target == null) {
            err.println("usage: opsdeck restore --backup FILE --target DIR|postgres://user@host:5432/newdb [--pg-dump-path PATH]");
            return 2;
        }
        Path file = Path.of(backup).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            err.println("opsdeck restore: no backup file " + file);
            return 2;
        }
        try {
            BackupRecord meta = sidecar(file);
            BackupType type = meta != null ? BackupType.parse(meta.type()).orElseThrow() : typeOf(file);
            StoreKind kind = meta != null ? ("h2".equals(meta.store()) ? StoreKind.H2 : StoreKind.POSTGRESQL) : kindOf(file);
            if (meta != null && meta.sha256() != null && !meta.sha256().equals(BackupService.sha256(file))) {
                err.println("opsdeck restore: " + file + " does not match the checksum recorded when it was made; refusing");
                return 1;
            }
            String jdbc;
            if (kind == StoreKind.H2) {
                if (target.contains("://") || target.startsWith("jdbc:")) {
                    err.println("opsdeck restore: an H2 backup restores into a directory (a new H2 database), not " + DatabaseUrls.redact(target));
                    return 2;
                }
                jdbc = H2BackupEngine.restore(type, file, Path.of(target).toAbsolutePath());
            } else {
                PgConnInfo info = PgConnInfo.parse(DatabaseUrls.toJdbc(target));
                PgBackupEngine.ensureDatabase(info);
                String tools = a.getOrDefault("pg-dump-path", env.get("PG_DUMP_PATH"));
                new PgBackupEngine(null, info.jdbcUrl(), new PgTools(tools)).restoreInto(type, file, info);
                jdbc = info.jdbcUrl();
            }
            out.println("restored " + type.id() + " backup " + file.getFileName() + " into " + DatabaseUrls.redact(jdbc));
            return report(jdbc, type, meta, out);
        } catch (ConfigException e) {
            err.println("opsdeck restore: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("opsdeck restore: failed: " + e.getMessage());
            return 1;
        }
    }

    private static int report(String jdbc, BackupType type, BackupRecord meta, PrintStream out) throws SQLException {
        List<TableStat> restored;
        try (Connection c = DriverManager.getConnection(jdbc)) {
            restored = Fingerprints.measure(c, type == BackupType.FULL, p -> { });
        }
        if (meta == null) {
            restored.forEach(t -> out.printf("  %-28s %s%n", t.table(), t.rows() == null ? "(schema)" : t.rows() + " rows"));
            out.println("no metadata file beside the backup: counts shown, nothing to compare with");
            return 0;
        }
        List<VerifyReport.TableCheck> checks = BackupVerifier.compare(meta.tables(), restored);
        for (VerifyReport.TableCheck c : checks) {
            out.printf("  %-28s %-10s rows %s (recorded %s)%n", c.table(), c.status(), c.actualRows(), c.expectedRows());
        }
        boolean ok = checks.stream().allMatch(c -> c.status().equals("ok"));
        out.println(ok ? "every table matches what the backup recorded" : "MISMATCH: see the tables above");
        return ok ? 0 : 1;
    }

    /** {@code migrate-store --from DATA_DIR|jdbc:h2:... --to postgres://...} */
    public static int migrateStore(List<String> args, PrintStream out, PrintStream err) {
        Map<String, String> a = flags(args);
        String from = a.get("from");
        String to = a.get("to");
        if (from == null || to == null) {
            err.println("usage: opsdeck migrate-store --from DATA_DIR|jdbc:h2:file:... --to postgres://user:pass@host:5432/db");
            return 2;
        }
        String source = from.startsWith("jdbc:h2:") ? from : DatabaseUrls.h2File(Path.of(from).toAbsolutePath());
        if (!source.startsWith("jdbc:h2:")) {
            err.println("opsdeck migrate-store: --from must be an H2 data directory or jdbc:h2: URL");
            return 2;
        }
        try {
            String targetJdbc = DatabaseUrls.toJdbc(to);
            if (DatabaseUrls.kindOf(targetJdbc) != StoreKind.POSTGRESQL) {
                err.println("opsdeck migrate-store: --to must be a PostgreSQL URL");
                return 2;
            }
            // IFEXISTS: a mistyped directory must fail, not silently create an empty H2 database to copy from.
            try (Connection src = DriverManager.getConnection(source + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r");
                 Database target = Database.open(targetJdbc, 2)) {
                int applied = target.migrate();
                out.println("target " + target.description() + ": schema version " + target.schemaVersion() + " (" + applied + " migration(s) applied now)");
                try (Connection dst = target.dataSource().getConnection()) {
                    List<StoreMigration.TableReport> reports = StoreMigration.run(src, dst, out);
                    long inserted = reports.stream().mapToLong(StoreMigration.TableReport::inserted).sum();
                    long differs = reports.stream().filter(r -> Boolean.FALSE.equals(r.checksumsMatch())).count();
                    reports.stream().filter(r -> r.note() != null).forEach(r -> out.println("  " + r.table() + ": " + r.note()));
                    out.println("copied " + inserted + " row(s) into " + reports.size() + " table(s); existing rows were left as they were");
                    if (differs > 0) {
                        // Not a failure: rows changed in the target since an earlier run are kept, by design.
                        out.println(differs + " table(s) hold rows that differ from the source; the target's versions were kept");
                    }
                    return 0;
                }
            }
        } catch (ConfigException e) {
            err.println("opsdeck migrate-store: " + e.getMessage());
            return 2;
        } catch (SQLException | IllegalStateException e) {
            err.println("opsdeck migrate-store: failed: " + e.getMessage());
            return 1;
        }
    }

    private static BackupRecord sidecar(Path file) throws IOException {
        Path s = BackupService.sidecar(file);
        if (!Files.isRegularFile(s)) {
            return null;
        }
        ObjectMapper m = Json.newMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return m.readValue(s.toFile(), BackupRecord.class);
    }

    private static BackupType typeOf(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".sql") ? BackupType.SCHEMA : BackupType.FULL;
    }

    private static StoreKind kindOf(Path file) throws IOException {
        String n = file.getFileName().toString();
        if (n.endsWith(".zip")) {
            return StoreKind.H2;
        }
        if (n.endsWith(".dump")) {
            return StoreKind.POSTGRESQL;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.startsWith("-- H2") ? StoreKind.H2 : StoreKind.POSTGRESQL;
        }
    }

    /** {@code --name value} and {@code --name=value}. */
    static Map<String, String> flags(List<String> args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String s = args.get(i);
            if (!s.startsWith("--")) {
                continue;
            }
            int eq = s.indexOf('=');
            if (eq > 0) {
                m.put(s.substring(2, eq), s.substring(eq + 1));
            } else if (i + 1 < args.size()) {
                m.put(s.substring(2), args.get(++i));
            }
        }
        return m;
    }
}
