package dev.opsdeck.console.chain;

import dev.opsdeck.console.fx.KeyedList;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.MessageFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** The chain's RPC providers with state and latency, and reconnecting one of them. */
public final class ProvidersViewModel {
    private final ChainApi api;
    private final UiExecutor ui;
    private final UnaryOperator<String> text;
    private final ObservableList<Provider> providers = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private Runnable afterReconnect = () -> { };

    public ProvidersViewModel(ChainApi api, UiExecutor ui, UnaryOperator<String> text) {
        this.api = api;
        this.ui = ui;
        this.text = text;
    }

    /** Runs after a reconnect answered, e.g. to re-read the chain status at once. */
    public void afterReconnect(Runnable r) { this.afterReconnect = r; }

    /** A fresh status: update the rows in place. */
    public void update(List<Provider> fresh) {
        KeyedList.sync(providers, fresh, Provider::name);
    }

    /** Drops and re-establishes the provider's connections; one idempotency key per click. */
    public void reconnect(Provider p) {
        if (p == null) {
            return;
        }
        busy.set(true);
        String key = UUID.randomUUID().toString();
        ui.submit(() -> api.reconnect(p.name(), key), n -> {
            busy.set(false);
            failed.set(false);
            var st = n.path("status");
            message.set(MessageFormat.format(text.apply("chain.providers.reconnected"), p.name(), JsonFields.text(st, "state"),
                    st.path("latency_ms").isNumber() ? String.format("%.0f ms", st.path("latency_ms").asDouble()) : "\u2014"));
            afterReconnect.run();
        }, e -> {
            busy.set(false);
            failed.set(true);
            message.set(Errors.words(e));
        });
    }

    /** Providers in the backend's order. */
    public ObservableList<Provider> providers() { return providers; }

    /** The outcome of the last reconnect in words. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public String getMessage() { return message.get(); }

    /** Whether that outcome was a failure. */
    public ReadOnlyBooleanProperty failedProperty() { return failed.getReadOnlyProperty(); }

    /** True while a reconnect is in flight. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
}
