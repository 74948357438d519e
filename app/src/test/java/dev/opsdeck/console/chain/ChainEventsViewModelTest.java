package dev.opsdeck.console.chain;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.ManualUiExecutor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChainEventsViewModelTest {
    private static final String STAKING = "0x3287a0af5ab2d74fbf968204ce2291adde008d645d42bc363cb741ebfa941b";
    private static final String JOBS = "0x355b8c5e9dd3310a3c361559b53cfcfdc20b2bf7d5bd87a84a83389b8cbb8d3";

    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final FakeChainApi api = new FakeChainApi();
    private final ChainEventsViewModel vm = new ChainEventsViewModel(api, ui);

    private static String event(long id, String contract, String type) {
        return "{'id':" + id + ",'block_number':" + (100 + id) + ",'contract_address':'" + contract + "','event_type':'" + type
                + "','transaction_hash':'0xabc" + id + "','block_time':'2026-11-23T11:22:43Z','subject':null,'amount':3009.5}";
    }

    private static String events(String... e) {
        return "{'events':[" + String.join(",", e) + "]}";
    }

    @Test
    void countsTheNewestEventsPerContractAndType() {
        api.answer("events", events(event(3, STAKING, "Staked"), event(2, STAKING, "Staked"), event(1, JOBS, "JobSubmitted")));
        vm.contracts(List.of(new ContractRow("prover_staking", "V", STAKING, List.of())));
        vm.start();

        assertThat(vm.events()).extracting(ChainEvent::id).containsExactly(3L, 2L, 1L);
        assertThat(vm.counts()).containsExactly(new EventCount("prover_staking", "Staked", 2), new EventCount(JOBS, "JobSubmitted", 1));
        assertThat(api.calls).containsExactly("events limit=200", "events limit=" + ChainEventsViewModel.COUNT_WINDOW);
    }

    @Test
    void aFilterNamingAContractSendsItsAddressAndTheFilterStaysForRefreshes() {
        api.answer("events", events());
        vm.contracts(List.of(new ContractRow("prover_staking", "V", STAKING, List.of())));
        vm.start();
        vm.contractProperty().set("prover_staking");
        vm.typeProperty().set("Staked");
        vm.subjectProperty().set("0x5a9e");
        vm.apply();

        String filtered = "events contract=" + STAKING + "&type=Staked&subject=0x5a9e&limit=200";
        assertThat(api.calls).contains(filtered);
        vm.typeProperty().set("Unstaked"); // typed, not applied: the periodic refresh keeps the applied filter
        api.calls.clear();
        ui.advance(ChainEventsViewModel.INTERVAL);
        assertThat(api.calls).startsWith(filtered);

        vm.clearFilter();
        assertThat(api.calls).contains("events limit=200");
    }

    @Test
    void aRefreshUpdatesRowsInPlaceKeepingThoseThatStay() {
        api.answer("events", events(event(2, STAKING, "Staked"), event(1, JOBS, "JobSubmitted")));
        vm.start();
        ChainEvent kept = vm.events().get(0);

        api.answer("events", events(event(4, JOBS, "JobCompleted"), event(2, STAKING, "Staked")));
        ui.advance(ChainEventsViewModel.INTERVAL);

        assertThat(vm.events()).extracting(ChainEvent::id).containsExactly(4L, 2L);
        assertThat(vm.events().get(1)).isSameAs(kept);
    }

    @Test
    void aRejectedFilterIsShownInTheBackendsWords() {
        api.answer("events", events());
        vm.start();
        vm.contractProperty().set("nope");
        api.fail("events contract=nope&limit=200", new ApiException(400, "contract: must be a hex address such as 0x3287a0af...", "contract"));
        vm.apply();

        assertThat(vm.errorProperty().get()).startsWith("contract: must be a hex address");
    }
}
