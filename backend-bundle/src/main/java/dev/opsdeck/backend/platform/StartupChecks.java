package dev.opsdeck.backend.platform;

import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.security.ConfigProblems;

/**
 * Refuses configurations that must not start. Stage and prod fail closed; the security domain lists every
 * problem at once ({@link ConfigProblems}), one line each.
 */
final class StartupChecks {
    private StartupChecks() {
    }

    static void validate(BackendConfig config) {
        // Parse-time checks of the settings every profile reads, so a typo stops start-up in one line.
        config.flag("OPSDECK_LOG_FILES", true);
        config.flag("OPSDECK_LOG_STDOUT", false);
        config.number("DATABASE_POOL_SIZE", 10, 1, 200);
        ConfigProblems.check(config);
    }

    static boolean weak(String token) {
        return ConfigProblems.weak(token);
    }
}
