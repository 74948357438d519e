package dev.opsdeck.backend.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs the PostgreSQL client tools ({@code pg_dump}, {@code pg_restore}, {@code psql}): from
 * {@code PG_DUMP_PATH} (the binary or its directory) when configured, else from {@code PATH}. A missing tool
 * is a failure in words, never a silent skip.
 */
final class PgTools {
    private static final long TIMEOUT_MINUTES = 120;
    private final String configured;

    /** @param configured the {@code PG_DUMP_PATH} setting, or null */
    PgTools(String configured) {
        this.configured = configured;
    }

    Path locate(String tool) {
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured.trim());
            Path dir = Files.isDirectory(p) ? p : p.getParent();
            Path candidate = Files.isDirectory(p) || !tool.equals("pg_dump") ? (dir == null ? Path.of(tool) : dir.resolve(tool)) : p;
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
            throw new IllegalStateException(tool + " not found at " + candidate + " (from PG_DUMP_PATH=" + configured + ")");
        }
        return onPath(tool).orElseThrow(() -> new IllegalStateException(
                tool + " not found on PATH; install the PostgreSQL client (same major version as the server) or set PG_DUMP_PATH"));
    }

    static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Runs a tool with the connection in {@code PG*} variables; throws with the tool's own error text on failure. */
    void run(String tool, List<String> args, PgConnInfo conn) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(locate(tool).toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.putAll(conn.env());
        Path errors = Files.createTempFile("opsdeck-" + tool, ".err");
        try {
            pb.redirectError(errors.toFile());
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(tool + " did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() != 0) {
                String err = Files.readString(errors, StandardCharsets.UTF_8).trim();
                if (err.length() > 800) {
                    err = err.substring(err.length() - 800);
                }
                throw new IllegalStateException(tool + " failed (exit " + p.exitValue() + "): " + err);
            }
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
