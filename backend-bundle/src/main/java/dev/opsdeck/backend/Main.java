package dev.opsdeck.backend;

import dev.opsdeck.backend.api.Backend;
import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.ConfigException;
import dev.opsdeck.backend.api.RunningBackend;
import dev.opsdeck.backend.platform.LoggingSetup;
import dev.opsdeck.backend.platform.Version;
import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The backend's command line: {@code serve}, {@code migrate-only}, {@code restore}, {@code migrate-store} and {@code version}.
 * Exit codes: 0 ok, 1 runtime failure, 2 bad configuration or usage.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        List<String> flags = Arrays.asList(args).subList(1, args.length);
        try {
            switch (command) {
                case "version":
                case "--version":
                    out.println("opsdeck " + Version.get());
                    return 0;
                case "serve":
                    return serve(BackendConfig.load(flags, env), out);
                case "agent":
                    return dev.opsdeck.backend.workers.agent.WorkerAgent.run(flags, env, out, err);
                case "migrate-only":
                case "-migrate-only":
                    return migrateOnly(BackendConfig.load(flags, env), out);
                case "restore":
                    return dev.opsdeck.backend.ops.StoreCommands.restore(flags, env, out, err);
                case "migrate-store":
                    return dev.opsdeck.backend.ops.StoreCommands.migrateStore(flags, out, err);
                default:
                    err.println("opsdeck: unknown command '" + command + "'");
                    usage(err);
                    return 2;
            }
        } catch (ConfigException e) {
            err.println("opsdeck: configuration error: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            err.println("opsdeck: " + e.getMessage());
            return 1;
        }
    }

    private static int serve(BackendConfig config, PrintStream out) {
        Map<String, String> extra = new LinkedHashMap<>();
        if (config.setting("OPSDECK_LOG_STDOUT").isEmpty()) {
            extra.put("OPSDECK_LOG_STDOUT", "true");
        }
        RunningBackend backend = Backend.start(config.with(extra));
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM/SIGINT: stop accepting, drain in-flight requests, stop services, close the pool
        // (H2 gets a clean SHUTDOWN), then let the JVM exit.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            backend.stop();
            stopped.countDown();
        }, "opsdeck-shutdown"));
        out.println("OpsDeck " + Version.get() + " serving on " + backend.baseUrl() + " (profile " + backend.profile().id()
                + ", store " + backend.storeDescription() + ")");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int migrateOnly(BackendConfig config, PrintStream out) {
        LoggingSetup.configure(config.dataDir().toAbsolutePath().resolve("logs"), config.logLevel(), true);
        String jdbc = config.databaseUrl().map(DatabaseUrls::toJdbc)
                .orElseGet(() -> DatabaseUrls.h2File(config.dataDir().toAbsolutePath()));
        try (Database db = Database.open(jdbc, 2)) {
            int applied = db.migrate();
            out.println("migrations applied: " + applied + "; schema version " + db.schemaVersion() + " on " + db.description());
        }
        return 0;
    }

    private static void usage(PrintStream out) {
        out.println("usage: opsdeck <command> [flags]");
        out.println("  serve          run the coordinator backend (HTTP + WebSocket) until SIGTERM");
        out.println("  migrate-only   run database migrations and exit");
        out.println("  agent          worker agent: --coordinator URL --token T [--worker-id ID --interval S --nvidia-smi CMD --cycles N]");
        out.println("  restore        restore a backup into a new target: --backup FILE --target DIR|postgres://.../newdb");
        out.println("  migrate-store  copy an H2 database into PostgreSQL, idempotently: --from DATA_DIR --to postgres://...");
        out.println("  version        print the version");
        out.println("flags: --port N --bind ADDR --data-dir DIR --database-url URL --profile dev|demo|stage|prod");
        out.println("       --log-level LEVEL --env-file FILE --admin-key KEY --api-tokens T1,T2");
        out.println("Environment variables and the env file are read too; see README.md.");
    }
}
