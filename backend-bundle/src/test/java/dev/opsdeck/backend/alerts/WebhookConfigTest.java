package dev.opsdeck.backend.alerts;

import dev.opsdeck.backend.api.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookConfigTest {
    @Test
    void theOwnVariableWinsAndTheEdgeNotesNameIsTheAlias() {
        assertThat(AlertsModule.webhookUrl("https://a.example/hook", "https://b.example/hook")).hasHost("a.example");
        assertThat(AlertsModule.webhookUrl(null, "https://b.example/hook")).hasHost("b.example");
        assertThat(AlertsModule.webhookUrl(" ", "")).isNull();
    }

    @Test
    void aBadUrlStopsStartupNamingTheVariable() {
        assertThatThrownBy(() -> AlertsModule.webhookUrl(null, "ftp://b.example/hook"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SECURITY_ALERT_WEBHOOK_URL");
        assertThatThrownBy(() -> AlertsModule.webhookUrl("not a url", null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OPSDECK_ALERT_WEBHOOK_URL");
    }
}
