package dev.opsdeck.console.chain;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.ManualUiExecutor;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChainStatusViewModelTest {
    /** Trimmed from a real answer of the embedded demo. */
    static final String STATUS = "{'indexer':{'state':'up','latency_ms':null,'last_error':null,'details':{'running':true,"
            + "'indexed_block':301,'chain_head':304,'lag_seconds':6.0}},'indexer_enabled':true,'lag_seconds':6.0,"
            + "'state':{'chain_id':'0x4f50','last_block':301},'providers':[{'status':{'state':'up','latency_ms':101.6,"
            + "'last_error':null,'details':{'url':'http://127.0.0.1:37691','calls':281,'failures':2}},'name':'starknet-rpc-0'}],"
            + "'checkpoint':{'id':1,'audit_entry_id':12,'created_at':'2026-11-23T11:22:45Z','chain_tx_hash':null},'witness_enabled':true}";

    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final FakeChainApi api = new FakeChainApi().answer("status", STATUS);
    private final ChainStatusViewModel vm = new ChainStatusViewModel(api, ui,
            Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
    private final List<String> points = new ArrayList<>();

    @Test
    void showsHeightHeadLagAndFeedsTheCharts() {
        vm.onHeight((t, i, h, l) -> points.add(i + "/" + h + "/" + l));
        vm.start();

        assertThat(vm.getIndexedBlock()).isEqualTo(301L);
        assertThat(vm.chainHeadProperty().get()).isEqualTo(304L);
        assertThat(vm.lagSecondsProperty().get()).isEqualTo(6.0);
        ChainStatus s = vm.statusProperty().get();
        assertThat(s.providers()).containsExactly(new Provider("starknet-rpc-0", "up", 101.6, null, "http://127.0.0.1:37691", 2));
        assertThat(s.checkpointEntry()).isEqualTo(12L);
        assertThat(points).containsExactly("301/304/6.0");

        ui.advance(ChainStatusViewModel.INTERVAL);
        assertThat(api.calls).containsExactly("status", "status");
    }

    @Test
    void liveProgressMovesTheHeightBeforeTheNextPoll() {
        vm.onHeight((t, i, h, l) -> points.add(i + "/" + h));
        vm.start();
        vm.progress(FakeChainApi.json("{'type':'indexer.progress','data':{'from_block':302,'to_block':306,'events':8}}"));

        assertThat(vm.getIndexedBlock()).isEqualTo(306L);
        assertThat(vm.chainHeadProperty().get()).as("the head is at least the indexed block").isEqualTo(306L);
        assertThat(points).containsExactly("301/304", "306/306");
    }

    @Test
    void aFailedPollSaysWhyAndKeepsTheLastFigures() {
        vm.start();
        api.fail("status", new ApiException(503, "the backend is restarting", ""));
        ui.advance(ChainStatusViewModel.INTERVAL);

        assertThat(vm.getError()).isEqualTo("the backend is restarting");
        assertThat(vm.getIndexedBlock()).isEqualTo(301L);

        api.failures.clear();
        ui.advance(ChainStatusViewModel.INTERVAL.multipliedBy(2));
        assertThat(vm.getError()).isEmpty();
    }

    @Test
    void beforeTheFirstSyncTheStoredStateGivesTheHeight() {
        api.answer("status", "{'indexer':{'state':'starting','details':{'running':true}},'lag_seconds':0.0,"
                + "'state':{'last_block':250},'providers':[],'checkpoint':null,'witness_enabled':false}");
        vm.start();

        assertThat(vm.getIndexedBlock()).isEqualTo(250L);
        assertThat(vm.chainHeadProperty().get()).isNull();
    }
}
