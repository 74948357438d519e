package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.ManualUiExecutor;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.live.LiveEvents;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class ChainViewModelTest {
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final FakeChainApi api = new FakeChainApi()
            .answer("status", ChainStatusViewModelTest.STATUS)
            .answer("events", "{'events':[]}")
            .answer("validators", "{'validators':0,'active_validators':0,'total_staked':0,'list':[]}")
            .answer("contracts", "{'network':'devnet','chain_id':'0x4f','contracts':[]}")
            .answer("devnet", "{'head_block':310}")
            .answer("reorgs", "{'reorgs':[],'total':0}");
    private final List<String> topics = new ArrayList<>();
    private Consumer<List<JsonNode>> listener;
    private boolean closed;
    private final LiveEvents live = (topic, onUi) -> {
        topics.add(topic);
        listener = onUi;
        return () -> closed = true;
    };
    private final ChainViewModel vm = new ChainViewModel(api, ui, Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC),
            live, new Resources()::text);

    @Test
    void aLiveReorgIsListedMarkedAndMakesThePageReread() {
        List<Reorg> marked = new ArrayList<>();
        vm.onReorg(marked::add);
        vm.shown();
        assertThat(topics).containsExactly("chain");
        assertThat(vm.providers().providers()).extracting(Provider::name).containsExactly("starknet-rpc-0");
        assertThat(vm.chaos().availableProperty().get()).isTrue();
        api.calls.clear();

        listener.accept(List.of(FakeChainApi.json("{'type':'chain.reorg','topic':'chain','ts':'2026-11-23T11:59:58Z',"
                + "'data':{'old_tip':303,'fork_block':299,'depth':4,'orphaned_events':9}}")));

        Reorg r = new Reorg(Instant.parse("2026-11-23T11:59:58Z"), 303, 299, 4, 9);
        assertThat(vm.reorgs().reorgs()).containsExactly(r);
        assertThat(marked).containsExactly(r);
        assertThat(api.calls).contains("status", "events limit=200");

        vm.hidden();
        assertThat(closed).isTrue();
    }

    @Test
    void recordedReorgsAreListedAndMarkedOnceEvenWhenTheLiveEventArrivesToo() {
        api.answer("reorgs", "{'total':2,'reorgs':["
                + "{'id':2,'detected_at':'2026-11-23T11:59:58.100Z','old_tip':303,'fork_block':299,'depth':4,'orphaned_events':9},"
                + "{'id':1,'detected_at':'2026-11-23T10:00:00Z','old_tip':120,'fork_block':119,'depth':1,'orphaned_events':2}]}");
        List<Reorg> marked = new ArrayList<>();
        vm.onReorg(marked::add);
        vm.shown();

        assertThat(vm.reorgs().reorgs()).extracting(Reorg::forkBlock).containsExactly(299L, 119L);
        assertThat(marked).hasSize(2);
        assertThat(vm.reorgs().totalProperty().get()).isEqualTo(2);

        // The live event of the newest one (published a moment after it was recorded) adds nothing.
        listener.accept(List.of(FakeChainApi.json("{'type':'chain.reorg','topic':'chain','ts':'2026-11-23T11:59:58.300Z',"
                + "'data':{'old_tip':303,'fork_block':299,'depth':4,'orphaned_events':9}}")));
        assertThat(vm.reorgs().reorgs()).hasSize(2);
        assertThat(marked).hasSize(2);
        assertThat(vm.reorgs().totalProperty().get()).as("the live event of a recorded reorg is not counted again").isEqualTo(2);

        // Shown again: the record is read again, nothing is marked twice.
        vm.hidden();
        vm.shown();
        assertThat(marked).hasSize(2);
    }

    @Test
    void theTileCountsEveryRecordedReorgNotOnlyTheListedOnes() {
        api.answer("reorgs", "{'total':500,'reorgs':[{'id':500,'detected_at':'2026-11-23T11:00:00Z','old_tip':90,'fork_block':88,"
                + "'depth':2,'orphaned_events':4}]}");
        vm.shown();
        assertThat(vm.reorgs().reorgs()).hasSize(1);
        assertThat(vm.reorgs().totalProperty().get()).isEqualTo(500);
        listener.accept(List.of(FakeChainApi.json("{'type':'chain.reorg','topic':'chain','ts':'2026-11-23T11:59:58Z',"
                + "'data':{'old_tip':303,'fork_block':299,'depth':4,'orphaned_events':9}}")));
        assertThat(vm.reorgs().totalProperty().get()).isEqualTo(501);
    }

    @Test
    void aBackendWithoutAReorgRecordStillShowsLiveReorgs() {
        api.fail("reorgs", new ApiException(404, "not found", ""));
        vm.shown();
        listener.accept(List.of(FakeChainApi.json("{'type':'chain.reorg','topic':'chain','ts':'2026-11-23T11:59:58Z',"
                + "'data':{'old_tip':303,'fork_block':299,'depth':4,'orphaned_events':9}}")));
        assertThat(vm.reorgs().reorgs()).hasSize(1);
    }

    @Test
    void reconnectSendsAFreshIdempotencyKeyPerClickAndSaysTheOutcome() {
        vm.shown();
        api.answer("reconnect", "{'service':'starknet-rpc-0','action':'reconnect','status':{'state':'up','latency_ms':7.2}}");
        Provider p = vm.providers().providers().get(0);
        vm.providers().reconnect(p);
        vm.providers().reconnect(p);

        List<String> reconnects = api.calls.stream().filter(c -> c.startsWith("reconnect")).toList();
        assertThat(reconnects).hasSize(2).doesNotHaveDuplicates();
        assertThat(vm.providers().getMessage()).isEqualTo("starknet-rpc-0 reconnected: now up (7 ms)");

        api.fail("reconnect", new ApiException(403, "Forbidden: this needs the admin key.", ""));
        vm.providers().reconnect(p);
        assertThat(vm.providers().getMessage()).isEqualTo("Forbidden: this needs the admin key.");
        assertThat(vm.providers().failedProperty().get()).isTrue();
    }

    @Test
    void chaosIsOfferedOnlyWhenTheBackendHasADevnet() {
        api.fail("devnet", new ApiException(404, "not found", ""));
        vm.shown();
        assertThat(vm.chaos().availableProperty().get()).isFalse();
    }

    @Test
    void chaosReorgSaysWhereTheForkIs() {
        vm.shown();
        api.answer("reorg 3", "{'head_block':311,'fork_block':307}");
        vm.chaos().reorg();
        assertThat(vm.chaos().getMessage()).startsWith("Devnet reorganised 3 blocks from fork block 307");
    }
}
