package dev.opsdeck.console.status;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconnectPolicyTest {

    @Test
    void healthyBackendIsProbedEveryTwoSeconds() {
        assertThat(ReconnectPolicy.DEFAULT.delayAfter(0)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void failuresBackOffExponentiallyUpToThirtySeconds() {
        ReconnectPolicy p = ReconnectPolicy.DEFAULT;
        assertThat(p.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.delayAfter(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.delayAfter(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(p.delayAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.delayAfter(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ZERO, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(5), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
