package dev.opsdeck.backend.platform;

import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.ConfigException;

import java.util.Locale;

/** Refuses configurations that must not start. Stage and prod fail closed. */
final class StartupChecks {
    private StartupChecks() {
    }

    static void validate(BackendConfig config) {
        // Parse-time checks of the settings every profile reads, so a typo stops start-up in one line.
        config.flag("DASHBOARD_PUBLIC", false);
        config.flag("OPSDECK_LOG_FILES", true);
        config.flag("OPSDECK_LOG_STDOUT", false);
        config.number("DATABASE_POOL_SIZE", 10, 1, 200);
        if (!config.profile().strict()) {
            return;
        }
        String profile = config.profile().id();
        String admin = config.adminKey().orElse("");
        if (admin.isEmpty()) {
            throw new ConfigException("OPSDECK_ADMIN_KEY", "is required in profile " + profile);
        }
        if (weak(admin)) {
            throw new ConfigException("OPSDECK_ADMIN_KEY", "is a default or too short (need 24+ characters, no change-me) in profile " + profile);
        }
        for (String t : config.apiTokens()) {
            if (weak(t)) {
                throw new ConfigException("OPSDECK_API_TOKENS", "contains a default or short token (need 24+ characters) in profile " + profile);
            }
        }
        for (String t : config.viewerTokens()) {
            if (weak(t)) {
                throw new ConfigException("OPSDECK_VIEWER_TOKENS", "contains a default or short token (need 24+ characters) in profile " + profile);
            }
        }
    }

    static boolean weak(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        return t.length() < 24 || t.startsWith("change-me") || t.contains("changeme") || t.equals("dev-token") || t.equals("admin");
    }
}
