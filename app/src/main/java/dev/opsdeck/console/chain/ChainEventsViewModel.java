package dev.opsdeck.console.chain;

import dev.opsdeck.console.fx.KeyedList;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The latest indexed events, filtered by contract, type and subject as {@code /api/chain/events} allows, and
 * how the most recent {@link #COUNT_WINDOW} events split by contract and type.
 */
public final class ChainEventsViewModel {
    static final Duration INTERVAL = Duration.ofSeconds(5);
    static final int TABLE_LIMIT = 200;
    /** Events counted per contract and type: the newest this many, one request, whatever the filter. */
    public static final int COUNT_WINDOW = 1000;

    private record Answer(List<ChainEvent> filtered, List<EventCount> counts) {
    }

    private final ChainApi api;
    private final Poller<Answer> poller;
    private final StringProperty contract = new SimpleStringProperty(this, "contract", "");
    private final StringProperty type = new SimpleStringProperty(this, "type", "");
    private final StringProperty subject = new SimpleStringProperty(this, "subject", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ObservableList<ChainEvent> events = FXCollections.observableArrayList();
    private final ObservableList<EventCount> counts = FXCollections.observableArrayList();
    private volatile Map<String, String> addressByName = Map.of();
    private volatile Map<String, String> nameByAddress = Map.of();
    /** The filter as last applied: read in the background, so it is a snapshot, never the live text fields. */
    private volatile String applied = "limit=" + TABLE_LIMIT;

    public ChainEventsViewModel(ChainApi api, UiExecutor ui) {
        this.api = api;
        this.poller = new Poller<>(ui, INTERVAL, this::read, this::show, e -> error.set(Errors.words(e)));
    }

    public void start() {
        applied = query(TABLE_LIMIT);
        poller.start();
    }

    public void stop() { poller.stop(); }

    /** Applies the filter now (Enter in a filter field, the Apply button). */
    public void apply() {
        applied = query(TABLE_LIMIT);
        poller.now();
    }

    /** Reloads with the filter as last applied (e.g. after a reorg dropped events). */
    public void refresh() { poller.now(); }

    /** Clears the filter and reloads. */
    public void clearFilter() {
        contract.set("");
        type.set("");
        subject.set("");
        apply();
    }

    /** Contract names from {@code /api/contracts}, so a filter may name a contract and counts show names. */
    public void contracts(List<ContractRow> rows) {
        Map<String, String> byName = new java.util.HashMap<>();
        Map<String, String> byAddress = new java.util.HashMap<>();
        rows.forEach(r -> {
            byName.put(r.name(), r.address());
            byAddress.put(r.address(), r.name());
        });
        addressByName = byName;
        nameByAddress = byAddress;
    }

    /** The query string for the filter fields as they are now (UI thread). */
    String query(int limit) {
        List<String> parts = new ArrayList<>();
        String c = contract.get().trim();
        add(parts, "contract", addressByName.getOrDefault(c, c));
        add(parts, "type", type.get().trim());
        add(parts, "subject", subject.get().trim());
        parts.add("limit=" + limit);
        return String.join("&", parts);
    }

    private static void add(List<String> parts, String name, String value) {
        if (!value.isEmpty()) {
            parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private Answer read() throws Exception {
        List<ChainEvent> filtered = parse(api.events(applied));
        List<ChainEvent> recent = parse(api.events("limit=" + COUNT_WINDOW));
        return new Answer(filtered, EventCount.of(recent, nameByAddress));
    }

    private static List<ChainEvent> parse(JsonNode n) {
        List<ChainEvent> out = new ArrayList<>();
        n.path("events").forEach(e -> out.add(ChainEvent.from(e)));
        return out;
    }

    private void show(Answer a) {
        error.set("");
        KeyedList.sync(events, a.filtered(), ChainEvent::id);
        KeyedList.sync(counts, a.counts(), c -> c.contract() + "/" + c.type());
    }

    /** Contract filter: a name from {@code /api/contracts} or a hex address; empty for all. */
    public StringProperty contractProperty() { return contract; }

    /** Event type filter, e.g. {@code Staked}; empty for all. */
    public StringProperty typeProperty() { return type; }

    /** Subject address filter; empty for all. */
    public StringProperty subjectProperty() { return subject; }

    /** Why the last read failed (e.g. the backend rejecting a filter), in its words; empty when it worked. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    /** Matching events, newest first, updated in place. */
    public ObservableList<ChainEvent> events() { return events; }

    /** Counts per contract and type over the newest {@link #COUNT_WINDOW} events, largest first. */
    public ObservableList<EventCount> counts() { return counts; }

    /** Contract name of an address, or the address when unknown. */
    public String contractName(String address) { return nameByAddress.getOrDefault(address, address); }
}
