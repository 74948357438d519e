package dev.opsdeck.console.environments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.connection.ApiClient;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.connection.ConnectionTarget;
import dev.opsdeck.console.fx.Cancellable;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * "Anywhere": what is firing ({@code /admin/alerts}, or {@code /monitoring/alerts} without an admin key) and which
 * workers are offline ({@code /api/network/workers?state=offline}) in every environment at once. Each environment
 * is asked in parallel off the UI thread; one that cannot be reached is a row saying why, not a failed view.
 */
public final class AnywhereViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final UiExecutor ui;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private final Supplier<List<ConnectionTarget>> environments;
    private final ObservableList<AnywhereRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final List<Cancellable> inFlight = new ArrayList<>();
    private int pending;

    public AnywhereViewModel(UiExecutor ui, OkHttpClient http, ObjectMapper json, Clock clock,
                             Supplier<List<ConnectionTarget>> environments) {
        this.ui = ui;
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.environments = environments;
    }

    /** Asks every environment again; rows of each replace its previous rows as its answer arrives. */
    public void refresh() {
        inFlight.forEach(Cancellable::cancel);
        inFlight.clear();
        List<ConnectionTarget> targets = environments.get();
        pending = targets.size();
        loading.set(pending > 0);
        summary.set("");
        rows.clear();
        for (ConnectionTarget target : targets) {
            inFlight.add(ui.submit(() -> read(target), found -> arrived(found, targets.size()),
                    error -> arrived(List.of(new AnywhereRow(target.environmentName(), "unreachable", target.baseUrl().toString(),
                            error.getMessage())), targets.size())));
        }
    }

    /** Stops waiting for answers (the view closed). */
    public void cancel() {
        inFlight.forEach(Cancellable::cancel);
        inFlight.clear();
        loading.set(false);
    }

    private void arrived(List<AnywhereRow> found, int environmentCount) {
        rows.addAll(found);
        if (--pending <= 0) {
            loading.set(false);
            summary.set("Updated " + TIME.format(clock.instant().atZone(ZoneId.systemDefault())) + ": " + rows.size()
                    + " row(s) from " + environmentCount + " environment(s).");
        }
    }

    /** Off the UI thread. */
    private List<AnywhereRow> read(ConnectionTarget target) throws ApiException {
        ApiClient api = new ApiClient(target, http, json);
        String env = target.environmentName();
        List<AnywhereRow> found = new ArrayList<>();
        boolean admin = target.adminKey().isPresent();
        JsonNode alerts = api.get(admin ? "/admin/alerts" : "/monitoring/alerts");
        for (JsonNode a : admin ? alerts.path("firing") : alerts.path("alerts")) {
            if (!"firing".equals(a.path("state").asText())) {
                continue;
            }
            found.add(new AnywhereRow(env, "firing alert", a.path("rule_name").asText(),
                    a.path("severity").asText() + (a.path("muted").asBoolean() ? ", muted" : "")
                            + ", since " + a.path("fired_at").asText(a.path("active_since").asText(""))));
        }
        JsonNode workers = api.get("/api/network/workers?state=offline&limit=500");
        for (JsonNode w : workers.path("items")) {
            found.add(new AnywhereRow(env, "worker offline", w.path("worker_id").asText(),
                    "last heartbeat " + w.path("last_heartbeat").asText("never") + hostname(w)));
        }
        return found;
    }

    private static String hostname(JsonNode w) {
        String host = w.path("hostname").asText("");
        return host.isEmpty() ? "" : " (" + host + ")";
    }

    /** Firing alerts, offline workers and unreachable environments, as they arrive. */
    public ObservableList<AnywhereRow> rows() { return rows; }

    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }

    /** When the last refresh completed and how much it found. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
}
