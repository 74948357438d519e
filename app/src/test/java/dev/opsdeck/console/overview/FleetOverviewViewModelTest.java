package dev.opsdeck.console.overview;

import dev.opsdeck.console.fx.ManualUiExecutor;
import dev.opsdeck.console.workers.FakeFleet;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FleetOverviewViewModelTest {
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final FakeFleet.Api api = new FakeFleet.Api();
    private final FakeFleet.Live live = new FakeFleet.Live();
    private final FakeFleet.Sink sink = new FakeFleet.Sink();
    private final FleetOverviewViewModel vm = new FleetOverviewViewModel(api, ui, live);

    private void stats(String asOf, int online, int offline) {
        api.answer("/api/network/stats", "{'workers':{'online':" + online + ",'late':1,'stale':0,'offline':" + offline + ",'total':"
                + (online + 1 + offline) + "},'gpus':{'total':40,'active':36,'avg_utilization_percent':63.5,'max_temperature_c':84.0},"
                + "'hottest_gpu':{'worker_id':'w3','gpu_index':2,'temperature_c':84.0},'as_of':'" + asOf + "'}");
    }

    private void workers(double... utils) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < utils.length; i++) {
            items.append(i == 0 ? "" : ",").append("{'worker_id':'w").append(i).append("','avg_gpu_utilization_percent':").append(utils[i]).append('}');
        }
        api.answer("/api/network/workers", "{'items':[" + items + "]}");
    }

    @Test
    void tilesAndChartsComeFromTheFleetFigures() {
        stats("2026-11-23T08:00:00Z", 8, 2);
        workers(10, 90, 20, 80, 30, 70, 40);
        vm.attach(sink);
        vm.activate();

        FleetOverviewViewModel.Tiles t = vm.getTiles();
        assertThat(t.activeWorkers()).as("online and late").isEqualTo(9);
        assertThat(t.totalWorkers()).isEqualTo(11);
        assertThat(t.activeGpus()).isEqualTo(36);
        assertThat(t.utilization()).isEqualTo(63.5);
        assertThat(t.hottestWorker()).isEqualTo("w3");
        assertThat(t.hottestGpu()).isEqualTo(2);
        assertThat(t.offlineWorkers()).isEqualTo(2);

        assertThat(vm.chartedWorkers()).as("the five busiest, busiest first").containsExactly("w1", "w3", "w5", "w6", "w4");
        assertThat(sink.series).containsKeys("utilization/fleet", "active/active workers", "utilization/w1")
                .doesNotContainKey("utilization/w0");
        assertThat(sink.series.get("utilization/fleet")[1]).containsExactly(63.5);
    }

    @Test
    void liveSamplesMoveTheChartedWorkersAndAStateChangeRefreshesTheTiles() {
        stats("2026-11-23T08:00:00Z", 8, 0);
        workers(10, 90, 20, 80, 30, 70, 40);
        vm.attach(sink);
        vm.activate();
        long t = Instant.parse("2026-11-23T08:00:02Z").toEpochMilli();

        live.push("workers", "{'type':'gpu.samples','data':{'latest':["
                + "{'worker_id':'w1','gpu_index':0,'recorded_at':'2026-11-23T08:00:02Z','utilization_percent':80.0},"
                + "{'worker_id':'w1','gpu_index':1,'recorded_at':'2026-11-23T08:00:02Z','utilization_percent':100.0},"
                + "{'worker_id':'w0','gpu_index':0,'recorded_at':'2026-11-23T08:00:02Z','utilization_percent':5.0}]}}");
        assertThat(sink.added).contains("utilization/w1@" + t + "=90.0").noneMatch(a -> a.startsWith("utilization/w0"));

        stats("2026-11-23T08:00:03Z", 7, 1);
        live.push("workers", "{'type':'worker.state_changed','data':{'worker_id':'w2','from':'stale','to':'offline'}}");
        ui.advance(FleetOverviewViewModel.SOON);
        assertThat(vm.getTiles().offlineWorkers()).isEqualTo(1);
        assertThat(sink.added).contains("active/active workers@" + Instant.parse("2026-11-23T08:00:03Z").toEpochMilli() + "=8.0");
    }
}
