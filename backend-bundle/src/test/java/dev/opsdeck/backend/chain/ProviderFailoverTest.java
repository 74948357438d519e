package dev.opsdeck.backend.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.chain.rpc.BlockId;
import dev.opsdeck.backend.chain.rpc.ProviderPool;
import dev.opsdeck.backend.chain.rpc.RpcProvider;
import dev.opsdeck.backend.chain.rpc.RpcUnavailableException;
import dev.opsdeck.backend.chain.rpc.StarknetClient;
import dev.opsdeck.backend.chain.rpc.StarknetRpcException;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Several providers: the pool goes around one that is down, slow or failing, and a reconnect brings it back. */
class ProviderFailoverTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private DevnetFixture primary;
    private DevnetFixture secondary;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram durations = Histogram.builder().name("blockchain_rpc_duration_seconds").labelNames("method", "provider").register(registry);

    @BeforeEach
    void start() {
        primary = new DevnetFixture(10, 2);
        secondary = new DevnetFixture(12, 2);
    }

    @AfterEach
    void stop() {
        primary.close();
        secondary.close();
    }

    private RpcProvider provider(String name, String url, long timeoutMs) {
        return new RpcProvider(name, URI.create(url), Duration.ofMillis(timeoutMs), MAPPER, durations, Clock.systemUTC());
    }

    @Test
    void anOutageOfThePrimaryFailsOverToTheNextProvider() {
        RpcProvider a = provider("starknet-rpc-0", primary.server.url(), 2000);
        RpcProvider b = provider("starknet-rpc-1", secondary.server.url(), 2000);
        StarknetClient client = new StarknetClient(new ProviderPool(List.of(a, b)), MAPPER);
        assertThat(client.blockNumber()).isEqualTo(10);

        primary.server.outage(60);
        assertThat(client.blockNumber()).isEqualTo(12);
        assertThat(a.healthy()).isFalse();
        assertThat(a.lastError()).contains("HTTP 503");
        // While the primary backs off, calls go straight to the secondary.
        long failuresBefore = a.failures();
        assertThat(client.blockNumber()).isEqualTo(12);
        assertThat(a.failures()).isEqualTo(failuresBefore);

        primary.server.endOutage();
        ProviderService service = new ProviderService(a, () -> { });
        assertThat(service.reconnect().state()).isEqualTo("up");
        assertThat(client.blockNumber()).isEqualTo(10);
        assertThat(registry.scrape().stream().filter(m -> m.getMetadata().getPrometheusName().equals("blockchain_rpc_duration_seconds")))
                .isNotEmpty();
    }

    @Test
    void aHangingProviderTimesOutAndTheNextAnswers() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    s.setSoTimeout(5_000);
                    Thread.sleep(5_000); // accepts and never answers
                } catch (IOException | InterruptedException ignored) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RpcProvider hanging = provider("starknet-rpc-0", "http://127.0.0.1:" + silent.getLocalPort() + "/rpc", 300);
            RpcProvider b = provider("starknet-rpc-1", secondary.server.url(), 2000);
            StarknetClient client = new StarknetClient(new ProviderPool(List.of(hanging, b)), MAPPER);
            long t0 = System.nanoTime();
            assertThat(client.blockNumber()).isEqualTo(12);
            assertThat((System.nanoTime() - t0) / 1e6).isLessThan(3000);
            assertThat(hanging.lastError()).contains("timed out");
        }
    }

    @Test
    void specErrorsAreAnswersNotOutagesAndNamedClearly() {
        RpcProvider a = provider("starknet-rpc-0", primary.server.url(), 2000);
        RpcProvider b = provider("starknet-rpc-1", secondary.server.url(), 2000);
        StarknetClient client = new StarknetClient(new ProviderPool(List.of(a, b)), MAPPER);
        assertThatThrownBy(() -> client.blockWithTxHashes(BlockId.number(11)))
                .isInstanceOf(StarknetRpcException.class)
                .hasMessageContaining("starknet_getBlockWithTxHashes failed: BLOCK_NOT_FOUND (24)");
        assertThat(a.healthy()).isTrue();
        assertThat(b.calls()).isZero();

        primary.server.outage(60);
        secondary.server.outage(60);
        assertThatThrownBy(client::chainId).isInstanceOf(RpcUnavailableException.class)
                .hasMessageContaining("all RPC providers failed").hasMessageContaining("starknet-rpc-0").hasMessageContaining("starknet-rpc-1");
    }
}
