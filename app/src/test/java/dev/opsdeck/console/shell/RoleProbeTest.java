package dev.opsdeck.console.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the console makes of the backend's whoami answer. */
class RoleProbeTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eachBackendRoleMapsToWhatTheConsoleMayOffer() throws Exception {
        assertThat(RoleProbe.role(json.readTree("{\"role\":\"admin\",\"name\":\"admin:1\"}"))).isEqualTo(Role.ADMIN);
        assertThat(RoleProbe.role(json.readTree("{\"role\":\"viewer\"}"))).isEqualTo(Role.VIEWER);
        assertThat(RoleProbe.role(json.readTree("{\"role\":\"worker\"}"))).isEqualTo(Role.WORKER);
    }

    @Test
    void anonymousReadsOnlyWhenTheDashboardsArePublic() throws Exception {
        assertThat(RoleProbe.role(json.readTree("{\"role\":\"anonymous\",\"dashboards_public\":true}"))).isEqualTo(Role.VIEWER);
        assertThat(RoleProbe.role(json.readTree("{\"role\":\"anonymous\",\"dashboards_public\":false,\"credentials_accepted\":false}")))
                .isEqualTo(Role.UNKNOWN);
        assertThat(RoleProbe.role(json.readTree("{}"))).isEqualTo(Role.UNKNOWN);
    }
}
