package dev.opsdeck.console.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.connection.ConnectionTarget;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One WebSocket connection to a backend's {@code /ws} (Java-WebSocket), reconnecting with jittered exponential
 * backoff. Socket messages are parsed on the socket thread and queued; one flush per frame on the UI thread hands
 * each topic's listeners the batch that arrived since the last frame.
 */
public final class LiveFeed implements LiveEvents, AutoCloseable {
    /** Topic and type of the synthetic event published after a reconnect (see {@link LiveEvents}). */
    public static final String RESYNC_TOPIC = "system";
    public static final String RESYNC_TYPE = "resync";
    static final long MIN_BACKOFF_MS = 500;
    static final long MAX_BACKOFF_MS = 30_000;

    private volatile ConnectionTarget target;
    private final ObjectMapper json;
    private final Consumer<Runnable> onUiThread;
    private final Map<String, List<Consumer<List<JsonNode>>>> listeners = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<JsonNode> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "opsdeck-live-reconnect");
        t.setDaemon(true);
        return t;
    });
    private final List<Consumer<LiveState>> stateListeners = new CopyOnWriteArrayList<>();
    private volatile WebSocketClient socket;
    /** The pending reconnect, cancelled on a switch: it would open a second socket to the new backend. */
    private volatile java.util.concurrent.ScheduledFuture<?> retry;
    private volatile boolean closed;
    private long backoffMs = MIN_BACKOFF_MS;
    /** The current backend's socket opened before: a later open is a reconnect, after which screens resync. */
    private volatile boolean openedBefore;

    /** State of the feed, delivered on the UI thread. {@code nextAttemptMs} is set while reconnecting. */
    public record LiveState(boolean live, long nextAttemptMs, String reason) { }

    /**
     * @param onUiThread runs a task on the UI thread ({@code Platform::runLater} in the console)
     */
    public LiveFeed(ObjectMapper json, Consumer<Runnable> onUiThread) {
        this.json = json;
        this.onUiThread = onUiThread;
    }

    /**
     * Connects to {@code backend} (non-blocking), dropping the connection to a previous one. Subscriptions stay:
     * screens keep their listeners across environment switches.
     */
    public synchronized void connect(ConnectionTarget backend) {
        this.target = backend;
        java.util.concurrent.ScheduledFuture<?> pendingRetry = retry;
        if (pendingRetry != null) {
            pendingRetry.cancel(false);
        }
        WebSocketClient old = socket;
        socket = null;
        if (old != null) {
            old.close();
        }
        synchronized (this) {
            backoffMs = MIN_BACKOFF_MS;
        }
        // A new backend is no reconnect: the window reloads its pages on a switch anyway.
        openedBefore = false;
        connect();
    }

    /** Skips the rest of a backoff wait (the user pressed "Retry now"); nothing happens while the socket is open. */
    public synchronized void retryNow() {
        WebSocketClient s = socket;
        java.util.concurrent.ScheduledFuture<?> pendingRetry = retry;
        if (closed || s != null && s.isOpen() || pendingRetry == null || pendingRetry.isDone()) {
            return;
        }
        pendingRetry.cancel(false);
        connect();
    }

    /** Listens for live / reconnecting changes (UI thread). */
    public void onState(Consumer<LiveState> listener) {
        stateListeners.add(listener);
    }

    @Override
    public Subscription subscribe(String topic, Consumer<List<JsonNode>> onUi) {
        List<Consumer<List<JsonNode>>> list = listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        list.add(onUi);
        return () -> list.remove(onUi);
    }

    static URI wsUri(URI base) {
        String scheme = "https".equalsIgnoreCase(base.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getRawAuthority() + (base.getRawPath() == null ? "" : base.getRawPath()) + "/ws");
    }

    /** Synchronized with {@link #connect(ConnectionTarget)}: a retry racing a switch must not open a second socket. */
    private synchronized void connect() {
        ConnectionTarget target = this.target;
        if (closed || target == null) {
            return;
        }
        Map<String, String> headers = new HashMap<>();
        target.adminKey().ifPresent(k -> headers.put("X-Admin-Key", k));
        target.bearerToken().ifPresent(t -> headers.put("Authorization", "Bearer " + t));
        WebSocketClient client = new WebSocketClient(wsUri(target.baseUrl()), headers) {
            @Override
            public void onOpen(ServerHandshake handshake) {
                if (socket != this) {
                    return;
                }
                synchronized (LiveFeed.this) {
                    backoffMs = MIN_BACKOFF_MS;
                }
                state(new LiveState(true, 0, ""));
                if (openedBefore) {
                    // Events published while the socket was down are lost; tell the screens to refetch over REST.
                    pending.add(resyncEvent());
                    scheduleFlush();
                }
                openedBefore = true;
            }

            @Override
            public void onMessage(String message) {
                if (socket != this) {
                    return; // a socket being replaced must not deliver the old backend's events
                }
                try {
                    pending.add(json.readTree(message));
                } catch (Exception e) {
                    return; // a frame that is not JSON carries nothing a screen could show
                }
                scheduleFlush();
            }

            @Override
            public void onClose(int code, String reason, boolean remote) {
                if (socket != this) {
                    return; // replaced by a connection to another backend
                }
                retryLater(reason == null || reason.isEmpty() ? "connection closed (" + code + ")" : reason);
            }

            @Override
            public void onError(Exception e) {
                // onClose follows and schedules the retry
            }
        };
        client.setConnectionLostTimeout(30);
        socket = client;
        client.connect();
    }

    private JsonNode resyncEvent() {
        com.fasterxml.jackson.databind.node.ObjectNode event = json.createObjectNode();
        event.put("type", RESYNC_TYPE);
        event.put("topic", RESYNC_TOPIC);
        event.put("ts", java.time.Instant.now().toString());
        event.putObject("data").put("reason", "live feed reconnected; events since the disconnect were missed");
        return event;
    }

    private void retryLater(String reason) {
        if (closed) {
            return;
        }
        long delay;
        synchronized (this) {
            // Full jitter: many consoles reconnecting to a restarted backend do not arrive in one burst.
            delay = MIN_BACKOFF_MS + ThreadLocalRandom.current().nextLong(Math.max(1, backoffMs));
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        }
        state(new LiveState(false, System.currentTimeMillis() + delay, reason));
        retry = reconnects.schedule((Runnable) this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void state(LiveState state) {
        if (closed) {
            return;
        }
        onUiThread.accept(() -> stateListeners.forEach(l -> l.accept(state)));
    }

    private void scheduleFlush() {
        if (flushScheduled.compareAndSet(false, true)) {
            onUiThread.accept(this::flush);
        }
    }

    private void flush() {
        flushScheduled.set(false);
        Map<String, List<JsonNode>> byTopic = new HashMap<>();
        for (JsonNode event; (event = pending.poll()) != null; ) {
            byTopic.computeIfAbsent(event.path("topic").asText(""), t -> new ArrayList<>()).add(event);
        }
        byTopic.forEach((topic, events) -> {
            for (Consumer<List<JsonNode>> listener : listeners.getOrDefault(topic, List.of())) {
                listener.accept(events);
            }
        });
    }

    /** Closes the socket and stops reconnecting. */
    @Override
    public void close() {
        closed = true;
        reconnects.shutdownNow();
        WebSocketClient s = socket;
        if (s != null) {
            s.close();
        }
    }
}
