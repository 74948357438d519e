package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.http.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer's bound: a full queue refuses at once with a 503 the client can retry, instead of queueing without end. */
class IngestWriterTest {
    @Test
    void aFullQueueRefusesWithA503() {
        WorkerSettings d = WorkerSettings.defaults();
        WorkerSettings small = new WorkerSettings(d.heartbeatInterval(), d.lateAfter(), d.staleAfter(), d.offlineAfter(), d.departedWindow(),
                d.rawRetention(), d.minuteRetention(), d.hourRetention(), d.rollupEvery(), d.sweepEvery(), d.uptimeRefresh(), 100, d.ingestBatchRows(), d.latestSaveEvery());
        // Not started: nothing drains the queue, as when the store stalls.
        IngestWriter writer = new IngestWriter(null, new FleetCache(), small, (b, s, e) -> { });
        List<GpuMetricsRequest.Sample> one = List.of(new GpuMetricsRequest.Sample(0, null, 1, null, null, null, null, null, null, null, List.of()));
        for (int i = 0; i < 100; i++) {
            assertThat(writer.metrics("w", Instant.now(), one).isDone()).isFalse();
        }
        CompletableFuture<IngestResults.Metrics> refused = writer.metrics("w", Instant.now(), one);
        assertThat(writer.queued()).isEqualTo(100);
        assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo("ingest_overloaded");
                });
    }
}
