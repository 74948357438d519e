package dev.opsdeck.console.ops;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.ManualUiExecutor;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServicesViewModelTest {
    private final FakeOpsApi api = new FakeOpsApi();
    private final ServicesViewModel vm = new ServicesViewModel(api, new ManualUiExecutor(), OpsTestText.text(), new ActionKeys());

    @Test
    void anActionReportsTheStateAfterAndRefreshesTheTable() {
        api.afterAction = new ServiceInfo("arkd", "upstream", "up", 3.4, null, Instant.EPOCH, List.of("reconnect", "restart"));
        vm.act("arkd", "reconnect");
        assertThat(api.calls.get(0)).startsWith("reconnect arkd key=");
        assertThat(vm.messageProperty().get()).isEqualTo("arkd: reconnect done, now up (3 ms)");
        assertThat(vm.working()).isEmpty();
        assertThat(vm.services()).extracting(ServiceInfo::name).containsExactly("arkd");
    }

    @Test
    void aServiceStillDownAfterAReconnectIsAnErrorWithItsReason() {
        api.afterAction = new ServiceInfo("tapd", "upstream", "down", null, "connection refused", Instant.EPOCH, List.of("reconnect"));
        vm.act("tapd", "reconnect");
        assertThat(vm.errorProperty().get()).isEqualTo("tapd: reconnect done, now down: connection refused");
    }

    @Test
    void aRefusedActionIsShownInTheBackendsWords() {
        api.failNext = new ApiException(409, "database does not support stop", "");
        vm.act("database", "stop");
        assertThat(vm.errorProperty().get()).isEqualTo("database: stop failed: database does not support stop");
        assertThat(vm.working()).isEmpty();
    }

    @Test
    void chaosIsOfferedOnlyWhereTheBackendHasIt() {
        vm.activate();
        assertThat(vm.chaosServices()).containsExactly("arkd");
        vm.chaos("arkd", "down");
        assertThat(api.calls).contains("chaos arkd down");
        assertThat(vm.messageProperty().get()).startsWith("Demo upstream arkd is now down");
        vm.deactivate();
    }
}
