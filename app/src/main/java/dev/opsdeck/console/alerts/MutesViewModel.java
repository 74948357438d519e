package dev.opsdeck.console.alerts;

import dev.opsdeck.console.fx.KeyedList;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The silences and notifications tab: silences (those matching nothing flagged), active acknowledgements, and the
 * webhook's health with its dead letters, each with the action that ends or retries it.
 */
public final class MutesViewModel {
    private final UiExecutor ui;
    private final AlertsApi api;
    private final Runnable changed;
    private final ObservableList<SilenceItem> silences = FXCollections.observableArrayList();
    private final ObservableList<AckItem> acks = FXCollections.observableArrayList();
    private final ObservableList<DeadLetterItem> deadLetters = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper matchingNothing = new ReadOnlyIntegerWrapper(this, "matchingNothing");
    private final ReadOnlyStringWrapper webhookState = new ReadOnlyStringWrapper(this, "webhookState", "");
    private final ReadOnlyStringWrapper webhookDetails = new ReadOnlyStringWrapper(this, "webhookDetails", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /** @param changed called after an action that changes what is muted (the feed then reads the alerts again) */
    public MutesViewModel(UiExecutor ui, AlertsApi api, Runnable changed) {
        this.ui = ui;
        this.api = api;
        this.changed = changed;
    }

    public void load() {
        ui.submit(() -> api.get("/admin/alerts/silences"), body -> {
            List<SilenceItem> list = new ArrayList<>();
            body.path("silences").forEach(s -> list.add(SilenceItem.of(s)));
            KeyedList.sync(silences, list, SilenceItem::id);
            matchingNothing.set(body.path("matching_nothing").size());
        }, this::failed);
        ui.submit(() -> api.get("/admin/alerts/acks"), body -> {
            List<AckItem> list = new ArrayList<>();
            body.path("acks").forEach(a -> list.add(AckItem.of(a)));
            KeyedList.sync(acks, list, AckItem::id);
        }, this::failed);
        ui.submit(() -> api.get("/admin/alerts/webhook"), this::webhook, this::failed);
    }

    private void webhook(JsonNode body) {
        JsonNode s = body.path("status");
        JsonNode d = s.path("details");
        webhookState.set(s.path("state").asText("unknown"));
        webhookDetails.set(!d.path("configured").asBoolean()
                ? "No webhook URL is configured: alert notifications go to the console and /ws only."
                : "to " + Json.text(d.path("host")) + " \u00b7 sent " + d.path("sent").asLong() + " \u00b7 failed attempts "
                + d.path("failed_attempts").asLong() + " \u00b7 in flight " + d.path("in_flight").asLong()
                + " \u00b7 pending dead letters " + d.path("pending_dead_letters").asLong()
                + (Json.text(s.path("last_error")).isEmpty() ? "" : " \u00b7 last error: " + Json.text(s.path("last_error"))));
        List<DeadLetterItem> list = new ArrayList<>();
        body.path("dead_letters").forEach(x -> list.add(DeadLetterItem.of(x)));
        KeyedList.sync(deadLetters, list, DeadLetterItem::id);
    }

    /** Ends a silence now. */
    public void expire(SilenceItem s) {
        act(() -> api.delete("/admin/alerts/silences/" + s.id()), "Silence " + s.id() + " ended.");
    }

    /** Withdraws an acknowledgement: notifications for its alert resume. */
    public void withdraw(AckItem a) {
        act(() -> api.delete("/admin/alerts/acks/" + a.id()), "Acknowledgement of " + a.ruleName() + " withdrawn.");
    }

    /** Queues every dead letter not yet redelivered for a fresh set of attempts. */
    public void redeliver() {
        act(() -> api.post("/admin/alerts/webhook/redeliver", null, Optional.empty()), "Dead letters queued for redelivery.");
    }

    private void act(java.util.concurrent.Callable<JsonNode> call, String done) {
        error.set("");
        ui.submit(call, body -> {
            message.set(done);
            changed.run();
            load();
        }, this::failed);
    }

    private void failed(Throwable e) {
        error.set(e.getMessage());
    }

    public ObservableList<SilenceItem> silences() { return silences; }
    public ObservableList<AckItem> acks() { return acks; }
    public ObservableList<DeadLetterItem> deadLetters() { return deadLetters; }
    /** Active silences that mute no live alert. */
    public ReadOnlyIntegerProperty matchingNothingProperty() { return matchingNothing.getReadOnlyProperty(); }
    /** up, degraded, down or disabled. */
    public ReadOnlyStringProperty webhookStateProperty() { return webhookState.getReadOnlyProperty(); }
    public ReadOnlyStringProperty webhookDetailsProperty() { return webhookDetails.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
