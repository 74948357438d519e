package dev.opsdeck.console.alerts;

import dev.opsdeck.console.fx.Resources;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

import java.text.MessageFormat;

/** Controller of Alerts.fxml: the header (counts, notification threshold) and the four tabs' contents. */
final class AlertsView {
    private final AlertsFeed feed;
    private final Resources resources;
    private final Parent firing;
    private final Parent history;
    private final Parent rules;
    private final Parent mutes;

    @FXML private Label firingCount;
    @FXML private Label pendingCount;
    @FXML private Label mutedCount;
    @FXML private ComboBox<String> notifyThreshold;
    @FXML private Label feedError;
    @FXML private TabPane tabs;
    @FXML private Tab firingTab;
    @FXML private Tab historyTab;
    @FXML private Tab rulesTab;
    @FXML private Tab mutesTab;

    AlertsView(AlertsFeed feed, Resources resources, Parent firing, Parent history, Parent rules, Parent mutes) {
        this.feed = feed;
        this.resources = resources;
        this.firing = firing;
        this.history = history;
        this.rules = rules;
        this.mutes = mutes;
    }

    Parent load() {
        return resources.loadView("Alerts.fxml", this);
    }

    @FXML
    private void initialize() {
        firingTab.setContent(firing);
        historyTab.setContent(history);
        rulesTab.setContent(rules);
        mutesTab.setContent(mutes);
        firingCount.setId("firingCount");
        mutedCount.setId("mutedCount");
        firingCount.textProperty().bind(Bindings.createStringBinding(
                () -> MessageFormat.format(resources.text("alerts.firing"), feed.firingProperty().get()), feed.firingProperty()));
        firingCount.getStyleClass().add("alerts-count");
        feed.firingProperty().addListener((o, a, b) -> firingCount.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("firing"), b.intValue() > 0));
        pendingCount.textProperty().bind(Bindings.createStringBinding(
                () -> MessageFormat.format(resources.text("alerts.pending"), feed.alerts().size() - feed.firingProperty().get()),
                feed.alerts(), feed.firingProperty()));
        // Always visible, also at 0: an operator should never wonder whether something is being kept quiet.
        mutedCount.textProperty().bind(Bindings.createStringBinding(
                () -> MessageFormat.format(resources.text("alerts.muted"), feed.mutedProperty().get()), feed.mutedProperty()));
        notifyThreshold.setId("notifyThreshold");
        notifyThreshold.getItems().setAll(Severity.ALL);
        notifyThreshold.valueProperty().bindBidirectional(feed.setting().thresholdProperty());
        feedError.textProperty().bind(feed.errorProperty());
        feedError.managedProperty().bind(feed.errorProperty().isNotEmpty());
    }

    /** Which tab is showing, so the page refreshes only what the user looks at. */
    Tab selectedTab() {
        return tabs.getSelectionModel().getSelectedItem();
    }

    TabPane tabs() {
        return tabs;
    }

    boolean isRules(Tab t) {
        return t == rulesTab;
    }

    boolean isHistory(Tab t) {
        return t == historyTab;
    }

    boolean isMutes(Tab t) {
        return t == mutesTab;
    }
}
