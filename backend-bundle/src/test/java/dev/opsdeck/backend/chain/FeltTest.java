package dev.opsdeck.backend.chain;

import dev.opsdeck.backend.chain.rpc.Felt;
import dev.opsdeck.backend.chain.rpc.StarknetKeccak;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeltTest {
    @Test
    void keccakAndSelectorsMatchKnownValues() {
        assertThat(HexFormat.of().formatHex(StarknetKeccak.keccak256(new byte[0])))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        // The ERC-20 Transfer event key every StarkNet explorer shows.
        assertThat(StarknetKeccak.selector("Transfer")).isEqualTo("0x99cd8bde557814842a3121e8ddfd433a539b8c9f14bf31ebf108d12e6196e9");
        assertThat(StarknetKeccak.selector("balanceOf")).isEqualTo("0x2e4263afad30923c891518314c3c95dbe830a16874e8abc5777a9a20b54c76e");
    }

    @Test
    void feltsAreNormalisedAndCheckedAgainstTheSpecForm() {
        assertThat(Felt.of("0x000ABC")).isEqualTo("0xabc");
        assertThat(Felt.isSpecForm("0x0")).isTrue();
        assertThat(Felt.isSpecForm("0x0abc")).isFalse();
        assertThat(Felt.isSpecForm("0xabg")).isFalse();
        assertThat(Felt.isSpecForm("0x" + "f".repeat(64))).isFalse();
        assertThatThrownBy(() -> Felt.of("12")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Felt.of("0x" + "f".repeat(64))).hasMessageContaining("prime");
        BigInteger v = BigInteger.TWO.pow(200).add(BigInteger.valueOf(7));
        String[] halves = Felt.toU256(v);
        assertThat(Felt.u256(halves[0], halves[1])).isEqualTo(v);
    }
}
