package dev.opsdeck.backend.ops;

import dev.opsdeck.backend.demo.chaos.ChaosUpstream;
import dev.opsdeck.backend.platform.events.EventBus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamServiceTest {
    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void afterAnOutageTheBackoffHidesTheRecoveryUntilReconnect() throws Exception {
        MutableClock clock = new MutableClock();
        try (ChaosUpstream u = ChaosUpstream.start("daemon")) {
            UpstreamService s = new UpstreamService("daemon", "127.0.0.1", u.port(), new TcpProbe(), 1000, clock, new EventBus());
            s.tick();
            assertThat(s.status().state()).isEqualTo("up");

            u.setMode(ChaosUpstream.Mode.DOWN, 0);
            clock.now = clock.now.plus(Duration.ofSeconds(16));
            s.tick();
            clock.now = clock.now.plus(Duration.ofSeconds(6));
            s.tick();
            assertThat(s.status().state()).isEqualTo("down");
            assertThat(s.status().details().get("consecutive_failures")).isEqualTo(2);

            u.setMode(ChaosUpstream.Mode.OK, 0);
            clock.now = clock.now.plus(Duration.ofSeconds(5)); // inside the 10 s backoff: no probe yet
            s.tick();
            assertThat(s.status().state()).isEqualTo("down");
            assertThat(s.reconnect().state()).isEqualTo("up");
            assertThat(s.status().details().get("consecutive_failures")).isEqualTo(0);
        }
    }

    @Test
    void grpcHealthProbeReadsServingAndNotServing() throws Exception {
        try (ChaosUpstream u = ChaosUpstream.start("grpc")) {
            GrpcHealthProbe p = new GrpcHealthProbe();
            assertThat(p.check("127.0.0.1", u.port(), 2000).detail()).isEqualTo("SERVING");
            u.setMode(ChaosUpstream.Mode.FAIL, 0);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.check("127.0.0.1", u.port(), 2000))
                    .hasMessageContaining("NOT_SERVING");
            assertThat(u.requests()).isEqualTo(2);
        }
    }
}
