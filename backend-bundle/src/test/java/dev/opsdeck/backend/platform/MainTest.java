package dev.opsdeck.backend.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) throws Exception {
        var m = Class.forName("dev.opsdeck.backend.Main").getDeclaredMethod("run", String[].class, Map.class, PrintStream.class, PrintStream.class);
        m.setAccessible(true);
        return (int) m.invoke(null, args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aBadEnvironmentValueStopsStartUpWithOneLine() throws Exception {
        int code = run(Map.of("OPSDECK_PORT", "not-a-port"), "serve");
        assertThat(code).isEqualTo(2);
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(e.lines().count()).isEqualTo(1);
        assertThat(e).startsWith("opsdeck: configuration error: OPSDECK_PORT: must be a number");
    }

    @Test
    void migrateOnlyMigratesAndExits(@TempDir Path dir) throws Exception {
        int code = run(Map.of(), "migrate-only", "--data-dir", dir.toString());
        assertThat(code).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("schema version");
        // A second run finds nothing to do.
        out.reset();
        assertThat(run(Map.of(), "migrate-only", "--data-dir", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("migrations applied: 0");
    }

    @Test
    void versionPrints() throws Exception {
        assertThat(run(Map.of(), "version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("opsdeck ");
    }
}
