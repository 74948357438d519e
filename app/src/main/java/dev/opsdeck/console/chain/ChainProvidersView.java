package dev.opsdeck.console.chain;

import dev.opsdeck.console.shell.ScreenContext;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import java.util.Locale;

/** Controller of ChainProviders.fxml: provider rows with state and latency; reconnect the selected one. */
public final class ChainProvidersView {
    private final ProvidersViewModel viewModel;
    private final ScreenContext context;

    @FXML private Button reconnect;
    @FXML private Label message;
    @FXML private TableView<Provider> providers;
    @FXML private TableColumn<Provider, String> nameColumn;
    @FXML private TableColumn<Provider, String> stateColumn;
    @FXML private TableColumn<Provider, String> latencyColumn;
    @FXML private TableColumn<Provider, Long> failuresColumn;
    @FXML private TableColumn<Provider, String> urlColumn;
    @FXML private TableColumn<Provider, String> errorColumn;

    public ChainProvidersView(ProvidersViewModel viewModel, ScreenContext context) {
        this.viewModel = viewModel;
        this.context = context;
    }

    public Parent load() {
        return context.resources().loadView("ChainProviders.fxml", this);
    }

    @FXML
    private void initialize() {
        providers.setItems(viewModel.providers());
        providers.setPlaceholder(new Label(context.resources().text("chain.providers.empty")));
        Cells.value(nameColumn, Provider::name);
        Cells.value(stateColumn, p -> p.state() == null ? "" : p.state().toUpperCase(Locale.ROOT));
        Cells.value(latencyColumn, p -> p.latencyMs() == null ? "\u2014" : String.format(Locale.ROOT, "%.0f ms", p.latencyMs()));
        Cells.value(failuresColumn, Provider::failures);
        Cells.value(urlColumn, Provider::url);
        Cells.value(errorColumn, p -> p.lastError() == null ? "" : p.lastError());
        // One provider is the common case: select it so the button works without a click in the table.
        viewModel.providers().addListener((javafx.collections.ListChangeListener<Provider>) c -> {
            if (providers.getSelectionModel().isEmpty() && !viewModel.providers().isEmpty()) {
                providers.getSelectionModel().select(0);
            }
        });

        reconnect.disableProperty().bind(context.session().adminProperty().not()
                .or(viewModel.busyProperty()).or(providers.getSelectionModel().selectedItemProperty().isNull()));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(context.session().adminOnlyReason());
        reconnect.setTooltip(tip);
        message.textProperty().bind(viewModel.messageProperty());
        viewModel.failedProperty().addListener((obs, old, failed) -> {
            message.getStyleClass().remove("error-text");
            if (failed) {
                message.getStyleClass().add("error-text");
            }
        });
    }

    @FXML
    private void reconnect() {
        viewModel.reconnect(providers.getSelectionModel().getSelectedItem());
    }
}
