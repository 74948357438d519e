package dev.opsdeck.console.alerts;

import dev.opsdeck.console.fx.KeyedList;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.connection.ApiClient;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.live.LiveEvents;
import dev.opsdeck.console.shell.Notifier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The window's one view of {@code GET /admin/alerts}, running while connected even when the alerts page is hidden:
 * it feeds the navigation badge (firing count), raises a desktop notification for each alert that starts firing
 * at or above the user's severity threshold, and is the alerts page's list. A push on the {@code alerts} topic
 * (every transition) refreshes it at once; the poll is the fallback when the WebSocket is down.
 */
public final class AlertsFeed {
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final LiveEvents live;
    private final Notifier notifier;
    private final NotifySetting setting;
    private final Poller<JsonNode> poller;
    private final ObservableList<AlertItem> alerts = FXCollections.observableArrayList();
    /** One wrapper for every reader: listeners on a dropped wrapper would be collected with it. */
    private final ObservableList<AlertItem> readOnlyAlerts = FXCollections.unmodifiableObservableList(alerts);
    private final ReadOnlyIntegerWrapper firing = new ReadOnlyIntegerWrapper(this, "firing");
    private final ReadOnlyIntegerWrapper muted = new ReadOnlyIntegerWrapper(this, "muted");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final StringBinding badge = Bindings.createStringBinding(
            () -> firing.get() == 0 ? "" : Integer.toString(firing.get()), firing);
    /** Firing fingerprints of the last answer; null until the first, so alerts already firing at connect stay quiet. */
    private Set<String> knownFiring;
    private LiveEvents.Subscription subscription;

    /** @param fetch {@code GET /admin/alerts}, called off the UI thread */
    public AlertsFeed(UiExecutor ui, Callable<JsonNode> fetch, LiveEvents live, Notifier notifier, NotifySetting setting) {
        this.live = live;
        this.notifier = notifier;
        this.setting = setting;
        this.poller = new Poller<>(ui, INTERVAL, fetch, this::apply, e -> error.set(e.getMessage()));
    }

    /** (Re)starts after a (re)connect: forgets what was firing on the previous backend. */
    public void start() {
        stop();
        knownFiring = null;
        subscription = live.subscribe("alerts", events -> poller.now());
        poller.start();
    }

    public void stop() {
        poller.stop();
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** Reads again now, e.g. right after an acknowledgement. */
    public void refresh() {
        poller.now();
    }

    void apply(JsonNode body) {
        List<AlertItem> fresh = new ArrayList<>();
        body.path("firing").forEach(a -> fresh.add(AlertItem.of(a)));
        body.path("pending").forEach(a -> fresh.add(AlertItem.of(a)));
        body.path("alerts").forEach(a -> fresh.add(AlertItem.of(a))); // the viewer's /monitoring/alerts shape
        fresh.sort(AlertItem.ORDER);
        Set<String> nowFiring = new HashSet<>();
        for (AlertItem a : fresh) {
            if (a.firing()) {
                nowFiring.add(a.fingerprint());
                if (knownFiring != null && !knownFiring.contains(a.fingerprint()) && !a.muted() && setting.notifies(a.severity())) {
                    notifier.post(level(a.severity()), "Alert firing: " + a.ruleName(),
                            a.summary() + (Double.isNaN(a.value()) ? "" : " (value " + Format.value(a.value()) + ")"));
                }
            }
        }
        knownFiring = nowFiring;
        KeyedList.sync(alerts, fresh, AlertItem::fingerprint);
        firing.set(nowFiring.size());
        muted.set(body.path("muted_count").asInt());
        error.set("");
    }

    /**
     * Reads the alerts with {@code api}: {@code GET /admin/alerts}, or for credentials without the admin role (403)
     * the dashboard's {@code GET /monitoring/alerts}, which lists the same alerts, so a viewer still gets the badge.
     */
    public static JsonNode read(ApiClient api) throws ApiException {
        try {
            return api.get("/admin/alerts");
        } catch (ApiException e) {
            if (e.status() != 403) {
                throw e;
            }
            return api.get("/monitoring/alerts");
        }
    }

    private static Notifier.Level level(String severity) {
        return switch (severity) {
            case "critical" -> Notifier.Level.ERROR;
            case "warning" -> Notifier.Level.WARNING;
            default -> Notifier.Level.INFO;
        };
    }

    /** Pending and firing alerts, firing first ({@link AlertItem#ORDER}); updated in place. */
    public ObservableList<AlertItem> alerts() {
        return readOnlyAlerts;
    }

    public ReadOnlyIntegerProperty firingProperty() {
        return firing.getReadOnlyProperty();
    }

    /** How many alerts are silenced or acknowledged (no notifications go out for them). */
    public ReadOnlyIntegerProperty mutedProperty() {
        return muted.getReadOnlyProperty();
    }

    /** The firing count for the navigation badge; empty when nothing fires. */
    public StringBinding badgeText() {
        return badge;
    }

    /** Why the last read failed, in words; empty after a success. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public NotifySetting setting() {
        return setting;
    }
}
