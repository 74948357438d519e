package dev.opsdeck.console.workers;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.ManualUiExecutor;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WorkersViewModelTest {
    private static final String THRESHOLDS = "'thresholds':{'expected_interval_seconds':10,'late_after_seconds':30,"
            + "'stale_after_seconds':90,'offline_after_seconds':300}";
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final FakeFleet.Api api = new FakeFleet.Api();
    private final FakeFleet.Live live = new FakeFleet.Live();
    private final WorkersViewModel vm = new WorkersViewModel(api, ui, live, new WorkerDetailViewModel(api, ui));

    private static String worker(String id, String state, double util) {
        return "{'worker_id':'" + id + "','state':'" + state + "','hostname':'host-" + id + "','heartbeat_age_seconds':4.2,"
                + "'uptime_24h_percent':99.5,'gpu_count':4,'avg_gpu_utilization_percent':" + util + ",'max_gpu_temperature_c':71.0,"
                + "'gpu_power_watts':1200.5,'total_rewards':'12.5'}";
    }

    private void answer(String items, String departed) {
        api.answer(WorkersViewModel.PATH, "{'items':[" + items + "],'total':3,'recently_departed':[" + departed + "],"
                + "'recently_departed_window_hours':24," + THRESHOLDS + "}");
    }

    @Test
    void refreshUpdatesRowsInPlaceByIdSoSelectionAndScrollSurvive() {
        answer(worker("w1", "online", 50) + "," + worker("w2", "late", 60), "");
        vm.activate();
        WorkerRow w1 = vm.allRows().get(0);
        assertThat(vm.allRows()).extracting(WorkerRow::getId).containsExactly("w1", "w2");
        assertThat(w1.rewardsProperty().get()).isEqualByComparingTo(new BigDecimal("12.5"));
        assertThat(vm.thresholdsProperty().get()).isEqualTo(new Thresholds(10, 30, 90, 300));

        answer(worker("w1", "stale", 75) + "," + worker("w3", "online", 10),
                "{'worker_id':'w2','hostname':'h2','last_heartbeat':'2026-11-23T08:00:00Z','gone_for_seconds':400}");
        ui.advance(WorkersViewModel.REFRESH);

        assertThat(vm.allRows()).extracting(WorkerRow::getId).containsExactly("w1", "w3");
        assertThat(vm.allRows().get(0)).as("the same row object, updated").isSameAs(w1);
        assertThat(w1.getState()).isEqualTo("stale");
        assertThat(w1.getUtilization()).isEqualTo(75.0);
        assertThat(vm.departed()).extracting(Departed::workerId).containsExactly("w2");
        assertThat(vm.departed().get(0).goneForSeconds()).isEqualTo(400);
    }

    @Test
    void filtersByTextAndState() {
        answer(worker("gpu-a", "online", 50) + "," + worker("gpu-b", "offline", 0) + "," + worker("cpu-c", "online", 5), "");
        vm.activate();
        vm.filterTextProperty().set("GPU");
        assertThat(vm.visibleRows()).extracting(WorkerRow::getId).containsExactly("gpu-a", "gpu-b");
        vm.stateFilterProperty().set("online");
        assertThat(vm.visibleRows()).extracting(WorkerRow::getId).containsExactly("gpu-a");
        vm.filterTextProperty().set("host-cpu");
        assertThat(vm.visibleRows()).extracting(WorkerRow::getId).containsExactly("cpu-c");
        vm.filterTextProperty().set("");
        vm.stateFilterProperty().set("");
        assertThat(vm.visibleRows()).hasSize(3);
    }

    @Test
    void aStateChangeOnTheLiveFeedRefreshesAtOnceButSamplesDoNot() {
        answer(worker("w1", "online", 50), "");
        vm.activate();
        assertThat(api.count(WorkersViewModel.PATH)).isEqualTo(1);

        live.push("workers", "{'type':'gpu.samples','data':{'latest':[]}}");
        assertThat(api.count(WorkersViewModel.PATH)).isEqualTo(1);
        live.push("workers", "{'type':'worker.state_changed','data':{'worker_id':'w1','from':'online','to':'late'}}");
        live.push("workers", "{'type':'worker.joined','data':{'worker_id':'w2'}}");
        ui.advance(WorkersViewModel.SOON);
        assertThat(api.count(WorkersViewModel.PATH)).as("one read for the burst, well before the next poll").isEqualTo(2);

        vm.deactivate();
        assertThat(live.listeners).isEmpty();
        ui.advance(Duration.ofMinutes(1));
        assertThat(api.count(WorkersViewModel.PATH)).as("no polling while hidden").isEqualTo(2);
    }

    @Test
    void aFailedRefreshSaysWhyAndKeepsTheLastRows() {
        answer(worker("w1", "online", 50), "");
        vm.activate();
        api.failure = new ApiException(429, "Too many requests: the backend asks to wait 3 s.", "");
        ui.advance(WorkersViewModel.REFRESH);
        assertThat(vm.getError()).isEqualTo("Too many requests: the backend asks to wait 3 s.");
        assertThat(vm.allRows()).hasSize(1);

        api.failure = null;
        ui.advance(Duration.ofSeconds(20));
        assertThat(vm.getError()).isEmpty();
    }
}
