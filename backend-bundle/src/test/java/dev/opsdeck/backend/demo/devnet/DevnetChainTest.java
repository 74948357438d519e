package dev.opsdeck.backend.demo.devnet;

import dev.opsdeck.backend.chain.indexer.ChainEventType;
import dev.opsdeck.backend.chain.indexer.ContractRole;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevnetChainTest {
    private static DevnetChain chain(int blocks) {
        Map<ContractRole, String> contracts = new EnumMap<>(ContractRole.class);
        int i = 1;
        for (ContractRole r : ContractRole.values()) {
            contracts.put(r, "0x" + Integer.toHexString(0x1000 + i++));
        }
        DevnetChain c = new DevnetChain(contracts, 5, false, Clock.systemUTC());
        c.produce(blocks, 2);
        return c;
    }

    @Test
    void aReorgReplacesTheNewestBlocksWithALongerLinkedBranch() {
        DevnetChain c = chain(20);
        String keep = c.block(15).orElseThrow().hash();
        String replaced = c.block(16).orElseThrow().hash();
        long fork = c.reorg(5);
        assertThat(fork).isEqualTo(15);
        assertThat(c.head().number()).isEqualTo(21);
        assertThat(c.block(15).orElseThrow().hash()).isEqualTo(keep);
        assertThat(c.block(16).orElseThrow().hash()).isNotEqualTo(replaced);
        for (long n = 1; n <= c.head().number(); n++) {
            assertThat(c.block(n).orElseThrow().parentHash()).isEqualTo(c.block(n - 1).orElseThrow().hash());
        }
        assertThatThrownBy(() -> c.reorg(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventsAreReproducibleAndSubmittedEventsSurviveAReorg() {
        DevnetChain c = chain(10);
        assertThat(c.events(c.block(5).orElseThrow())).isEqualTo(c.events(c.block(5).orElseThrow()));
        String tx = c.submit(ContractRole.CHECKPOINT, List.of(ChainEventType.CHECKPOINT_PUBLISHED.selector(), "0x7"), List.of("0x1"));
        c.produce(1, 2);
        assertThat(c.events(c.head())).anyMatch(e -> e.transactionHash().equals(tx));
        c.reorg(1);
        // Orphaned with its block, then included again by the new branch, as a mempool would.
        assertThat(c.allEvents()).filteredOn(e -> e.transactionHash().equals(tx)).hasSize(1);
    }
}
