package dev.opsdeck.console.chain;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.ManualUiExecutor;
import dev.opsdeck.console.fx.Resources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointViewModelTest {
    private final FakeChainApi api = new FakeChainApi();
    private final CheckpointViewModel vm = new CheckpointViewModel(api, new ManualUiExecutor(), new Resources()::text);

    @Test
    void aValidLogIsVerifiedUpToTheCheckpointEntry() {
        api.answer("verify", "{'valid':true,'checkpoint':{'id':1,'audit_entry_id':42},'signature_valid':true,"
                + "'published_on_chain':false,'entries_checked':45,'broken_at':null,'reason':null,'uncovered_entries':3}");
        vm.verify();

        assertThat(vm.getResult()).startsWith("Verified up to entry 42: 45 entries checked")
                .contains("3 newer entries").contains("not yet seen on chain");
        assertThat(vm.getOutcome()).isEqualTo(CheckpointViewModel.Outcome.OK);
    }

    @Test
    void aBrokenLogSaysExactlyWhereItBreaks() {
        api.answer("verify", "{'valid':false,'checkpoint':{'audit_entry_id':42},'signature_valid':true,'published_on_chain':true,"
                + "'entries_checked':6,'broken_at':7,'reason':'entry 7 hash does not match its content','uncovered_entries':0}");
        vm.verify();

        assertThat(vm.getResult()).isEqualTo("Breaks at entry 7: entry 7 hash does not match its content");
        assertThat(vm.getOutcome()).isEqualTo(CheckpointViewModel.Outcome.BROKEN);
    }

    @Test
    void withoutACheckpointItSaysWhatToDo() {
        api.answer("verify", "{'valid':false,'checkpoint':null,'entries_checked':0,'broken_at':null,"
                + "'reason':'no checkpoint exists yet; create one first','uncovered_entries':0}");
        vm.verify();

        assertThat(vm.getResult()).isEqualTo("Not verified: no checkpoint exists yet; create one first");
    }

    @Test
    void signingReportsTheEntryAndRereadsTheStatus() {
        int[] refreshed = {0};
        vm.afterAction(() -> refreshed[0]++);
        api.answer("createCheckpoint", "{'id':3,'audit_entry_id':51}");
        vm.create();

        assertThat(vm.getResult()).isEqualTo("Signed a checkpoint covering audit entry 51.");
        assertThat(refreshed[0]).isEqualTo(1);

        api.fail("createCheckpoint", new ApiException(409, "the audit log is empty: nothing to checkpoint", ""));
        vm.create();
        assertThat(vm.getResult()).isEqualTo("the audit log is empty: nothing to checkpoint");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void describesTheLatestCheckpointFromTheStatus() {
        vm.status(ChainStatus.from(FakeChainApi.json(ChainStatusViewModelTest.STATUS)));
        assertThat(vm.latestProperty().get()).startsWith("Latest checkpoint covers audit entry 12").endsWith("not yet published");
    }
}
