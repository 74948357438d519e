package dev.opsdeck.console.workers;

import dev.opsdeck.console.charts.ChartSink;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.live.LiveEvents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Test doubles for the fleet view models: an API answering paths by prefix, a live feed, a recording chart sink. */
public final class FakeFleet {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeFleet() {
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Answers each GET with the JSON registered for the longest matching path prefix; records every path. */
    public static final class Api implements FleetApi {
        public final Map<String, JsonNode> answers = new HashMap<>();
        public final List<String> calls = new ArrayList<>();
        public ApiException failure;

        public Api answer(String pathPrefix, String json) {
            answers.put(pathPrefix, FakeFleet.json(json));
            return this;
        }

        @Override
        public JsonNode get(String path) throws ApiException {
            calls.add(path);
            if (failure != null) {
                throw failure;
            }
            return answers.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                    .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
                    .map(Map.Entry::getValue).orElseThrow(() -> new ApiException(404, "no answer for " + path, ""));
        }

        public long count(String pathPrefix) {
            return calls.stream().filter(c -> c.startsWith(pathPrefix)).count();
        }
    }

    /** A live feed the test pushes events into. */
    public static final class Live implements LiveEvents {
        public final Map<String, Consumer<List<JsonNode>>> listeners = new HashMap<>();

        @Override
        public Subscription subscribe(String topic, Consumer<List<JsonNode>> onUi) {
            listeners.put(topic, onUi);
            return () -> listeners.remove(topic);
        }

        public void push(String topic, String... events) {
            List<JsonNode> batch = new ArrayList<>();
            for (String e : events) {
                batch.add(json(e));
            }
            listeners.get(topic).accept(batch);
        }
    }

    /** Records what a view model sends to its charts. */
    public static final class Sink implements ChartSink {
        public final List<String> added = new ArrayList<>();
        public final Map<String, double[][]> series = new HashMap<>();
        public int clears;
        public Duration window;

        @Override
        public void add(String chart, String name, long timeMillis, double value) {
            added.add(chart + "/" + name + "@" + timeMillis + "=" + value);
        }

        @Override
        public void setAll(String chart, String name, double[] timesMillis, double[] values, int n) {
            series.put(chart + "/" + name, new double[][]{java.util.Arrays.copyOf(timesMillis, n), java.util.Arrays.copyOf(values, n)});
        }

        @Override
        public void clear() {
            clears++;
            series.clear();
        }

        @Override
        public void window(Duration visible) {
            window = visible;
        }
    }
}
