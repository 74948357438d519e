package dev.opsdeck.console.workers;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.math.BigDecimal;
import java.util.List;

/**
 * One worker of the table. The id is fixed; every other value is a property updated in place from each refresh,
 * so the table keeps its selection and scroll position while the numbers move.
 */
public final class WorkerRow {
    /** States in order of trouble, for sorting the state column. */
    static final List<String> STATES = List.of("online", "late", "stale", "offline");

    private final String id;
    private final ObjectProperty<String> hostname = new SimpleObjectProperty<>(this, "hostname");
    private final ObjectProperty<String> state = new SimpleObjectProperty<>(this, "state");
    private final ObjectProperty<Double> heartbeatAge = new SimpleObjectProperty<>(this, "heartbeatAge");
    private final ObjectProperty<Double> uptime24h = new SimpleObjectProperty<>(this, "uptime24h");
    private final ObjectProperty<Integer> gpus = new SimpleObjectProperty<>(this, "gpus");
    private final ObjectProperty<Double> utilization = new SimpleObjectProperty<>(this, "utilization");
    private final ObjectProperty<Double> temperature = new SimpleObjectProperty<>(this, "temperature");
    private final ObjectProperty<Double> power = new SimpleObjectProperty<>(this, "power");
    private final ObjectProperty<BigDecimal> rewards = new SimpleObjectProperty<>(this, "rewards");

    public WorkerRow(String id) {
        this.id = id;
    }

    /** Takes the values of one item of {@code /api/network/workers}. */
    public void update(JsonNode w) {
        hostname.set(text(w, "hostname"));
        state.set(text(w, "state"));
        heartbeatAge.set(number(w, "heartbeat_age_seconds"));
        uptime24h.set(number(w, "uptime_24h_percent"));
        gpus.set(w.path("gpu_count").asInt());
        utilization.set(number(w, "avg_gpu_utilization_percent"));
        temperature.set(number(w, "max_gpu_temperature_c"));
        power.set(number(w, "gpu_power_watts"));
        String r = text(w, "total_rewards");
        rewards.set(r == null ? BigDecimal.ZERO : new BigDecimal(r));
    }

    /** The properties whose change should re-sort and re-filter the table (list extractor). */
    Observable[] observables() {
        return new Observable[]{state, heartbeatAge, uptime24h, gpus, utilization, temperature, power, rewards};
    }

    /** Sort key of a state: online first, offline last, unknown after. */
    static int stateRank(String s) {
        int i = STATES.indexOf(s);
        return i < 0 ? STATES.size() : i;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    static Double number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : null;
    }

    public String getId() { return id; }
    public ReadOnlyObjectProperty<String> hostnameProperty() { return hostname; }
    public ReadOnlyObjectProperty<String> stateProperty() { return state; }
    public String getState() { return state.get(); }
    /** Seconds since the last heartbeat at the last refresh; null when never heard from. */
    public ReadOnlyObjectProperty<Double> heartbeatAgeProperty() { return heartbeatAge; }
    /** Share of the last 24 h the worker was up, percent; null until the backend has computed it. */
    public ReadOnlyObjectProperty<Double> uptime24hProperty() { return uptime24h; }
    public ReadOnlyObjectProperty<Integer> gpusProperty() { return gpus; }
    /** Mean GPU utilisation, percent; null when the worker is stale or offline (its last figure is history). */
    public ReadOnlyObjectProperty<Double> utilizationProperty() { return utilization; }
    public Double getUtilization() { return utilization.get(); }
    /** Hottest GPU, degrees C; null when stale or offline. */
    public ReadOnlyObjectProperty<Double> temperatureProperty() { return temperature; }
    /** Power of all GPUs, watts; null when stale or offline. */
    public ReadOnlyObjectProperty<Double> powerProperty() { return power; }
    /** Rewards claimed in total. */
    public ReadOnlyObjectProperty<BigDecimal> rewardsProperty() { return rewards; }
}
