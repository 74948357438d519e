package dev.opsdeck.console.alerts;

import dev.opsdeck.console.fx.Columns;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.shell.Session;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import java.text.MessageFormat;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/** Controller of AlertsFiring.fxml: the alerts table and the selected alert's runbook, actions, ack and silence. */
final class FiringView {
    private final AlertsViewModel viewModel;
    private final Session session;
    private final Resources resources;
    private final Clock clock;
    private RunbookAction pendingAction;
    /** The alert the detail pane was built for. */
    private AlertItem shown;

    @FXML private TableView<AlertItem> alertsTable;
    @FXML private TableColumn<AlertItem, String> severityColumn;
    @FXML private TableColumn<AlertItem, String> ruleColumn;
    @FXML private TableColumn<AlertItem, String> stateColumn;
    @FXML private TableColumn<AlertItem, String> sinceColumn;
    @FXML private TableColumn<AlertItem, String> valueColumn;
    @FXML private TableColumn<AlertItem, String> summaryColumn;
    @FXML private VBox detail;
    @FXML private Label detailTitle;
    @FXML private Label detailSummary;
    @FXML private Label detailFacts;
    @FXML private Label detailMuted;
    @FXML private Button ackButton;
    @FXML private Button silenceButton;
    @FXML private VBox ackPane;
    @FXML private TextField ackOwner;
    @FXML private ComboBox<String> ackExpiry;
    @FXML private TextField ackComment;
    @FXML private Button ackConfirm;
    @FXML private VBox silencePane;
    @FXML private TextField silenceReason;
    @FXML private ComboBox<String> silenceDuration;
    @FXML private Button silenceConfirm;
    @FXML private Label runbookTitle;
    @FXML private VBox runbookSteps;
    @FXML private FlowPane runbookActions;
    @FXML private VBox actionConfirmPane;
    @FXML private Label actionConfirmText;
    @FXML private Button actionConfirm;
    @FXML private Button ackCancel;
    @FXML private Button silenceCancel;
    @FXML private Button actionCancel;
    @FXML private Label message;
    @FXML private Label error;
    @FXML private TextArea output;

    FiringView(AlertsViewModel viewModel, Session session, Resources resources, Clock clock) {
        this.viewModel = viewModel;
        this.session = session;
        this.resources = resources;
        this.clock = clock;
    }

    Parent load() {
        return resources.loadView("AlertsFiring.fxml", this);
    }

    @FXML
    private void initialize() {
        alertsTable.setItems(viewModel.feed().alerts());
        alertsTable.setPlaceholder(new Label(resources.text("alerts.empty")));
        Cells.badge(severityColumn, AlertItem::severity);
        // Two alerts of one rule differ by their labels: show those, or the rows would look like duplicates.
        Columns.text(ruleColumn, a -> a.distinguishingLabels().isEmpty() ? a.ruleName() : a.ruleName() + "\n" + a.distinguishingLabels());
        Cells.badge(stateColumn, AlertItem::state);
        // Computed at render time; the page refreshes the table on each feed answer so ages move.
        Columns.text(sinceColumn, a -> Format.age(a.since(), clock.instant()));
        Columns.text(valueColumn, a -> Format.value(a.value()));
        // Words, not an emoji: the console's fonts may lack one, and "muted" is what the header counts.
        Columns.text(summaryColumn, a -> a.muted() ? "(muted) " + a.summary() : a.summary());
        java.util.function.Predicate<AlertItem> transient_ = Cells.keepSelection(alertsTable, AlertItem::fingerprint);
        alertsTable.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (transient_.test(now)) {
                return; // a refresh replaced the row; it is selected again at once, forms stay open
            }
            // The same alert with fresh values keeps its forms open; another alert starts clean.
            boolean same = now != null && shown != null && shown.fingerprint().equals(now.fingerprint());
            viewModel.selectedProperty().set(now);
            if (!same) {
                closeForms();
            }
            show(now);
        });

        ackExpiry.getItems().setAll(List.of("30m", "1h", "4h", "8h", "24h"));
        ackExpiry.setValue("4h");
        silenceDuration.getItems().setAll(List.of("30m", "1h", "2h", "8h", "24h", "7d"));
        silenceDuration.setValue("2h");
        for (Button b : List.of(ackButton, silenceButton, ackConfirm, silenceConfirm, actionConfirm)) {
            admin(b);
        }
        for (VBox form : List.of(ackPane, silencePane, actionConfirmPane)) {
            form.managedProperty().bind(form.visibleProperty());
        }
        // Enter confirms and Esc cancels the open form: a scene holds one default and one cancel button at a time.
        Cells.formKeys(ackPane, ackConfirm, ackCancel);
        Cells.formKeys(silencePane, silenceConfirm, silenceCancel);
        Cells.formKeys(actionConfirmPane, actionConfirm, actionCancel);
        for (TableColumn<AlertItem, ?> c : alertsTable.getColumns()) {
            c.setSortable(false); // the order is the point: firing first, then by severity and age
        }
        message.textProperty().bind(viewModel.messageProperty());
        error.textProperty().bind(viewModel.errorProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        output.textProperty().bind(viewModel.outputProperty());
        output.visibleProperty().bind(viewModel.outputProperty().isNotEmpty());
        output.managedProperty().bind(output.visibleProperty());
        closeForms();
        show(null);
    }

    private void admin(Button b) {
        Cells.adminOnly(b, session, viewModel.busyProperty());
    }

    /** Re-renders ages; keeps the selection by fingerprint across in-place updates. */
    void refresh() {
        alertsTable.refresh();
        show(alertsTable.getSelectionModel().getSelectedItem());
    }

    private void show(AlertItem a) {
        boolean has = a != null;
        ackButton.getParent().setVisible(has);
        if (!has) {
            shown = null;
            detailTitle.setText(resources.text("alerts.select"));
            detailSummary.setText("");
            detailFacts.setText("");
            detailMuted.setText("");
            runbookTitle.setText("");
            runbookSteps.getChildren().clear();
            runbookActions.getChildren().clear();
            return;
        }
        detailTitle.setText(a.ruleName() + " \u00b7 " + a.severity());
        detailSummary.setText(a.summary());
        detailFacts.setText(facts(a));
        String mutedBy = (a.ackOwner().isEmpty() ? "" : "acknowledged by " + a.ackOwner())
                + (a.silencedBy().isEmpty() ? "" : (a.ackOwner().isEmpty() ? "" : "; ") + "silenced by #" + a.silencedBy());
        detailMuted.setText(a.muted() ? MessageFormat.format(resources.text("alerts.mutedBy"), mutedBy) : "");
        runbookTitle.setText(a.runbookTitle().isEmpty() ? "" : MessageFormat.format(resources.text("alerts.runbook"), a.runbookTitle()));
        // Values move on every evaluation; rebuilding the buttons then would steal the focus from a runbook button.
        if (shown == null || !shown.fingerprint().equals(a.fingerprint()) || !shown.actions().equals(a.actions())
                || !shown.steps().equals(a.steps())) {
            runbook(a);
        }
        shown = a;
    }

    private void runbook(AlertItem a) {
        runbookSteps.getChildren().clear();
        runbookActions.getChildren().clear();
        int i = 1;
        for (String step : a.steps()) {
            Label l = new Label(i++ + ". " + step);
            l.setWrapText(true);
            runbookSteps.getChildren().add(l);
        }
        for (RunbookAction action : a.actions()) {
            Button b = new Button(action.label() + (action.writes() ? "\u2026" : ""));
            b.setId("action-" + action.id());
            if (action.unresolved()) {
                b.setDisable(true);
                b.setTooltip(new Tooltip(resources.text("alerts.action.unresolved")));
            } else if (action.writes()) {
                admin(b);
                b.setOnAction(e -> askAction(action));
            } else {
                b.setOnAction(e -> viewModel.runAction(action));
            }
            runbookActions.getChildren().add(b);
        }
    }

    private String facts(AlertItem a) {
        return MessageFormat.format(resources.text("alerts.facts"), a.state(), Format.time(a.since()),
                Format.age(a.since(), clock.instant()), Format.value(a.value()),
                a.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(", ")));
    }

    private void askAction(RunbookAction action) {
        closeForms();
        pendingAction = action;
        actionConfirmText.setText(MessageFormat.format(resources.text("alerts.action.confirm"), action.label(), action.method(),
                action.path(), action.body() == null ? "" : " " + action.body()));
        actionConfirmPane.setVisible(true);
        actionConfirm.requestFocus();
    }

    @FXML
    private void confirmAction() {
        RunbookAction a = pendingAction;
        closeForms();
        if (a != null) {
            viewModel.runAction(a);
        }
    }

    @FXML
    private void openAck() {
        closeForms();
        ackPane.setVisible(true);
        ackConfirm.requestFocus();
    }

    @FXML
    private void openSilence() {
        closeForms();
        AlertItem a = viewModel.selectedProperty().get();
        silenceReason.setText(a == null ? "" : MessageFormat.format(resources.text("alerts.silence.reasonDefault"), a.ruleName()));
        silencePane.setVisible(true);
        silenceConfirm.requestFocus();
    }

    @FXML
    private void acknowledge() {
        viewModel.acknowledge(ackOwner.getText(), ackComment.getText(), ackExpiry.getValue());
        closeForms();
    }

    @FXML
    private void silence() {
        viewModel.silence(silenceDuration.getValue(), silenceReason.getText());
        closeForms();
    }

    @FXML
    private void closeForms() {
        pendingAction = null;
        ackPane.setVisible(false);
        silencePane.setVisible(false);
        actionConfirmPane.setVisible(false);
    }
}
