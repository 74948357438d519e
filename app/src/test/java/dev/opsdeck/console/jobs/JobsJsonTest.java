package dev.opsdeck.console.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.jobs.JobModels.JobDetail;
import dev.opsdeck.console.jobs.JobModels.Statistics;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JobsJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void readsAJobDetailAsTheBackendWritesIt() throws Exception {
        JobDetail d = JobsJson.detail(mapper.readTree("""
                {"job_id":"j1","job_type":"transcode","queue":"default","status":"dead","priority":0,"worker_id":"w1",
                 "worker_gpu_model":"NVIDIA A10","gpu_count":1,"gpu_model":null,"attempts":3,"max_attempts":3,
                 "submitted_at":"2026-11-23T10:00:00Z","started_at":"2026-11-23T10:00:02Z","completed_at":"2026-11-23T10:01:00Z",
                 "last_error":"ffmpeg exited with status 234","error_signature":"ffmpeg exited with status #",
                 "submitted_by":"api","queue_wait_ms":2000,"run_ms":58000,
                 "attempt_history":[{"attempt":1,"worker_id":"w1","gpu_model":"NVIDIA A10","claimed_at":"2026-11-23T10:00:02Z",
                   "finished_at":"2026-11-23T10:00:05Z","duration_ms":3000,"outcome":"failed","error":"ffmpeg exited"}]}
                """));
        assertThat(d.job().status()).isEqualTo("dead");
        assertThat(d.job().gpuModel()).isEqualTo("NVIDIA A10");
        assertThat(d.job().retryable()).isTrue();
        assertThat(d.job().cancellable()).isFalse();
        assertThat(d.startedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:02Z"));
        assertThat(d.attempts()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo("failed");
            assertThat(a.durationMs()).isEqualTo(3000L);
        });
    }

    @Test
    void readsStatisticsPerTypeWithNullPercentilesForTypesThatNeverCompleted() throws Exception {
        Statistics s = JobsJson.statistics(mapper.readTree("""
                {"window_hours":1,"bucket_minutes":1,"throughput_per_minute":2.5,"failure_rate":0.1,
                 "failure_rate_by_type":{"transcode":{"finished":10,"failed":4,"failure_rate":0.4}},
                 "durations_ms_by_type":{"inference":{"count":3,"p50":900,"p95":1500,"p99":1500,"max":1500}},
                 "series":[{"start":"2026-11-23T10:00:00Z","finished":5,"completed":4}]}
                """));
        assertThat(s.types()).extracting(JobModels.TypeStats::jobType).containsExactly("inference", "transcode");
        assertThat(s.types().get(1).p50()).isNull();
        assertThat(s.types().get(1).failureRate()).isEqualTo(0.4);
        assertThat(s.types().get(0).p95()).isEqualTo(1500L);
        assertThat(s.series()).singleElement().extracting(JobModels.Bucket::completed).isEqualTo(4L);
    }

    @Test
    void readsPayoutsPerWorkerWithTheirLastPayoutTime() throws Exception {
        var p = JobsJson.payouts(mapper.readTree("""
                {"workers":[{"worker_id":"w1","workloads":2,"total_eth":"0.00013","paid_eth":"0","workload_minutes":1.5,
                  "last_payout_at":"2026-11-23T10:00:00Z"}],"dry_run":true}
                """));
        assertThat(p).singleElement().satisfies(w -> {
            assertThat(w.totalEth()).isEqualTo("0.00013");
            assertThat(w.lastAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        });
    }

    @Test
    void queryLeavesOutBlankFiltersAndEncodesValues() {
        assertThat(JobsJson.query(new java.util.LinkedHashMap<>(Map.of("status", "")))).isEmpty();
        var q = new java.util.LinkedHashMap<String, String>();
        q.put("status", "dead");
        q.put("worker_id", "rack 1/w&2");
        q.put("job_type", " ");
        assertThat(JobsJson.query(q)).isEqualTo("?status=dead&worker_id=rack+1%2Fw%262");
    }

    @Test
    void formatsDurationsAndIntervalsShort() {
        assertThat(Format.duration(850L)).isEqualTo("850 ms");
        assertThat(Format.duration(12_400L)).isEqualTo("12.4 s");
        assertThat(Format.duration(185_000L)).isEqualTo("3 min 05 s");
        assertThat(Format.duration(null)).isEqualTo(Format.NONE);
        assertThat(Format.interval(3600)).isEqualTo("1 h");
        assertThat(Format.interval(90)).isEqualTo("90 s");
    }
}
