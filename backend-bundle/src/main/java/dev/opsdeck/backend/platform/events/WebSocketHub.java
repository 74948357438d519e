package dev.opsdeck.backend.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.Metrics;
import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Serves {@code /ws} (every event) and the guide's topic paths ({@code /ws/jobs}, {@code /ws/workers},
 * {@code /ws/trading}, {@code /ws/staking}, {@code /ws/governance}), which filter the same stream.
 * {@code /ws?topics=alerts,ops} and the message {@code {"action":"subscribe","topics":[...]}} narrow
 * {@code /ws} to some topics; {@code {"action":"unsubscribe", ...}} widens it again.
 *
 * <p>Publishers never wait for sockets: events are serialised once and fanned out on one sender thread
 * with a bounded queue; when the queue is full the oldest pending sends are dropped and counted.
 */
public final class WebSocketHub implements Consumer<Event>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebSocketHub.class);
    public static final List<String> TOPIC_PATHS = List.of("jobs", "workers", "trading", "staking", "governance");

    /** Decides whether a socket may connect (reads token headers or the {@code token} query parameter). */
    public interface ConnectGuard {
        /** Returns null to accept, or a reason to close the socket with policy-violation (1008). */
        String refuse(WsContext ctx);
    }

    private record Subscriber(WsContext ctx, Set<String> topics) {
        boolean wants(String topic) {
            return topics.isEmpty() || topics.contains(topic);
        }
    }

    private final Map<String, Subscriber> sessions = new ConcurrentHashMap<>();
    private final ObjectMapper mapper;
    private final ExecutorService sender;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile ConnectGuard guard = ctx -> null;

    public WebSocketHub(ObjectMapper mapper, Metrics metrics) {
        this.mapper = mapper;
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "ws-sender");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardOldestPolicy() {
            @Override
            public void rejectedExecution(Runnable r, ThreadPoolExecutor e) {
                dropped.incrementAndGet();
                super.rejectedExecution(r, e);
            }
        });
        metrics.untypedGauge("websocket_subscribers_total", "Open WebSocket connections", sessions::size);
    }

    public void setConnectGuard(ConnectGuard guard) {
        this.guard = guard;
    }

    /** Registers the WebSocket endpoints on the server configuration. */
    public void register(JavalinConfig cfg) {
        cfg.routes.ws("/ws", ws -> configure(ws, null));
        for (String topic : TOPIC_PATHS) {
            cfg.routes.ws("/ws/" + topic, ws -> configure(ws, topic));
        }
    }

    private void configure(WsConfig ws, String fixedTopic) {
        ws.onConnect(ctx -> {
            String reason = guard.refuse(ctx);
            if (reason != null) {
                ctx.closeSession(1008, reason);
                return;
            }
            Set<String> topics = ConcurrentHashMap.newKeySet();
            if (fixedTopic != null) {
                topics.add(fixedTopic);
            } else {
                topics.addAll(parseTopics(ctx.queryParam("topics")));
            }
            ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
            sessions.put(ctx.sessionId(), new Subscriber(ctx, topics));
            sendTo(ctx, Event.of("system", "welcome", Map.of("session_id", ctx.sessionId(), "topics", topics)));
        });
        ws.onMessage(ctx -> {
            Subscriber s = sessions.get(ctx.sessionId());
            if (s == null) {
                return;
            }
            handleMessage(s, ctx.message(), fixedTopic);
        });
        ws.onClose(ctx -> sessions.remove(ctx.sessionId()));
        ws.onError(ctx -> sessions.remove(ctx.sessionId()));
    }

    private void handleMessage(Subscriber s, String message, String fixedTopic) {
        JsonNode msg;
        try {
            msg = mapper.readTree(message);
        } catch (JsonProcessingException e) {
            sendTo(s.ctx(), Event.of("system", "error", Map.of("message", "messages must be JSON like {\"action\":\"subscribe\",\"topics\":[\"alerts\"]}")));
            return;
        }
        String action = msg.path("action").asText("");
        Set<String> topics = new java.util.HashSet<>();
        msg.path("topics").forEach(n -> topics.add(n.asText().toLowerCase(Locale.ROOT)));
        switch (action) {
            case "subscribe":
                if (fixedTopic == null) {
                    s.topics().addAll(topics);
                }
                break;
            case "unsubscribe":
                if (fixedTopic == null) {
                    s.topics().removeAll(topics);
                }
                break;
            case "ping":
                sendTo(s.ctx(), Event.of("system", "pong", Map.of()));
                return;
            default:
                sendTo(s.ctx(), Event.of("system", "error", Map.of("message", "unknown action '" + action + "'; use subscribe, unsubscribe or ping")));
                return;
        }
        sendTo(s.ctx(), Event.of("system", "subscribed", Map.of("topics", s.topics())));
    }

    private static Set<String> parseTopics(String q) {
        if (q == null || q.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(q.split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private void sendTo(WsContext ctx, Event e) {
        try {
            String json = mapper.writeValueAsString(e);
            sender.execute(() -> safeSend(ctx, json));
        } catch (JsonProcessingException | RejectedExecutionException ex) {
            log.debug("cannot send to websocket {}: {}", ctx.sessionId(), ex.toString());
        }
    }

    private void safeSend(WsContext ctx, String json) {
        try {
            if (ctx.session.isOpen()) {
                ctx.send(json);
                sent.incrementAndGet();
            }
        } catch (RuntimeException ex) {
            sessions.remove(ctx.sessionId());
        }
    }

    /** Fans an event out to every subscriber that wants its topic. */
    @Override
    public void accept(Event e) {
        if (sessions.isEmpty()) {
            return;
        }
        String json;
        try {
            json = mapper.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            log.warn("event {} is not serialisable: {}", e.type(), ex.getMessage());
            return;
        }
        try {
            sender.execute(() -> {
                for (Subscriber s : sessions.values()) {
                    if (s.wants(e.topic())) {
                        safeSend(s.ctx(), json);
                    }
                }
            });
        } catch (RejectedExecutionException ex) {
            dropped.incrementAndGet();
        }
    }

    public int subscribers() {
        return sessions.size();
    }

    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subscribers", sessions.size());
        m.put("messages_sent", sent.get());
        m.put("messages_dropped", dropped.get());
        return m;
    }

    @Override
    public void close() {
        for (Subscriber s : sessions.values()) {
            try {
                s.ctx().closeSession(1001, "backend stopping");
            } catch (RuntimeException ignored) {
                // already closed
            }
        }
        sessions.clear();
        sender.shutdown();
    }
}
