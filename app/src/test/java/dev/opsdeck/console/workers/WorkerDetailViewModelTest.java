package dev.opsdeck.console.workers;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.ManualUiExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerDetailViewModelTest {
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final FakeFleet.Api api = new FakeFleet.Api();
    private final FakeFleet.Sink sink = new FakeFleet.Sink();
    private long now = 1_000_000;
    private final WorkerDetailViewModel vm = new WorkerDetailViewModel(api, ui, () -> now);

    @BeforeEach
    void answers() {
        api.answer("/api/validator/history?kind=gpu", "{'kind':'gpu','resolution':'raw','truncated':false,'series':["
                + "{'gpu_index':0,'points':["
                + "{'t':'2026-11-23T08:00:00Z','samples':1,'utilization_percent':50.0,'temperature_c':60.0,'memory_used_mb':1000.0,'power_watts':200.0},"
                + "{'t':'2026-11-23T08:00:05Z','samples':1,'utilization_percent':55.0,'temperature_c':61.0,'memory_used_mb':null,'power_watts':210.0}]},"
                + "{'gpu_index':1,'points':[{'t':'2026-11-23T08:00:00Z','samples':1,'utilization_percent':90.0,'temperature_c':80.0,"
                + "'memory_used_mb':2000.0,'power_watts':300.0}]}],"
                + "'events':[{'id':7,'worker_id':'w1','gpu_index':1,'kind':'xid','code':79,'message':'GPU has fallen off the bus',"
                + "'occurred_at':'2026-11-23T08:00:03Z'}]}");
        api.answer("/api/validator/history?kind=heartbeats", "{'kind':'heartbeats','late_after_seconds':30,'heartbeats':["
                + "{'at':'2026-11-23T07:58:00Z','boot_id':'a'},{'at':'2026-11-23T07:58:10Z','boot_id':'a'},"
                + "{'at':'2026-11-23T07:59:50Z','boot_id':'b'}],"
                + "'gaps':[{'from':'2026-11-23T07:58:10Z','to':'2026-11-23T07:59:50Z','seconds':100,'restarted':true}]}");
        api.answer("/api/validator/rewards", "{'items':[{'id':1,'worker_id':'w1','amount':'12.5','token':'SAGE','tx_hash':null,"
                + "'status':'pending','claimed_at':'2026-11-22T10:00:00Z'}],'total':1,'claimed_amount':'12.5','pending_amount':'12.5'}");
        api.answer("/api/validator/gpus", "{'items':[{'worker_id':'w1','gpu_index':1,'model':'RTX 4090','temperature_c':80.0,"
                + "'ecc_sbe_count':3,'ecc_dbe_count':1,'errors_1h':{'xid':1,'ecc_dbe':0},'errors_24h':{'xid':2,'ecc_dbe':1}}]}");
        vm.attach(sink);
    }

    @Test
    void selectingAWorkerChartsEachGpuAndListsHeartbeatsRewardsAndErrors() {
        vm.select("w1");

        assertThat(api.calls).anyMatch(c -> c.equals("/api/validator/history?kind=gpu&worker=w1&range=1h&resolution=auto"));
        assertThat(sink.window).isEqualTo(Duration.ofHours(1));
        assertThat(sink.series.get("utilization/GPU 0")[1]).containsExactly(50.0, 55.0);
        assertThat(sink.series.get("memory/GPU 0")[1]).as("a missing value is no point, not 0").containsExactly(1000.0);
        assertThat(sink.series.get("temperature/GPU 1")[1]).containsExactly(80.0);
        assertThat(sink.series.get("heartbeat/interval")[1]).containsExactly(10.0, 100.0);

        WorkerDetail d = vm.getData();
        assertThat(d.resolution()).isEqualTo("raw");
        assertThat(d.gaps()).singleElement().satisfies(g -> {
            assertThat(g.seconds()).isEqualTo(100);
            assertThat(g.restarted()).isTrue();
        });
        assertThat(d.claims()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("pending"));
        assertThat(d.pendingAmount()).isEqualTo("12.5");
        assertThat(d.gpus()).singleElement().satisfies(g -> {
            assertThat(g.xid24h()).isEqualTo(2);
            assertThat(g.eccDbe()).isEqualTo(1);
        });
        assertThat(d.events()).singleElement().satisfies(e -> {
            assertThat(e.gpu()).isEqualTo(1);
            assertThat(e.code()).isEqualTo(79);
            assertThat(e.at()).isEqualTo(Instant.parse("2026-11-23T08:00:03Z"));
        });
    }

    @Test
    void changingTheRangeReadsAgainWithTheNewRangeAndResolution() {
        vm.select("w1");
        vm.rangeProperty().set("24h");
        vm.resolutionProperty().set("1m");
        assertThat(api.calls).contains("/api/validator/history?kind=gpu&worker=w1&range=24h&resolution=1m",
                "/api/validator/history?kind=heartbeats&worker=w1&range=24h");
        assertThat(sink.window).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void liveSamplesOfTheShownWorkerExtendItsRawCharts() {
        vm.select("w1");
        vm.onSamples(java.util.List.of(
                FakeFleet.json("{'worker_id':'w1','gpu_index':0,'recorded_at':'2026-11-23T08:00:10Z','utilization_percent':70.0,"
                        + "'temperature_c':65.0,'power_watts':250.0,'memory_used_mb':1500.0}"),
                FakeFleet.json("{'worker_id':'w2','gpu_index':0,'recorded_at':'2026-11-23T08:00:10Z','utilization_percent':10.0}")));
        long t = Instant.parse("2026-11-23T08:00:10Z").toEpochMilli();
        assertThat(sink.added).containsExactly("utilization/GPU 0@" + t + "=70.0", "temperature/GPU 0@" + t + "=65.0",
                "memory/GPU 0@" + t + "=1500.0", "power/GPU 0@" + t + "=250.0");
    }

    @Test
    void aRefusedRangeIsShownInWordsAndNothingIsCharted() {
        vm.select("w1");
        api.failure = new ApiException(400, "resolution: raw is available for ranges up to 6h; use 1m or 1h (or auto)", "resolution");
        vm.rangeProperty().set("7d");
        assertThat(vm.getError()).contains("raw is available for ranges up to 6h");
        assertThat(vm.getData()).isNull();
        assertThat(sink.series).isEmpty();
        assertThat(vm.loadingProperty().get()).isFalse();
    }

    @Test
    void anEventOfTheShownWorkerReadsItsTimelineClaimsAndErrorsAgainWithoutClearingTheCharts() {
        vm.select("w1");
        long gpuReads = api.count("/api/validator/history?kind=gpu");
        api.answer("/api/validator/rewards", "{'items':[{'id':2,'worker_id':'w1','amount':'3','token':'SAGE','tx_hash':'0xabc',"
                + "'status':'confirmed','claimed_at':'2026-11-23T08:01:00Z'},{'id':1,'worker_id':'w1','amount':'12.5','token':'SAGE',"
                + "'tx_hash':null,'status':'pending','claimed_at':'2026-11-22T10:00:00Z'}],'total':2,'claimed_amount':'15.5','pending_amount':'12.5'}");

        vm.onWorkerEvent("w2");
        assertThat(vm.getData().claims()).as("another worker's event reads nothing").hasSize(1);
        vm.onWorkerEvent("w1");

        assertThat(vm.getData().claims()).extracting(WorkerDetail.Claim::status).containsExactly("confirmed", "pending");
        assertThat(vm.getData().claimedAmount()).isEqualTo("15.5");
        assertThat(api.count("/api/validator/history?kind=gpu")).as("the GPU history is not read again").isEqualTo(gpuReads);
        assertThat(sink.series.get("utilization/GPU 0")[1]).as("the charts stay").containsExactly(50.0, 55.0);
        assertThat(sink.series.get("heartbeat/interval")[1]).containsExactly(10.0, 100.0);
    }

    @Test
    void aLiveGpuErrorOfTheShownWorkerJoinsItsListAndItsCountsAreReadAgain() {
        vm.select("w1");
        long gpuReads = api.count("/api/validator/history?kind=gpu");
        long countReads = api.count("/api/validator/gpus");

        vm.onGpuError(FakeFleet.json("{'worker_id':'w2','gpu_index':0,'kind':'xid','code':13,'message':'other worker',"
                + "'occurred_at':'2026-11-23T08:00:09Z'}"));
        assertThat(vm.getData().events()).hasSize(1);
        vm.onGpuError(FakeFleet.json("{'worker_id':'w1','gpu_index':0,'kind':'xid','code':48,'message':'double-bit ECC error',"
                + "'occurred_at':'2026-11-23T08:00:09Z'}"));

        assertThat(vm.getData().events()).extracting(WorkerDetail.ErrorEvent::code).containsExactly(48L, 79L);
        assertThat(api.count("/api/validator/gpus")).as("the error counts are read again").isEqualTo(countReads + 1);
        assertThat(api.count("/api/validator/history?kind=gpu")).as("the GPU history is not read again").isEqualTo(gpuReads);
        assertThat(vm.getData().series()).as("the charted history stays").hasSize(2);
    }

    @Test
    void thePollTickRereadsTheTimelineOnlyOnceItIsStale() {
        vm.select("w1");
        long reads = api.count("/api/validator/history?kind=heartbeats");
        now += WorkerDetailViewModel.SIDE_REFRESH.toMillis() - 1;
        vm.tick();
        assertThat(api.count("/api/validator/history?kind=heartbeats")).isEqualTo(reads);
        now += 1;
        vm.tick();
        assertThat(api.count("/api/validator/history?kind=heartbeats")).isEqualTo(reads + 1);
        vm.tick();
        assertThat(api.count("/api/validator/history?kind=heartbeats")).as("read just now").isEqualTo(reads + 1);
    }
}
