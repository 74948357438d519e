package dev.opsdeck.backend.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Logging as the relay guide lays it out: JSON lines to {@code logs/opsdeck.log} and errors also to
 * {@code logs/opsdeck_errors.log} under the data dir, rotated by size and day; readable lines on stdout.
 */
public final class LoggingSetup {
    private LoggingSetup() {
    }

    /**
     * Replaces the logging configuration of this JVM.
     *
     * @param logDir   where the JSON files go
     * @param level    root level for the backend's own loggers
     * @param toStdout also print readable lines (headless server); the console passes false
     */
    public static void configure(Path logDir, String level, boolean toStdout) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return; // another SLF4J binding is in charge; leave it alone
        }
        ctx.reset();
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        ctx.getLogger("dev.opsdeck").setLevel(Level.toLevel(level.toUpperCase(Locale.ROOT), Level.INFO));
        // Libraries chatter at INFO on every start; their warnings still get through.
        for (String noisy : new String[]{"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "org.flywaydb", "org.jdbi", "org.h2"}) {
            ctx.getLogger(noisy).setLevel(Level.WARN);
        }

        root.addAppender(rolling(ctx, logDir, "opsdeck", null));
        root.addAppender(rolling(ctx, logDir, "opsdeck_errors", Level.ERROR));
        if (toStdout) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(ctx);
            console.setName("stdout");
            PatternLayoutEncoder enc = new PatternLayoutEncoder();
            enc.setContext(ctx);
            enc.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
            enc.start();
            console.setEncoder(enc);
            console.start();
            root.addAppender(console);
        }
    }

    private static RollingFileAppender<ILoggingEvent> rolling(LoggerContext ctx, Path dir, String name, Level threshold) {
        RollingFileAppender<ILoggingEvent> app = new RollingFileAppender<>();
        app.setContext(ctx);
        app.setName(name);
        app.setFile(dir.resolve(name + ".log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(app);
        policy.setFileNamePattern(dir.resolve(name + ".%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("20MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("1GB"));
        policy.start();
        app.setRollingPolicy(policy);
        LogstashEncoder enc = new LogstashEncoder();
        enc.setContext(ctx);
        enc.start();
        app.setEncoder(enc);
        if (threshold != null) {
            ThresholdFilter f = new ThresholdFilter();
            f.setLevel(threshold.levelStr);
            f.start();
            app.addFilter(f);
        }
        app.start();
        return app;
    }
}
