package dev.opsdeck.console.ops;

import dev.opsdeck.console.fx.KeyedList;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Upstreams and background services with their live state, and reconnect / start / stop / restart on each. Several
 * services may be acted on at once, but one action per service: its row shows a spinner until the answer. The demo
 * chaos menu breaks a demo upstream so the reconnect button has something to fix.
 */
public final class ServicesViewModel {
    static final Duration REFRESH = Duration.ofSeconds(5);

    private final OpsApi api;
    private final UiExecutor ui;
    private final OpsText text;
    private final ActionKeys keys;
    private final Poller<List<ServiceInfo>> poller;
    private final ObservableList<ServiceInfo> services = FXCollections.observableArrayList();
    private final ObservableMap<String, String> working = FXCollections.observableHashMap();
    private final ObservableList<String> chaosServices = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private boolean pollFailed;

    ServicesViewModel(OpsApi api, UiExecutor ui, OpsText text, ActionKeys keys) {
        this.api = api;
        this.ui = ui;
        this.text = text;
        this.keys = keys;
        this.poller = new Poller<>(ui, REFRESH, api::services, fresh -> {
            if (pollFailed) {
                error.set(""); // only the poll's own error: an action's result stays until the next action
                pollFailed = false;
            }
            KeyedList.sync(services, fresh, ServiceInfo::name);
        }, e -> {
            pollFailed = true;
            error.set(OpsText.error(e));
        });
    }

    /** Runs {@code action} on service {@code name}; ignored while that service has an action running. */
    public void act(String name, String action) {
        if (working.containsKey(name)) {
            return;
        }
        String id = "service." + action + ":" + name;
        working.put(name, action);
        ui.submit(() -> api.serviceAction(name, action, keys.key(id)), after -> {
            keys.answered(id);
            working.remove(name);
            String latency = after.latencyMs() == null ? "" : String.format(Locale.ROOT, " (%.0f ms)", after.latencyMs());
            String result = text.get("service.done", name, action, after.state() + latency);
            // Still failing after the action is an error; "stopped" after a stop is the result that was asked for.
            if (after.lastError() != null && !after.state().equals("up") && !after.state().equals("stopped")) {
                error.set(result + ": " + after.lastError());
                message.set("");
            } else {
                message.set(result);
                error.set("");
            }
            poller.now();
        }, e -> {
            keys.settle(id, e);
            working.remove(name);
            message.set("");
            error.set(text.get("service.failed", name, action, OpsText.error(e)));
        });
    }

    /** Demo only: makes upstream {@code service} {@code ok}, {@code fail}, {@code lag} or {@code down}. */
    public void chaos(String service, String mode) {
        ui.submit(() -> {
            api.chaos(service, mode);
            return mode;
        }, m -> {
            message.set(text.get("chaos.done", service, m));
            poller.now();
        }, e -> error.set(OpsText.error(e)));
    }

    /** Events of the {@code ops} topic: a state change or another operator's action refreshes the table now. */
    public void onEvents(List<JsonNode> events) {
        if (events.stream().map(e -> e.path("type").asText())
                .anyMatch(t -> t.startsWith("service.") || t.startsWith("chaos."))) {
            poller.now();
        }
    }

    public void activate() {
        poller.start();
        ui.submit(api::chaosServices, chaosServices::setAll, e -> chaosServices.clear());
    }

    public void deactivate() { poller.stop(); }

    public ObservableList<ServiceInfo> services() { return services; }
    /** Service name to the action running on it. */
    public ObservableMap<String, String> working() { return working; }
    /** Demo upstreams of the chaos menu; empty outside the demo. */
    public ObservableList<String> chaosServices() { return chaosServices; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
