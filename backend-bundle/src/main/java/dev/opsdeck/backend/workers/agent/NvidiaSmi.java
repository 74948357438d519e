package dev.opsdeck.backend.workers.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs {@code nvidia-smi} in its CSV query mode and parses what it prints. */
public final class NvidiaSmi {
    /** Nine fields, all listed by {@code nvidia-smi --help-query-gpu}. */
    public static final String QUERY = "index,name,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw,clocks.sm,"
            + "ecc.errors.uncorrected.volatile.total";
    public static final List<String> ARGS = List.of("--query-gpu=" + QUERY, "--format=csv,noheader,nounits");

    private final Path executable;

    private NvidiaSmi(Path executable) {
        this.executable = executable;
    }

    /**
     * Finds {@code command} (a path, or a name looked up on {@code pathVariable} like a shell would).
     * Empty when there is none: the agent then reports host figures only.
     */
    public static Optional<NvidiaSmi> locate(String command, String pathVariable) {
        if (command.contains(File.separator)) {
            Path p = Path.of(command);
            return Files.isExecutable(p) ? Optional.of(new NvidiaSmi(p)) : Optional.empty();
        }
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, command);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(new NvidiaSmi(p));
                }
            }
        }
        return Optional.empty();
    }

    public Path executable() {
        return executable;
    }

    /** Runs the query (10 s at most) and parses it. */
    public List<GpuReading> read() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable.toString());
        cmd.addAll(ARGS);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("nvidia-smi did not finish within 10 s");
            }
            if (p.exitValue() != 0) {
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                throw new IOException("nvidia-smi exited with " + p.exitValue() + (err.isEmpty() ? "" : ": " + err));
            }
            return parse(out);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running nvidia-smi", e);
        }
    }

    /** Parses {@code csv,noheader,nounits} output: one line per GPU, fields separated by ", ". */
    public static List<GpuReading> parse(String output) throws IOException {
        List<GpuReading> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : output.split("\\R")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 9) {
                throw new IOException("nvidia-smi line " + lineNo + " has " + f.length + " fields, expected 9: " + line);
            }
            try {
                Double index = number(f[0]);
                if (index == null) {
                    throw new IOException("nvidia-smi line " + lineNo + " has no GPU index");
                }
                Double ecc = number(f[8]);
                out.add(new GpuReading(index.intValue(), f[1].trim(), number(f[2]), number(f[3]), number(f[4]), number(f[5]),
                        number(f[6]), number(f[7]), ecc == null ? null : ecc.longValue()));
            } catch (NumberFormatException e) {
                throw new IOException("nvidia-smi line " + lineNo + " has a field that is not a number: " + line, e);
            }
        }
        return out;
    }

    /** {@code [N/A]}, {@code [Not Supported]}, {@code N/A} and the like mean "no value", not an error. */
    private static Double number(String field) {
        String v = field.trim();
        if (v.isEmpty() || v.startsWith("[") || v.equalsIgnoreCase("N/A")) {
            return null;
        }
        return Double.parseDouble(v);
    }
}
