package dev.opsdeck.backend.jobs;

import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobsSettingsTest {
    static JobsSettings settings(Map<String, String> s) {
        BackendConfig.Builder b = BackendConfig.builder();
        s.forEach(b::setting);
        return JobsSettings.from(b.build());
    }

    @Test
    void retryBackoffDoublesPerAttemptUpToTheCap() {
        JobsSettings s = settings(Map.of("JOBS_RETRY_BACKOFF_MS", "1000", "JOBS_RETRY_BACKOFF_MAX_MS", "5000"));
        assertThat(s.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(s.backoffAfter(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.backoffAfter(90)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void badValuesStopStartupNamingTheVariable() {
        assertThatThrownBy(() -> settings(Map.of("JOBS_MAX_ATTEMPTS", "0"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("JOBS_MAX_ATTEMPTS");
        assertThatThrownBy(() -> settings(Map.of("JOBS_LEASE_SECONDS", "soon"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("JOBS_LEASE_SECONDS");
    }

    @Test
    void errorSignaturesGroupTheSameFailureAcrossNumbersAndIds() {
        assertThat(ErrorSignature.of("CUDA out of memory (tried 2048 MiB on GPU 3)"))
                .isEqualTo(ErrorSignature.of("CUDA out of memory (tried 4096 MiB on GPU 1)"));
        assertThat(ErrorSignature.of("file 'a.mp4' missing\nstack...")).isEqualTo("file <v> missing");
        assertThat(ErrorSignature.of(null)).isEqualTo("unknown");
    }
}
