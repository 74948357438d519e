package dev.opsdeck.backend.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The last few thousand log lines in memory, seeded from the tail of the JSON log file at start (so lines
 * from before a restart are still there), fed by a Logback appender on the root logger, and forwarded to a
 * listener (the {@code logs} topic) for live tail.
 */
final class LogRing extends AppenderBase<ILoggingEvent> {
    private static final long TAIL_BYTES = 512 * 1024;

    private final int capacity;
    private final Deque<LogEntry> entries;
    private final Consumer<LogEntry> listener;
    /** Publishing may log (a failing listener warns): that line must not come back here and loop. */
    private final ThreadLocal<Boolean> inListener = ThreadLocal.withInitial(() -> Boolean.FALSE);

    LogRing(int capacity, Consumer<LogEntry> listener) {
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(capacity);
        this.listener = listener;
        setName("opsdeck-ring");
    }

    @Override
    protected void append(ILoggingEvent e) {
        IThrowableProxy tp = e.getThrowableProxy();
        LogEntry entry = new LogEntry(Instant.ofEpochMilli(e.getTimeStamp()), e.getLevel().toString(), e.getLoggerName(),
                e.getThreadName(), e.getFormattedMessage(), tp == null ? null : ThrowableProxyUtil.asString(tp));
        add(entry);
        if (inListener.get()) {
            return;
        }
        inListener.set(Boolean.TRUE);
        try {
            listener.accept(entry);
        } finally {
            inListener.set(Boolean.FALSE);
        }
    }

    private void add(LogEntry entry) {
        synchronized (entries) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
    }

    /** Loads the last lines of a LogstashEncoder JSON file; unreadable lines are skipped. Returns lines loaded. */
    int seedFrom(Path jsonLog, ObjectMapper mapper) {
        if (!Files.isRegularFile(jsonLog)) {
            return 0;
        }
        List<LogEntry> loaded = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(jsonLog.toFile(), "r")) {
            long start = Math.max(0, f.length() - TAIL_BYTES);
            f.seek(start);
            byte[] buf = new byte[(int) (f.length() - start)];
            f.readFully(buf);
            String[] lines = new String(buf, StandardCharsets.UTF_8).split("\n");
            for (int i = start > 0 ? 1 : 0; i < lines.length; i++) { // the first line may be cut in half
                try {
                    JsonNode n = mapper.readTree(lines[i]);
                    if (n != null && n.has("level")) {
                        loaded.add(new LogEntry(Instant.parse(n.path("@timestamp").asText()), n.path("level").asText(),
                                n.path("logger_name").asText(), n.path("thread_name").asText(), n.path("message").asText(),
                                n.hasNonNull("stack_trace") ? n.get("stack_trace").asText() : null));
                    }
                } catch (IOException | RuntimeException ignored) {
                    // a torn or foreign line; the rest of the file is still useful
                }
            }
        } catch (IOException e) {
            return 0;
        }
        synchronized (entries) {
            List<LogEntry> current = new ArrayList<>(entries);
            entries.clear();
            loaded.subList(Math.max(0, loaded.size() - capacity), loaded.size()).forEach(this::add);
            current.forEach(this::add);
        }
        return loaded.size();
    }

    /**
     * Newest first.
     *
     * @param minLevel only lines at this level or above (null: all)
     * @param text     case-insensitive substring of message or logger (null: all)
     */
    List<LogEntry> recent(int limit, Level minLevel, String text) {
        String needle = text == null || text.isBlank() ? null : text.toLowerCase(Locale.ROOT);
        List<LogEntry> out = new ArrayList<>();
        synchronized (entries) {
            var it = entries.descendingIterator();
            while (it.hasNext() && out.size() < limit) {
                LogEntry e = it.next();
                if (minLevel != null && !Level.toLevel(e.level(), Level.INFO).isGreaterOrEqual(minLevel)) {
                    continue;
                }
                if (needle != null && !(e.message().toLowerCase(Locale.ROOT).contains(needle)
                        || e.logger().toLowerCase(Locale.ROOT).contains(needle))) {
                    continue;
                }
                out.add(e);
            }
        }
        return out;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    int capacity() {
        return capacity;
    }
}
