package dev.opsdeck.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The firing tab: the selected alert and what an operator does about it: acknowledge (owner, comment, expiry),
 * silence (duration, reason) and the runbook's actions. Results and errors are sentences in {@link #messageProperty()}
 * / {@link #errorProperty()}; the output of a runbook read lands in {@link #outputProperty()}.
 */
public final class AlertsViewModel {
    private static final ObjectMapper PRETTY = new ObjectMapper();

    private final UiExecutor ui;
    private final AlertsApi api;
    private final AlertsFeed feed;
    private final ObjectProperty<AlertItem> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper output = new ReadOnlyStringWrapper(this, "output", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    public AlertsViewModel(UiExecutor ui, AlertsApi api, AlertsFeed feed) {
        this.ui = ui;
        this.api = api;
        this.feed = feed;
    }

    /** Acknowledges the selected alert; blank owner means "whoever the credentials are". */
    public void acknowledge(String owner, String comment, String expiry) {
        AlertItem a = selected.get();
        if (a == null) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fingerprint", a.fingerprint());
        body.put("owner", blankToNull(owner));
        body.put("comment", blankToNull(comment));
        body.put("duration", expiry);
        run(() -> api.post("/admin/alerts/acks", body, Optional.empty()),
                r -> "Acknowledged " + a.ruleName() + " for " + expiry + " (owner " + r.path("ack").path("owner").asText() + ").");
    }

    /** Silences exactly the selected alert (its labels) for {@code duration}. */
    public void silence(String duration, String reason) {
        AlertItem a = selected.get();
        if (a == null) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fingerprint", a.fingerprint());
        body.put("duration", duration);
        body.put("reason", reason == null ? "" : reason.trim());
        run(() -> api.post("/admin/alerts/silences", body, Optional.empty()),
                r -> "Silenced " + a.ruleName() + " until " + Format.time(Json.instant(r.path("silence").path("ends_at"))) + ".");
    }

    /** Runs a runbook action; writes carry an idempotency key so a double click runs once. */
    public void runAction(RunbookAction action) {
        Callable<JsonNode> call = action.writes()
                ? () -> api.post(action.path(), action.body(), Optional.of(UUID.randomUUID().toString()))
                : () -> api.get(action.path());
        run(call, r -> {
            output.set(pretty(r));
            String said = Json.text(r.path("message"));
            return action.label() + ": " + (said.isEmpty() ? "done" : said) + ".";
        });
    }

    private void run(Callable<JsonNode> call, java.util.function.Function<JsonNode, String> done) {
        busy.set(true);
        error.set("");
        message.set("");
        ui.submit(call, r -> {
            busy.set(false);
            message.set(done.apply(r));
            feed.refresh();
        }, e -> {
            busy.set(false);
            error.set(e.getMessage());
        });
    }

    static String pretty(JsonNode n) {
        try {
            String s = PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(n);
            return s.length() > 20_000 ? s.substring(0, 20_000) + "\n\u2026" : s;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return n.toString();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The alert the detail pane shows. */
    public ObjectProperty<AlertItem> selectedProperty() { return selected; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** The last runbook action's answer, pretty-printed. */
    public ReadOnlyStringProperty outputProperty() { return output.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public AlertsFeed feed() { return feed; }
}
