package dev.opsdeck.backend.ops;

import dev.opsdeck.backend.platform.store.DatabaseUrls;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * H2 backups: {@code BACKUP TO} (a zip of the store file) for full, {@code SCRIPT NODATA} for schema.
 * Restores go into a fresh H2 file database, never into an existing one.
 */
final class H2BackupEngine implements BackupEngine {
    private final DataSource live;

    H2BackupEngine(DataSource live) {
        this.live = live;
    }

    @Override
    public String extension(BackupType type) {
        return type == BackupType.FULL ? ".zip" : ".sql";
    }

    @Override
    public List<TableStat> create(BackupType type, Path file, Progress progress) throws SQLException {
        try (Connection c = live.getConnection(); Statement st = c.createStatement()) {
            if (type == BackupType.SCHEMA) {
                List<TableStat> stats = Fingerprints.measure(c, false, p -> progress.report("measuring", p));
                progress.report("writing", 0);
                st.execute("SCRIPT NODATA TO " + literal(file));
                return stats;
            }
            // BACKUP TO copies a transactionally consistent state without locking anybody out. The figures are then
            // measured on that very copy (restored into a scratch directory), so they describe exactly what the file
            // holds, while ingest and the operator's own requests carry on. (Measuring the live store instead would
            // need SET EXCLUSIVE, which stalls every other connection for the whole measurement.)
            progress.report("writing", 0);
            st.execute("BACKUP TO " + literal(file));
        }
        try {
            return restoreAndMeasure(BackupType.FULL, file, progress);
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException("cannot measure the backup copy: " + e.getMessage(), e);
        }
    }

    @Override
    public List<TableStat> restoreAndMeasure(BackupType type, Path file, Progress progress) throws Exception {
        Path scratch = Files.createTempDirectory("opsdeck-verify");
        try {
            progress.report("restoring", 0);
            String url = restore(type, file, scratch);
            try (Connection c = DriverManager.getConnection(url)) {
                List<TableStat> stats = Fingerprints.measure(c, type == BackupType.FULL, p -> progress.report("measuring", p));
                try (Statement st = c.createStatement()) {
                    st.execute("SHUTDOWN");
                }
                return stats;
            }
        } finally {
            deleteTree(scratch);
        }
    }

    /**
     * Restores a backup file into a new H2 database {@code opsdeck.mv.db} under {@code targetDir}; refuses when
     * that database exists. Returns the JDBC URL of the restored database.
     */
    static String restore(BackupType type, Path file, Path targetDir) throws IOException, SQLException {
        Files.createDirectories(targetDir);
        Path target = targetDir.resolve("opsdeck.mv.db");
        if (Files.exists(target)) {
            throw new IllegalStateException("refusing to overwrite the existing database " + target);
        }
        String url = DatabaseUrls.h2File(targetDir);
        if (type == BackupType.FULL) {
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
                ZipEntry e;
                boolean found = false;
                while ((e = zip.getNextEntry()) != null) {
                    if (e.getName().endsWith(".mv.db")) {
                        copy(zip, target);
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    throw new IllegalStateException(file + " holds no H2 database file (*.mv.db)");
                }
            }
        } else {
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("RUNSCRIPT FROM " + literal(file));
            }
        }
        return url;
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target);
    }

    private static String literal(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir; the OS reclaims what we could not delete
        }
    }
}
