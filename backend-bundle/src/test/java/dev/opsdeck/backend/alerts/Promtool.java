package dev.opsdeck.backend.alerts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs {@code promtool} from PATH; its absence fails the test with the fix in the message, never skips it. */
final class Promtool {
    private Promtool() {
    }

    record Result(int exitCode, String output) {
    }

    static Result checkRules(Path file) throws IOException, InterruptedException {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean found = java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "promtool")));
        if (!found) {
            throw new AssertionError("promtool is not on PATH; install it (Debian: apt-get install -y prometheus) - "
                    + "the exported rule file must be checked by the real Prometheus tool");
        }
        Process p = new ProcessBuilder("promtool", "check", "rules", file.toString()).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool did not finish within 60 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
