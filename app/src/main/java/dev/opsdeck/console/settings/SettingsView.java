package dev.opsdeck.console.settings;

import dev.opsdeck.console.environments.EnvironmentsViewModel;
import dev.opsdeck.console.fx.Resources;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Controller of Settings.fxml: binds the settings and the environments view model, forwards actions. */
public final class SettingsView {
    /** Named accents, so a colour can be chosen with the keyboard and reads the same in both themes. */
    static final List<String> COLOURS = List.of("#0969da", "#1a7f37", "#8250df", "#bf8700", "#cf222e", "#6e7781");

    private final Settings settings;
    private final EnvironmentsViewModel environmentsModel;
    private final Resources resources;

    @FXML private ListView<String> environments;
    @FXML private Button switchButton;
    @FXML private Button removeButton;
    @FXML private HBox removeConfirm;
    @FXML private Label removeQuestion;
    @FXML private TextField nameField;
    @FXML private TextField urlField;
    @FXML private PasswordField adminKeyField;
    @FXML private PasswordField viewerTokenField;
    @FXML private ComboBox<String> colourBox;
    @FXML private CheckBox productionBox;
    @FXML private Button testButton;
    @FXML private Label environmentMessage;
    @FXML private ComboBox<ThemeMode> themeBox;
    @FXML private Spinner<Integer> refreshSpinner;
    @FXML private ComboBox<TemperatureUnit> temperatureBox;
    @FXML private ComboBox<String> startupBox;
    @FXML private ComboBox<AlertLevel> alertLevelBox;
    @FXML private CheckBox workerOfflineBox;
    @FXML private CheckBox backupBox;

    public SettingsView(Settings settings, EnvironmentsViewModel environmentsModel, Resources resources) {
        this.settings = settings;
        this.environmentsModel = environmentsModel;
        this.resources = resources;
    }

    public Parent load() {
        return resources.loadView("Settings.fxml", this);
    }

    @FXML
    private void initialize() {
        bindEnvironments();
        bindForm();
        themeBox.getItems().setAll(ThemeMode.values());
        themeBox.setConverter(words(m -> resources.text("settings.theme." + m.name().toLowerCase(Locale.ROOT))));
        themeBox.valueProperty().bindBidirectional(settings.themeModeProperty());
        SpinnerValueFactory.IntegerSpinnerValueFactory refresh = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                Settings.MIN_REFRESH_SECONDS, Settings.MAX_REFRESH_SECONDS, settings.getRefreshSeconds());
        refreshSpinner.setValueFactory(refresh);
        refresh.valueProperty().addListener((obs, old, now) -> settings.refreshSecondsProperty().set(now));
        temperatureBox.getItems().setAll(TemperatureUnit.values());
        temperatureBox.setConverter(words(u -> u.symbol()));
        temperatureBox.valueProperty().bindBidirectional(settings.temperatureUnitProperty());
        alertLevelBox.getItems().setAll(AlertLevel.values());
        alertLevelBox.setConverter(words(l -> resources.text("settings.notify." + l.name().toLowerCase(Locale.ROOT))));
        alertLevelBox.valueProperty().bindBidirectional(settings.notifyAlertsProperty());
        workerOfflineBox.selectedProperty().bindBidirectional(settings.notifyWorkerOfflineProperty());
        backupBox.selectedProperty().bindBidirectional(settings.notifyBackupFinishedProperty());
    }

    private void bindEnvironments() {
        environments.setCellFactory(list -> new EnvironmentCell());
        // Keyboard first: Enter switches to the selected environment, Delete asks to remove it.
        environments.setOnKeyPressed(e -> {
            switch (e.getCode()) {
                case ENTER -> switchEnvironment();
                case DELETE, BACK_SPACE -> {
                    if (!removeButton.isDisabled()) {
                        askRemove();
                    }
                }
                default -> {
                    return;
                }
            }
            e.consume();
        });
        environments.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                switchEnvironment();
            }
        });
        refreshNames();
        environmentsModel.profiles().addListener((ListChangeListener<Object>) c -> refreshNames());
        environmentsModel.currentProperty().addListener((obs, old, now) -> environments.refresh());
        switchButton.disableProperty().bind(environments.getSelectionModel().selectedItemProperty().isNull());
        // Only saved profiles can be removed: the embedded demo and a --connect backend are always there.
        removeButton.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            String selected = environments.getSelectionModel().getSelectedItem();
            return selected == null || environmentsModel.profile(selected).isEmpty();
        }, environments.getSelectionModel().selectedItemProperty()));
        startupBox.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                settings.startupEnvironmentProperty().set(now.equals(environmentsModel.embeddedName()) ? "" : now);
            }
        });
    }

    private void refreshNames() {
        String selected = environments.getSelectionModel().getSelectedItem();
        List<String> names = environmentsModel.names();
        environments.getItems().setAll(names);
        if (selected != null && names.contains(selected)) {
            environments.getSelectionModel().select(selected);
        }
        String startup = settings.startupEnvironmentProperty().get();
        startupBox.getItems().setAll(names);
        startupBox.setValue(startup.isEmpty() || !names.contains(startup) ? environmentsModel.embeddedName() : startup);
    }

    private void bindForm() {
        nameField.textProperty().bindBidirectional(environmentsModel.nameProperty());
        urlField.textProperty().bindBidirectional(environmentsModel.urlProperty());
        adminKeyField.textProperty().bindBidirectional(environmentsModel.adminKeyProperty());
        viewerTokenField.textProperty().bindBidirectional(environmentsModel.viewerTokenProperty());
        colourBox.getItems().setAll(COLOURS);
        colourBox.setCellFactory(list -> new SwatchCell());
        colourBox.setButtonCell(new SwatchCell());
        colourBox.valueProperty().bindBidirectional(environmentsModel.colourProperty());
        productionBox.selectedProperty().bindBidirectional(environmentsModel.productionProperty());
        testButton.disableProperty().bind(environmentsModel.testingProperty());
        environmentMessage.textProperty().bind(environmentsModel.messageProperty());
        environmentsModel.failedProperty().addListener((obs, old, now) -> styleMessage(now));
        styleMessage(environmentsModel.failedProperty().get());
    }

    private void styleMessage(boolean failed) {
        environmentMessage.getStyleClass().removeAll("error-text", "muted");
        environmentMessage.getStyleClass().add(failed ? "error-text" : "muted");
    }

    @FXML
    private void testAndSave() {
        environmentsModel.testAndSave();
    }

    @FXML
    private void switchEnvironment() {
        String selected = environments.getSelectionModel().getSelectedItem();
        if (selected != null) {
            environmentsModel.switchTo(selected);
        }
    }

    @FXML
    private void askRemove() {
        String selected = environments.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return;
        }
        removeQuestion.setText(MessageFormat.format(resources.text("settings.remove.question"), selected));
        removeConfirm.setVisible(true);
        removeConfirm.setManaged(true);
        removeConfirm.getChildren().get(1).requestFocus();
    }

    @FXML
    private void confirmRemove() {
        String selected = environments.getSelectionModel().getSelectedItem();
        cancelRemove();
        if (selected != null) {
            environmentsModel.remove(selected);
        }
    }

    @FXML
    private void cancelRemove() {
        removeConfirm.setVisible(false);
        removeConfirm.setManaged(false);
    }

    private static <T> StringConverter<T> words(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String string) {
                throw new UnsupportedOperationException("choice only");
            }
        };
    }

    /** An environment with its colour swatch, production flag and "(current)". */
    private final class EnvironmentCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            var profile = environmentsModel.profile(item);
            Label name = new Label(item + (item.equals(environmentsModel.getCurrent()) ? "  " + resources.text("settings.current") : ""));
            name.getStyleClass().add("environment-title");
            HBox title = new HBox(6, name);
            if (profile.map(p -> p.production()).orElse(false)) {
                Label badge = new Label("PRODUCTION");
                badge.getStyleClass().add("production-badge");
                title.getChildren().add(badge);
            }
            Label where = new Label(profile.map(p -> p.baseUrl().toString()).orElse(resources.text(
                    item.equals(environmentsModel.embeddedName()) ? "environment.embedded.caption" : "settings.commandLine")));
            where.getStyleClass().add("environment-url");
            HBox row = new HBox(8, new Circle(5, Color.web(profile.map(p -> p.colour()).orElse("#6e7781"))),
                    new javafx.scene.layout.VBox(1, title, where));
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
        }
    }

    /** A colour as a swatch with its code. */
    private static final class SwatchCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setGraphic(empty || item == null ? null : new Circle(6, Color.web(item)));
            setText(empty || item == null ? null : item);
        }
    }
}
