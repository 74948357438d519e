package dev.opsdeck.console.alerts;

import dev.opsdeck.console.fx.KeyedList;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules tab: rules with their enabled switch, the selected rule's recent evaluations, and the editor
 * (create or edit) whose errors are kept per field so the view can show each next to its input.
 */
public final class RulesViewModel {
    private final UiExecutor ui;
    private final AlertsApi api;
    private final ObservableList<RuleItem> rules = FXCollections.observableArrayList();
    private final ObservableList<Evaluation> evaluations = FXCollections.observableArrayList();
    private final ObservableMap<String, String> fieldErrors = FXCollections.observableHashMap();
    private final ObjectProperty<RuleItem> selected = new SimpleObjectProperty<>(this, "selected");
    /** The draft being edited; null while the editor is closed. {@code editing} is its rule name, or null for a new one. */
    private final ReadOnlyObjectWrapper<RuleDraft> draft = new ReadOnlyObjectWrapper<>(this, "draft");
    private String editing;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public RulesViewModel(UiExecutor ui, AlertsApi api) {
        this.ui = ui;
        this.api = api;
        selected.addListener((obs, old, now) -> loadEvaluations());
    }

    public void load() {
        ui.submit(() -> api.get("/admin/alerts/rules"), body -> {
            List<RuleItem> fresh = new ArrayList<>();
            body.path("rules").forEach(r -> fresh.add(RuleItem.of(r)));
            KeyedList.sync(rules, fresh, RuleItem::name);
            error.set("");
        }, e -> error.set(e.getMessage()));
    }

    /** Switches a rule on or off on the backend; the list shows the backend's answer, or reloads on failure. */
    public void setEnabled(RuleItem rule, boolean on) {
        ui.submit(() -> api.post("/admin/alerts/rules/" + AlertsApi.segment(rule.name()) + "/toggle",
                Map.of("enabled", on), Optional.empty()), body -> {
                    replace(RuleItem.of(body.path("rule")));
                    message.set(rule.name() + ": " + Json.text(body.path("message")) + ".");
                    error.set("");
                }, e -> {
                    error.set(rule.name() + ": " + e.getMessage());
                    load();
                });
    }

    private void loadEvaluations() {
        RuleItem r = selected.get();
        if (r == null) {
            evaluations.clear();
            return;
        }
        ui.submit(() -> api.get("/admin/alerts/rules/" + AlertsApi.segment(r.name())), body -> {
            List<Evaluation> list = new ArrayList<>();
            body.path("rule").path("evaluations").forEach(e -> list.add(Evaluation.of(e)));
            evaluations.setAll(list);
        }, e -> error.set(e.getMessage()));
    }

    /** Opens the editor on {@code rule}, or on a new rule when null. */
    public void edit(RuleItem rule) {
        fieldErrors.clear();
        editing = rule == null ? null : rule.name();
        draft.set(rule == null ? RuleDraft.empty() : rule.draft());
    }

    public void cancelEdit() {
        draft.set(null);
        fieldErrors.clear();
    }

    /** Checks {@code typed}, then creates or edits it; the backend's field error lands next to its field. */
    public void save(RuleDraft typed) {
        fieldErrors.clear();
        Map<String, String> problems = typed.problems();
        if (!problems.isEmpty()) {
            fieldErrors.putAll(problems);
            return;
        }
        String name = editing;
        ui.submit(() -> name == null ? api.post("/admin/alerts/rules", typed.body(), Optional.empty())
                : api.put("/admin/alerts/rules/" + AlertsApi.segment(name), typed.body()), body -> {
                    draft.set(null);
                    message.set((name == null ? "Created " : "Saved ") + typed.name().trim() + ".");
                    error.set("");
                    load();
                }, e -> {
                    String field = e instanceof ApiException a ? a.field() : "";
                    if (field.isEmpty() || field.startsWith("runbook")) {
                        error.set(e.getMessage());
                    } else {
                        fieldErrors.put(field, problem(e.getMessage(), field));
                    }
                });
    }

    /** Deletes a custom rule (the backend refuses built-ins: they can only be disabled). */
    public void delete(RuleItem rule) {
        ui.submit(() -> api.delete("/admin/alerts/rules/" + AlertsApi.segment(rule.name())), body -> {
            message.set("Deleted " + rule.name() + ".");
            load();
        }, e -> error.set(e.getMessage()));
    }

    /** "HTTP 400 from /admin/alerts/rules: for: not a duration" next to the "for" field reads "not a duration". */
    static String problem(String message, String field) {
        int at = message.indexOf(field + ": ");
        return at < 0 ? message : message.substring(at + field.length() + 2);
    }

    private void replace(RuleItem fresh) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).name().equals(fresh.name())) {
                rules.set(i, fresh);
            }
        }
    }

    public ObservableList<RuleItem> rules() { return rules; }
    /** Newest first. */
    public ObservableList<Evaluation> evaluations() { return evaluations; }
    /** Backend field name (name, expr, threshold, for, ...) to the problem in words. */
    public ObservableMap<String, String> fieldErrors() { return fieldErrors; }
    public ObjectProperty<RuleItem> selectedProperty() { return selected; }
    public ReadOnlyObjectProperty<RuleDraft> draftProperty() { return draft.getReadOnlyProperty(); }
    /** True while the editor edits an existing rule (its name cannot change). */
    public boolean editingExisting() { return editing != null; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
