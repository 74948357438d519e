package dev.opsdeck.console.chain;

import dev.opsdeck.console.shell.ScreenContext;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.MessageFormat;
import java.util.stream.Collectors;

/** Controller of ChainInfo.fxml: validators from the index; contracts with explorer links to open or copy. */
public final class ChainInfoView {
    private final ChainInfoViewModel viewModel;
    private final ScreenContext context;
    private final LinkOpener links;

    @FXML private Label error;
    @FXML private Label summary;
    @FXML private TableView<ValidatorRow> validators;
    @FXML private TableColumn<ValidatorRow, String> addressColumn;
    @FXML private TableColumn<ValidatorRow, String> stakeColumn;
    @FXML private TableColumn<ValidatorRow, String> reputationColumn;
    @FXML private TableColumn<ValidatorRow, String> statusColumn;
    @FXML private Label network;
    @FXML private TableView<ContractRow> contracts;
    @FXML private TableColumn<ContractRow, String> contractNameColumn;
    @FXML private TableColumn<ContractRow, String> contractAddressColumn;
    @FXML private TableColumn<ContractRow, String> explorersColumn;
    @FXML private Button open;
    @FXML private Button copy;
    @FXML private Label linkMessage;

    public ChainInfoView(ChainInfoViewModel viewModel, ScreenContext context) {
        this.viewModel = viewModel;
        this.context = context;
        this.links = new LinkOpener(context.ui());
    }

    public Parent load() {
        return context.resources().loadView("ChainInfo.fxml", this);
    }

    @FXML
    private void initialize() {
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        summary.textProperty().bind(viewModel.summaryProperty());
        network.textProperty().bind(viewModel.networkProperty());

        validators.setItems(viewModel.validators());
        validators.setPlaceholder(new Label(text("chain.validators.empty")));
        validators.setRowFactory(t -> Cells.rowWithTooltip(ValidatorRow::address));
        Cells.value(addressColumn, v -> Cells.shortHash(v.address()));
        Cells.value(stakeColumn, v -> amount(v.stake()));
        Cells.value(reputationColumn, v -> amount(v.reputation()));
        Cells.value(statusColumn, ValidatorRow::status);

        contracts.setItems(viewModel.contracts());
        contracts.setRowFactory(t -> Cells.rowWithTooltip(ContractRow::address));
        Cells.value(contractNameColumn, ContractRow::name);
        Cells.value(contractAddressColumn, c -> Cells.shortHash(c.address()));
        Cells.value(explorersColumn, c -> c.explorers().isEmpty() ? text("chain.contracts.noExplorer")
                : c.explorers().stream().map(ContractRow.Link::name).collect(Collectors.joining(", ")));
        var selected = contracts.getSelectionModel().selectedItemProperty();
        open.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> selected.get() == null || selected.get().explorers().isEmpty(), selected));
        copy.disableProperty().bind(selected.isNull());
    }

    @FXML
    private void open() {
        ContractRow c = contracts.getSelectionModel().getSelectedItem();
        if (c == null || c.explorers().isEmpty()) {
            return;
        }
        String url = c.explorers().get(0).url();
        links.open(url, opened -> linkMessage.setText(MessageFormat.format(
                text(opened ? "chain.contracts.opened" : "chain.contracts.openFailed"), url)));
    }

    @FXML
    private void copy() {
        ContractRow c = contracts.getSelectionModel().getSelectedItem();
        if (c != null) {
            links.copy(c.address());
            linkMessage.setText(MessageFormat.format(text("chain.contracts.copied"), c.address()));
        }
    }

    private static String amount(BigDecimal v) {
        return v == null ? "\u2014" : v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private String text(String key) {
        return context.resources().text(key);
    }
}
