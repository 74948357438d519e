package dev.opsdeck.backend.jobs.workloads;

import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.ConfigException;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * Payout settings of the payments environment.
 *
 * @param archiveBase     where workload artifacts live ({@code PAYMENTS_WORKLOAD_ARCHIVE_BASE}; default
 *                        {@code <data dir>/workloads})
 * @param creditPerMinute time credit in ETH per minute of workload ({@code PAYMENTS_WORKLOAD_TIME_CREDIT_ETH_PER_MINUTE});
 *                        null when workloads must name their own payout
 * @param dryRun          payouts are recorded but marked not to be sent ({@code PAYMENTS_PAYOUT_DRY_RUN}, default true)
 */
public record WorkloadSettings(Path archiveBase, BigDecimal creditPerMinute, boolean dryRun) {

    public static WorkloadSettings from(BackendConfig c, Path dataDir) {
        Path base = c.setting("PAYMENTS_WORKLOAD_ARCHIVE_BASE").map(Path::of).orElse(dataDir.resolve("workloads"))
                .toAbsolutePath().normalize();
        BigDecimal credit = null;
        var raw = c.setting("PAYMENTS_WORKLOAD_TIME_CREDIT_ETH_PER_MINUTE");
        if (raw.isPresent()) {
            try {
                credit = new BigDecimal(raw.get().trim());
            } catch (NumberFormatException e) {
                throw new ConfigException("PAYMENTS_WORKLOAD_TIME_CREDIT_ETH_PER_MINUTE", "must be a decimal number of ETH (was '" + raw.get() + "')");
            }
            if (credit.signum() < 0 || credit.compareTo(BigDecimal.ONE) > 0) {
                throw new ConfigException("PAYMENTS_WORKLOAD_TIME_CREDIT_ETH_PER_MINUTE", "must be between 0 and 1 ETH per minute");
            }
        }
        return new WorkloadSettings(base, credit, c.flag("PAYMENTS_PAYOUT_DRY_RUN", true));
    }
}
