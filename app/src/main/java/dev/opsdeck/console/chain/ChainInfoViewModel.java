package dev.opsdeck.console.chain;

import dev.opsdeck.console.fx.KeyedList;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Validators from the index ({@code /api/validator/status}) and the indexed contracts ({@code /api/contracts}). */
public final class ChainInfoViewModel {
    static final Duration INTERVAL = Duration.ofSeconds(15);

    private record Answer(JsonNode validators, JsonNode contracts) {
    }

    private final UnaryOperator<String> text;
    private final Poller<Answer> poller;
    private final ObservableList<ValidatorRow> validators = FXCollections.observableArrayList();
    private final ObservableList<ContractRow> contracts = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper network = new ReadOnlyStringWrapper(this, "network", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private Consumer<List<ContractRow>> onContracts = c -> { };

    public ChainInfoViewModel(ChainApi api, UiExecutor ui, UnaryOperator<String> text) {
        this.text = text;
        this.poller = new Poller<>(ui, INTERVAL, () -> new Answer(api.validators(), api.contracts()), this::show,
                e -> error.set(Errors.words(e)));
    }

    public void start() { poller.start(); }

    public void stop() { poller.stop(); }

    /** Called with the contracts after each read (the events filter names contracts with them). */
    public void onContracts(Consumer<List<ContractRow>> c) { this.onContracts = c; }

    private void show(Answer a) {
        error.set("");
        KeyedList.sync(validators, ValidatorRow.list(a.validators()), ValidatorRow::address);
        BigDecimal staked = ValidatorRow.decimal(a.validators(), "total_staked");
        summary.set(MessageFormat.format(text.apply("chain.validators.summary"), a.validators().path("validators").asLong(),
                a.validators().path("active_validators").asLong(),
                staked == null ? "0" : staked.setScale(2, RoundingMode.HALF_UP).toPlainString()));
        List<ContractRow> rows = ContractRow.list(a.contracts());
        KeyedList.sync(contracts, rows, ContractRow::address);
        network.set(MessageFormat.format(text.apply("chain.contracts.network"), JsonFields.text(a.contracts(), "network"),
                String.valueOf(JsonFields.text(a.contracts(), "chain_id"))));
        onContracts.accept(rows);
    }

    /** Validators by stake, largest first. */
    public ObservableList<ValidatorRow> validators() { return validators; }

    /** Indexed contracts with their explorer links. */
    public ObservableList<ContractRow> contracts() { return contracts; }

    /** "N validators, M active, X SAGE staked". */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }

    /** Network and chain id the contracts live on. */
    public ReadOnlyStringProperty networkProperty() { return network.getReadOnlyProperty(); }

    /** Why the last read failed; empty when it worked. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
