package dev.opsdeck.backend.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/auth/whoami} over real HTTP: each kind of credential is named with its role, an unknown one is
 * answered (not refused) as anonymous with the reason, and no answer ever carries the token itself.
 */
@ParameterizedClass
@EnumSource(Store.class)
class WhoAmITest {
    @Parameter
    Store store;

    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) {
        backend = TestBackend.start(store, Generous.limits(Map.of("DASHBOARD_PUBLIC", "false")));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    @Test
    void theAdminKeyIsAdminWhetherSentAsHeaderOrBearer() {
        JsonNode header = whoami("X-Admin-Key", TestBackend.ADMIN_KEY);
        assertThat(header.path("role").asText()).isEqualTo("admin");
        assertThat(header.path("name").asText()).isEqualTo("admin:" + TokenRegistry.fingerprint(TestBackend.ADMIN_KEY));
        assertThat(header.path("credentials_accepted").asBoolean()).isTrue();
        assertThat(whoami("Authorization", "Bearer " + TestBackend.ADMIN_KEY).path("role").asText()).isEqualTo("admin");
    }

    @Test
    void viewerAndWorkerTokensAreNamedByKindAndFingerprint() {
        JsonNode viewer = whoami("Authorization", "Bearer " + TestBackend.VIEWER_TOKEN);
        assertThat(viewer.path("role").asText()).isEqualTo("viewer");
        assertThat(viewer.path("name").asText()).isEqualTo("viewer:" + TokenRegistry.fingerprint(TestBackend.VIEWER_TOKEN));
        assertThat(viewer.path("dashboards_public").asBoolean()).isFalse();

        JsonNode worker = whoami("Authorization", "Bearer " + TestBackend.API_TOKEN);
        assertThat(worker.path("role").asText()).isEqualTo("worker");
        assertThat(worker.path("name").asText()).startsWith("api:");
    }

    @Test
    void noCredentialIsAnonymous() {
        TestBackend.Reply reply = backend.get(WhoAmIRoutes.PATH);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("role").asText()).isEqualTo("anonymous");
        assertThat(reply.json().path("name").asText()).isEqualTo("anonymous");
        assertThat(reply.json().path("credentials_accepted").asBoolean()).isTrue();
        assertThat(reply.json().path("dashboards_public").isBoolean()).isTrue();
    }

    @Test
    void anUnknownCredentialIsAnsweredAsAnonymousWithTheReasonAndNeverEchoed() {
        String wrong = "not-a-configured-token-abcdef0123456789";
        for (String[] h : new String[][]{{"Authorization", "Bearer " + wrong}, {"X-Admin-Key", wrong}, {"Authorization", "Basic " + wrong}}) {
            TestBackend.Reply reply = backend.get(WhoAmIRoutes.PATH, h);
            assertThat(reply.status()).as(h[0]).isEqualTo(200);
            assertThat(reply.json().path("role").asText()).isEqualTo("anonymous");
            assertThat(reply.json().path("credentials_accepted").asBoolean()).isFalse();
            assertThat(reply.json().path("reason").asText()).isNotBlank();
            assertThat(reply.body()).doesNotContain(wrong);
        }
        // A viewer token sent as the admin key is not an admin key: refused the same way the admin routes refuse it.
        JsonNode asAdmin = whoami("X-Admin-Key", TestBackend.VIEWER_TOKEN);
        assertThat(asAdmin.path("role").asText()).isEqualTo("anonymous");
        assertThat(asAdmin.path("credentials_accepted").asBoolean()).isFalse();
    }

    @Test
    void noAnswerCarriesAToken() {
        for (String token : new String[]{TestBackend.ADMIN_KEY, TestBackend.VIEWER_TOKEN, TestBackend.API_TOKEN}) {
            assertThat(backend.get(WhoAmIRoutes.PATH, "Authorization", "Bearer " + token).body()).doesNotContain(token);
        }
        assertThat(backend.get(WhoAmIRoutes.PATH, "X-Admin-Key", TestBackend.ADMIN_KEY).body()).doesNotContain(TestBackend.ADMIN_KEY);
    }

    @Test
    void aPublicDashboardIsReported() {
        try (TestBackend open = TestBackend.start(store, Generous.limits(Map.of("DASHBOARD_PUBLIC", "true")))) {
            assertThat(open.get(WhoAmIRoutes.PATH).json().path("dashboards_public").asBoolean()).isTrue();
        }
    }

    private static JsonNode whoami(String header, String value) {
        TestBackend.Reply reply = backend.get(WhoAmIRoutes.PATH, header, value);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }
}
