package dev.opsdeck.backend.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two coordinators on one PostgreSQL: exactly one evaluates and notifies, the other shows its alerts, and when
 * the evaluator stops the other takes over without announcing a firing alert a second time.
 */
class TwoCoordinatorsTest {

    @Test
    void oneEvaluatesTheOtherMirrorsAndTakesOverWhenTheFirstStops() {
        try (WebhookReceiver receiver = new WebhookReceiver();
             TestBackend first = TestBackend.start(Store.POSTGRESQL, Map.of("OPSDECK_ALERT_WEBHOOK_URL", receiver.url().toString(),
                     "ALERT_EVAL_INTERVAL_SECONDS", "3600"))) {
            TestBackend second = TestBackend.start(Store.H2, Map.of("DATABASE_URL", first.jdbcUrl(),
                    "OPSDECK_ALERT_WEBHOOK_URL", receiver.url().toString(), "ALERT_EVAL_INTERVAL_SECONDS", "3600"));
            try {
                TestBackend.Reply created = first.admin("POST", "/admin/alerts/rules", "{\"name\":\"Shared\","
                        + "\"expr\":\"sum(dashboard_requests_total) > 0\",\"for\":\"0s\",\"summary\":\"requests were served\"}");
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                assertThat(first.admin("POST", "/admin/alerts/evaluate", null).status()).isEqualTo(200);
                assertThat(receiver.nextFor("Shared").path("status").asText()).isEqualTo("firing");

                TestBackend.Reply refused = second.admin("POST", "/admin/alerts/evaluate", null);
                assertThat(refused.status()).isEqualTo(409);
                assertThat(refused.json().path("error").asText()).isEqualTo("not_evaluator");
                JsonNode mirrored = second.admin("GET", "/admin/alerts", null).json().path("firing");
                assertThat(mirrored.findValuesAsText("rule_name")).contains("Shared");

                first.backend().stop(); // its session ends, and with it the lock
                assertThat(second.admin("POST", "/admin/alerts/evaluate", null).status()).isEqualTo(200);
                assertThat(second.admin("GET", "/admin/alerts", null).json().path("firing").findValuesAsText("rule_name")).contains("Shared");
                assertThat(receiver.receivedFor("Shared")).as("the alert was announced once, by the first coordinator").isEmpty();

                TestBackend.Reply off = second.admin("POST", "/admin/alerts/rules/Shared/toggle", "{\"enabled\":false}");
                assertThat(off.json().path("resolved_alerts")).hasSize(1);
                assertThat(receiver.nextFor("Shared").path("status").asText()).isEqualTo("resolved");
            } finally {
                second.close();
            }
        }
    }
}
