package dev.opsdeck.backend.demo.fleet;

import dev.opsdeck.backend.api.Profile;
import dev.opsdeck.backend.platform.BackendContext;
import dev.opsdeck.backend.platform.BackendModule;

import java.time.Duration;

/**
 * Runs the demo GPU fleet when the profile is {@code demo} ({@code DEMO_FLEET=true|false} overrides), sized by
 * {@code DEMO_WORKERS} (default 24, at most 2000). Registered as the managed service {@code demo-fleet}.
 */
public final class DemoFleetModule implements BackendModule {
    private final FleetSimulator simulator;

    public DemoFleetModule(BackendContext ctx) {
        boolean on = ctx.config().flag("DEMO_FLEET", ctx.config().profile() == Profile.DEMO);
        if (on && ctx.apiTokens().isEmpty()) {
            throw new dev.opsdeck.backend.api.ConfigException("DEMO_FLEET", "the demo fleet needs an API token (OPSDECK_API_TOKENS)");
        }
        if (on) {
            FleetSimulator.Settings s = new FleetSimulator.Settings(
                    (int) ctx.config().number("DEMO_WORKERS", 24, 1, 2000),
                    Duration.ofSeconds(ctx.config().number("DEMO_HEARTBEAT_SECONDS", 10, 1, 3600)),
                    Duration.ofSeconds(ctx.config().number("DEMO_METRICS_SECONDS", 5, 1, 3600)),
                    // 20 per million samples: about one double-bit ECC error per GPU every three days at one sample every 5 s,
                    // so a 24-worker demo shows a few a day; raise it to see more.
                    ctx.config().number("DEMO_ECC_PER_MILLION_SAMPLES", 20, 0, 1_000_000) / 1e6,
                    ctx.config().number("DEMO_SEED", 42, 0, Long.MAX_VALUE));
            simulator = new FleetSimulator(s, ctx.baseUrl()::get, ctx.apiTokens().get(0), ctx.mapper(), ctx.clock());
            ctx.services().register(simulator);
        } else {
            simulator = null;
        }
    }

    @Override
    public String name() {
        return "demo-fleet";
    }

    @Override
    public void start() {
        if (simulator != null) {
            simulator.start();
        }
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.stop();
        }
    }
}
