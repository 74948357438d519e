package dev.opsdeck.console.alerts;

import dev.opsdeck.console.fx.Columns;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.shell.Session;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.text.MessageFormat;

/** Controller of AlertMutes.fxml: silences (those matching nothing flagged), acknowledgements, webhook and dead letters. */
final class MutesView {
    private final MutesViewModel viewModel;
    private final Session session;
    private final Resources resources;

    @FXML private Label message;
    @FXML private Label error;
    @FXML private Label matchingNothing;
    @FXML private TableView<SilenceItem> silences;
    @FXML private TableColumn<SilenceItem, String> silenceMatchers;
    @FXML private TableColumn<SilenceItem, String> silenceReason;
    @FXML private TableColumn<SilenceItem, String> silenceBy;
    @FXML private TableColumn<SilenceItem, String> silenceEnds;
    @FXML private TableColumn<SilenceItem, String> silenceMatched;
    @FXML private Button expire;
    @FXML private TableView<AckItem> acks;
    @FXML private TableColumn<AckItem, String> ackRule;
    @FXML private TableColumn<AckItem, String> ackOwner;
    @FXML private TableColumn<AckItem, String> ackComment;
    @FXML private TableColumn<AckItem, String> ackExpires;
    @FXML private Button withdraw;
    @FXML private Label webhookState;
    @FXML private Label webhookDetails;
    @FXML private TableView<DeadLetterItem> deadLetters;
    @FXML private TableColumn<DeadLetterItem, String> dlCreated;
    @FXML private TableColumn<DeadLetterItem, String> dlGroup;
    @FXML private TableColumn<DeadLetterItem, String> dlAttempts;
    @FXML private TableColumn<DeadLetterItem, String> dlError;
    @FXML private TableColumn<DeadLetterItem, String> dlRedelivered;
    @FXML private Button redeliver;

    MutesView(MutesViewModel viewModel, Session session, Resources resources) {
        this.viewModel = viewModel;
        this.session = session;
        this.resources = resources;
    }

    Parent load() {
        return resources.loadView("AlertMutes.fxml", this);
    }

    @FXML
    private void initialize() {
        message.textProperty().bind(viewModel.messageProperty());
        error.textProperty().bind(viewModel.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        matchingNothing.textProperty().bind(Bindings.createStringBinding(() -> viewModel.matchingNothingProperty().get() == 0 ? ""
                : MessageFormat.format(resources.text("alerts.silences.nothing"), viewModel.matchingNothingProperty().get()),
                viewModel.matchingNothingProperty()));

        silences.setItems(viewModel.silences());
        silences.setPlaceholder(new Label(resources.text("alerts.silences.empty")));
        Columns.text(silenceMatchers, SilenceItem::matchers);
        Columns.text(silenceReason, SilenceItem::reason);
        Columns.text(silenceBy, SilenceItem::createdBy);
        Columns.text(silenceEnds, s -> Format.time(s.endsAt()));
        Columns.text(silenceMatched, s -> !s.active() ? resources.text("alerts.silences.inactive")
                : s.matchesNothing() ? resources.text("alerts.silences.matchesNothing") : s.matched() + " alert(s)");
        Cells.adminOnly(expire, session, silences.getSelectionModel().selectedItemProperty().isNull());

        acks.setItems(viewModel.acks());
        acks.setPlaceholder(new Label(resources.text("alerts.acks.empty")));
        Columns.text(ackRule, AckItem::ruleName);
        Columns.text(ackOwner, AckItem::owner);
        Columns.text(ackComment, AckItem::comment);
        Columns.text(ackExpires, a -> Format.time(a.expiresAt()));
        Cells.adminOnly(withdraw, session, acks.getSelectionModel().selectedItemProperty().isNull());

        viewModel.webhookStateProperty().addListener((o, a, b) -> Cells.style(webhookState, b));
        webhookState.textProperty().bind(viewModel.webhookStateProperty());
        webhookDetails.textProperty().bind(viewModel.webhookDetailsProperty());
        deadLetters.setItems(viewModel.deadLetters());
        deadLetters.setPlaceholder(new Label(resources.text("alerts.webhook.empty")));
        Columns.text(dlCreated, d -> Format.time(d.createdAt()));
        Columns.text(dlGroup, DeadLetterItem::groupKey);
        Columns.text(dlAttempts, d -> Integer.toString(d.attempts()));
        Columns.text(dlError, DeadLetterItem::lastError);
        Columns.text(dlRedelivered, d -> Format.time(d.redeliveredAt()));
        Cells.adminOnly(redeliver, session, Bindings.isEmpty(viewModel.deadLetters()));
    }

    @FXML
    private void expire() {
        SilenceItem s = silences.getSelectionModel().getSelectedItem();
        if (s != null) {
            viewModel.expire(s);
        }
    }

    @FXML
    private void withdraw() {
        AckItem a = acks.getSelectionModel().getSelectedItem();
        if (a != null) {
            viewModel.withdraw(a);
        }
    }

    @FXML
    private void redeliver() {
        viewModel.redeliver();
    }
}
