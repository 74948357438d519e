package dev.opsdeck.console.alerts;

import dev.opsdeck.console.fx.Columns;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.shell.Session;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.control.ToggleSwitch;

import java.text.MessageFormat;
import java.util.List;
import java.util.Map;

/** Controller of AlertRules.fxml: the rules with their switches, the editor with per-field errors, evaluations. */
final class RulesView {
    private final RulesViewModel viewModel;
    private final Session session;
    private final Resources resources;

    @FXML private Button newRule;
    @FXML private Button editRule;
    @FXML private Button deleteRule;
    @FXML private Label message;
    @FXML private HBox deletePane;
    @FXML private Label deleteText;
    @FXML private Button deleteConfirm;
    @FXML private Button deleteCancel;
    @FXML private Button editCancel;
    @FXML private Label error;
    @FXML private TableView<RuleItem> rulesTable;
    @FXML private TableColumn<RuleItem, RuleItem> enabledColumn;
    @FXML private TableColumn<RuleItem, String> nameColumn;
    @FXML private TableColumn<RuleItem, String> severityColumn;
    @FXML private TableColumn<RuleItem, String> stateColumn;
    @FXML private TableColumn<RuleItem, String> forColumn;
    @FXML private TableColumn<RuleItem, String> promqlColumn;
    @FXML private VBox editor;
    @FXML private Label editorTitle;
    @FXML private TextField name;
    @FXML private TextArea expr;
    @FXML private ComboBox<String> comparison;
    @FXML private TextField threshold;
    @FXML private TextField forText;
    @FXML private TextField consecutive;
    @FXML private ComboBox<String> severity;
    @FXML private TextField summary;
    @FXML private TextArea description;
    @FXML private CheckBox enabled;
    @FXML private Button save;
    @FXML private Label nameError;
    @FXML private Label exprError;
    @FXML private Label thresholdError;
    @FXML private Label forError;
    @FXML private Label summaryError;
    @FXML private Label evaluationsTitle;
    @FXML private TableView<Evaluation> evaluations;
    @FXML private TableColumn<Evaluation, String> atColumn;
    @FXML private TableColumn<Evaluation, String> seriesColumn;
    @FXML private TableColumn<Evaluation, String> breachingColumn;
    @FXML private TableColumn<Evaluation, String> valueColumn;
    @FXML private TableColumn<Evaluation, String> evalErrorColumn;

    RulesView(RulesViewModel viewModel, Session session, Resources resources) {
        this.viewModel = viewModel;
        this.session = session;
        this.resources = resources;
    }

    Parent load() {
        return resources.loadView("AlertRules.fxml", this);
    }

    @FXML
    private void initialize() {
        rulesTable.setItems(viewModel.rules());
        enabledColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        enabledColumn.setCellFactory(col -> new SwitchCell());
        Columns.text(nameColumn, RuleItem::name);
        Cells.badge(severityColumn, RuleItem::severity);
        Cells.badge(stateColumn, RuleItem::state);
        Columns.text(forColumn, RuleItem::forText);
        Columns.text(promqlColumn, RuleItem::promql);
        java.util.function.Predicate<RuleItem> transient_ = Cells.keepSelection(rulesTable, RuleItem::name);
        rulesTable.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            RuleItem before = viewModel.selectedProperty().get();
            // An in-place refresh replaces the row object; only a different rule reloads its evaluations.
            if (!transient_.test(now) && (now == null || before == null || !now.name().equals(before.name()))) {
                viewModel.selectedProperty().set(now);
                cancelDelete();
            }
        });
        // Keyboard: Space on the selected rule flips its switch, Enter opens the editor.
        rulesTable.setOnKeyPressed(e -> {
            RuleItem r = rulesTable.getSelectionModel().getSelectedItem();
            if (r != null && session.adminProperty().get() && e.getCode() == KeyCode.SPACE) {
                viewModel.setEnabled(r, !r.enabled());
                e.consume();
            } else if (r != null && e.getCode() == KeyCode.ENTER) {
                editRule();
                e.consume();
            }
        });
        ObservableBooleanValue none = rulesTable.getSelectionModel().selectedItemProperty().isNull();
        Cells.adminOnly(newRule, session, Bindings.createBooleanBinding(() -> false));
        Cells.adminOnly(editRule, session, none);
        Cells.adminOnly(deleteRule, session, Bindings.createBooleanBinding(() -> {
            RuleItem r = rulesTable.getSelectionModel().getSelectedItem();
            return r == null || r.builtin();
        }, rulesTable.getSelectionModel().selectedItemProperty()));
        Cells.adminOnly(save, session, Bindings.createBooleanBinding(() -> false));
        message.textProperty().bind(viewModel.messageProperty());
        error.textProperty().bind(viewModel.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        deletePane.managedProperty().bind(deletePane.visibleProperty());
        Cells.formKeys(deletePane, deleteConfirm, deleteCancel);
        // A background reload re-orders by name; a user sort would be undone every few seconds.
        rulesTable.getColumns().forEach(c -> c.setSortable(false));
        deletePane.setVisible(false);

        comparison.getItems().setAll(List.of(">", ">=", "<", "<=", "==", "!="));
        severity.getItems().setAll(Severity.ALL);
        editor.visibleProperty().bind(viewModel.draftProperty().isNotNull());
        editor.managedProperty().bind(editor.visibleProperty());
        Cells.formKeys(editor, save, editCancel);
        viewModel.draftProperty().addListener((o, old, now) -> fill(now));
        viewModel.fieldErrors().addListener((MapChangeListener<String, String>) c -> showErrors());
        showErrors();

        evaluations.setItems(viewModel.evaluations());
        evaluations.setPlaceholder(new Label(resources.text("alerts.eval.none")));
        Columns.text(atColumn, e -> Format.time(e.at()));
        Columns.text(seriesColumn, e -> Integer.toString(e.series()));
        Columns.text(breachingColumn, e -> Integer.toString(e.breaching()));
        Columns.text(valueColumn, e -> e.value() == null ? "\u2014" : Format.value(e.value()));
        Columns.text(evalErrorColumn, Evaluation::error);
        evaluationsTitle.textProperty().bind(Bindings.createStringBinding(() -> viewModel.selectedProperty().get() == null ? ""
                : MessageFormat.format(resources.text("alerts.eval.title"), viewModel.selectedProperty().get().name()),
                viewModel.selectedProperty()));
    }

    private void fill(RuleDraft d) {
        if (d == null) {
            return;
        }
        editorTitle.setText(viewModel.editingExisting() ? MessageFormat.format(resources.text("alerts.rule.editing"), d.name())
                : resources.text("alerts.rule.new"));
        name.setText(d.name());
        name.setEditable(!viewModel.editingExisting());
        expr.setText(d.expr());
        comparison.setValue(d.comparison());
        threshold.setText(d.threshold());
        forText.setText(d.forText());
        consecutive.setText(d.consecutive());
        severity.setValue(d.severity());
        summary.setText(d.summary());
        description.setText(d.description());
        enabled.setSelected(d.enabled());
        (viewModel.editingExisting() ? expr : name).requestFocus();
    }

    private void showErrors() {
        Map<String, String> errors = viewModel.fieldErrors();
        show(nameError, name, errors.get("name"));
        show(exprError, expr, errors.get("expr"));
        show(thresholdError, threshold, errors.containsKey("threshold") ? errors.get("threshold") : errors.get("comparison"));
        show(forError, forText, errors.containsKey("for") ? errors.get("for")
                : errors.containsKey("consecutive") ? errors.get("consecutive") : errors.get("severity"));
        show(summaryError, summary, errors.containsKey("summary") ? errors.get("summary") : errors.get("description"));
    }

    private static void show(Label label, TextInputControl input, String problem) {
        label.setText(problem == null ? "" : problem);
        label.setVisible(problem != null);
        label.setManaged(problem != null);
        input.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), problem != null);
    }

    @FXML
    private void newRule() {
        viewModel.edit(null);
    }

    @FXML
    private void editRule() {
        RuleItem r = rulesTable.getSelectionModel().getSelectedItem();
        if (r != null) {
            viewModel.edit(r);
        }
    }

    @FXML
    private void save() {
        RuleDraft base = viewModel.draftProperty().get();
        viewModel.save(new RuleDraft(name.getText(), expr.getText(), comparison.getValue(), threshold.getText(),
                forText.getText(), consecutive.getText(), severity.getValue(), summary.getText(), description.getText(),
                base == null ? null : base.runbook(), enabled.isSelected()));
    }

    @FXML
    private void cancelEdit() {
        viewModel.cancelEdit();
    }

    @FXML
    private void askDelete() {
        RuleItem r = rulesTable.getSelectionModel().getSelectedItem();
        if (r == null) {
            return;
        }
        deleteText.setText(MessageFormat.format(resources.text("alerts.rules.delete.ask"), r.name()));
        deletePane.setVisible(true);
        deleteConfirm.requestFocus();
    }

    @FXML
    private void delete() {
        RuleItem r = rulesTable.getSelectionModel().getSelectedItem();
        cancelDelete();
        if (r != null) {
            viewModel.delete(r);
        }
    }

    @FXML
    private void cancelDelete() {
        deletePane.setVisible(false);
    }

    /** The on/off switch of one rule; a user flip calls the backend, a refresh only shows its answer. */
    private final class SwitchCell extends TableCell<RuleItem, RuleItem> {
        private final ToggleSwitch toggle = new ToggleSwitch();
        private boolean updating;

        SwitchCell() {
            toggle.disableProperty().bind(session.adminProperty().not());
            toggle.selectedProperty().addListener((o, was, on) -> {
                RuleItem r = getItem();
                if (!updating && r != null && r.enabled() != on) {
                    viewModel.setEnabled(r, on);
                }
            });
        }

        @Override
        protected void updateItem(RuleItem r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                return;
            }
            updating = true;
            toggle.setSelected(r.enabled());
            updating = false;
            toggle.setId("toggle-" + r.name());
            setGraphic(toggle);
        }
    }
}
