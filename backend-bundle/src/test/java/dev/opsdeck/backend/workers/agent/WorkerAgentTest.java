package dev.opsdeck.backend.workers.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent against a real coordinator, with a fake nvidia-smi on PATH that prints saved real-format output. */
class WorkerAgentTest {
    static TestBackend backend;

    @TempDir
    Path bin;

    @BeforeAll
    static void start() {
        backend = TestBackend.start(Store.H2);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    /** Writes an nvidia-smi that answers only the agent's exact query, with the given fixture. */
    private void fakeNvidiaSmi(String fixture) throws IOException {
        Path data = bin.resolve("fixture.csv");
        try (InputStream in = WorkerAgentTest.class.getResourceAsStream(fixture)) {
            Files.write(data, in.readAllBytes());
        }
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\n"
                + "if [ \"$1\" = \"" + NvidiaSmi.ARGS.get(0) + "\" ] && [ \"$2\" = \"" + NvidiaSmi.ARGS.get(1) + "\" ]; then\n"
                + "  cat '" + data + "'\nelse\n  echo \"unexpected arguments: $*\" >&2\n  exit 2\nfi\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private int agent(String worker, int cycles, String coordinator, ByteArrayOutputStream out, List<Duration> waits) {
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        return WorkerAgent.run(List.of("--coordinator", coordinator, "--token", TestBackend.API_TOKEN, "--worker-id", worker,
                        "--interval", "5", "--cycles", Integer.toString(cycles)),
                Map.of("PATH", bin + ":/usr/bin:/bin"), ps, ps, waits::add);
    }

    @Test
    void postsHeartbeatsAndGpuSamplesReadFromNvidiaSmi() throws Exception {
        fakeNvidiaSmi("nvidia-smi-a100x4.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Duration> waits = new ArrayList<>();
        int code = agent("agent-a100", 2, backend.url(""), out, waits);
        assertThat(code).as(out.toString()).isZero();
        assertThat(waits).containsExactly(Duration.ofSeconds(5));
        assertThat(out.toString()).doesNotContain("not found");

        JsonNode status = backend.get("/api/worker/status?worker=agent-a100").json();
        assertThat(status.path("state").asText()).isEqualTo("online");
        assertThat(status.path("gpu_count").asInt()).isEqualTo(4);
        assertThat(status.path("gpu_model").asText()).isEqualTo("NVIDIA A100-SXM4-80GB");
        JsonNode gpus = backend.get("/api/validator/gpus?worker=agent-a100").json().path("items");
        assertThat(gpus).hasSize(4);
        assertThat(gpus.get(1).path("utilization_percent").asDouble()).isEqualTo(92);
        assertThat(gpus.get(1).path("memory_used_mb").asDouble()).isEqualTo(70112);
        assertThat(gpus.get(1).path("power_watts").asDouble()).isEqualTo(355.10);
        assertThat(gpus.get(2).path("sm_clock_mhz").asDouble()).isEqualTo(210);
        // GPU 3 shows 2 uncorrected volatile ECC errors: one double-bit ECC event, recorded once over two cycles.
        assertThat(gpus.get(3).path("errors_24h").path("ecc_dbe").asInt()).isEqualTo(1);
        assertThat(backend.get("/api/validator/history?worker=agent-a100&range=15m&gpu=0").json()
                .path("series").get(0).path("points")).hasSize(2);
    }

    @Test
    void consumerGpuWithoutEccIsReported() throws Exception {
        fakeNvidiaSmi("nvidia-smi-rtx4090.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(agent("agent-4090", 1, backend.url(""), out, new ArrayList<>())).as(out.toString()).isZero();
        JsonNode gpu = backend.get("/api/validator/gpus?worker=agent-4090").json().path("items").get(0);
        assertThat(gpu.path("model").asText()).isEqualTo("NVIDIA GeForce RTX 4090");
        assertThat(gpu.path("ecc_dbe_count").isNull()).isTrue();
    }

    @Test
    void withoutNvidiaSmiItReportsHostFiguresAndSaysSoOnce() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = agent("agent-cpu", 3, backend.url(""), out, new ArrayList<>());
        assertThat(code).as(out.toString()).isZero();
        String log = out.toString();
        assertThat(log.split("not found", -1)).hasSize(2);
        assertThat(log).contains("host CPU and memory only");
        JsonNode status = backend.get("/api/worker/status?worker=agent-cpu").json();
        assertThat(status.path("state").asText()).isEqualTo("online");
        assertThat(status.path("gpu_count").asInt()).isZero();
        assertThat(status.path("memory_percent").asDouble()).isBetween(0.1, 100.0);
        assertThat(backend.get("/api/validator/gpus?worker=agent-cpu").json().path("total").asInt()).isZero();
    }

    @Test
    void anUnreachableCoordinatorIsRetriedWithGrowingBackoffAndLoggedOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Duration> waits = new ArrayList<>();
        int code = agent("agent-away", 8, "http://127.0.0.1:" + port, out, waits);
        assertThat(code).isEqualTo(1);
        assertThat(waits).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L);
        assertThat(out.toString().split("cannot reach", -1)).hasSize(2);
    }

    @Test
    void aRefusedTokenIsNotHammered() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Duration> waits = new ArrayList<>();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = WorkerAgent.run(List.of("--coordinator", backend.url(""), "--token", "wrong", "--worker-id", "agent-x", "--cycles", "3"),
                Map.of("PATH", "/nonexistent"), ps, ps, waits::add);
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("answered 401");
        assertThat(waits).extracting(Duration::toSeconds).containsExactly(1L, 2L);
    }

    @Test
    void badFlagsExitWithTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(WorkerAgent.run(List.of("--token", "t"), Map.of(), ps, ps)).isEqualTo(2);
        assertThat(out.toString()).contains("--coordinator");
        assertThat(WorkerAgent.run(List.of("--coordinator", "http://x", "--token", "t", "--interval", "0"), Map.of(), ps, ps)).isEqualTo(2);
        assertThat(out.toString()).contains("--interval");
    }

    @Test
    void parsesRealFormatIncludingNotAvailableFields() throws Exception {
        List<GpuReading> r = NvidiaSmi.parse("0, NVIDIA GeForce RTX 4090, 13, 1893, 24564, 41, [N/A], 2520, [Not Supported]\n");
        assertThat(r).hasSize(1);
        assertThat(r.get(0).powerWatts()).isNull();
        assertThat(r.get(0).eccUncorrectedVolatile()).isNull();
        assertThat(r.get(0).memoryTotalMb()).isEqualTo(24564);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NvidiaSmi.parse("0, A100, 13\n")).hasMessageContaining("expected 9");
    }
}
