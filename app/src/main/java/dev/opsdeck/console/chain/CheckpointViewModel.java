package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The audit-log checkpoint: what the latest signed one covers, signing one now, and verifying the whole log
 * against it: "verified up to entry N" or exactly which entry breaks the chain and why.
 */
public final class CheckpointViewModel {
    /** Outcome of the last action, for the colour of the result line. */
    public enum Outcome { NONE, OK, BROKEN }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ChainApi api;
    private final UiExecutor ui;
    private final UnaryOperator<String> text;
    private final ReadOnlyStringWrapper latest = new ReadOnlyStringWrapper(this, "latest", "");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome", Outcome.NONE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private Runnable afterAction = () -> { };

    public CheckpointViewModel(ChainApi api, UiExecutor ui, UnaryOperator<String> text) {
        this.api = api;
        this.ui = ui;
        this.text = text;
    }

    /** Runs after a checkpoint is signed, e.g. to re-read the status that shows it. */
    public void afterAction(Runnable r) { this.afterAction = r; }

    /** The chain status changed: describe the latest checkpoint it reports. */
    public void status(ChainStatus s) {
        if (!s.witnessEnabled()) {
            latest.set(text.apply("chain.checkpoint.witnessOff"));
        } else if (s.checkpointEntry() == null) {
            latest.set(text.apply("chain.checkpoint.none"));
        } else {
            latest.set(MessageFormat.format(text.apply("chain.checkpoint.latest"), String.valueOf(s.checkpointEntry()),
                    s.checkpointAt() == null ? "?" : WHEN.format(s.checkpointAt()), s.checkpointTx() == null ? text.apply("chain.checkpoint.notOnChain") : s.checkpointTx()));
        }
    }

    /** Signs a checkpoint of the audit log as it is now. */
    public void create() {
        run(api::createCheckpoint, n -> {
            outcome.set(Outcome.OK);
            result.set(MessageFormat.format(text.apply("chain.checkpoint.created"), n.path("audit_entry_id").asText()));
            afterAction.run();
        });
    }

    /** Verifies the audit log against the latest checkpoint. */
    public void verify() {
        run(api::verifyCheckpoint, this::report);
    }

    private void report(JsonNode r) {
        Long broken = JsonFields.whole(r, "broken_at");
        if (r.path("valid").asBoolean()) {
            outcome.set(Outcome.OK);
            result.set(MessageFormat.format(text.apply("chain.verify.ok"), r.path("checkpoint").path("audit_entry_id").asText(),
                    r.path("entries_checked").asLong(), r.path("uncovered_entries").asLong(),
                    text.apply(r.path("published_on_chain").asBoolean() ? "chain.verify.onChain" : "chain.verify.notOnChain")));
        } else if (broken != null) {
            outcome.set(Outcome.BROKEN);
            result.set(MessageFormat.format(text.apply("chain.verify.broken"), String.valueOf(broken), JsonFields.text(r, "reason")));
        } else {
            outcome.set(Outcome.BROKEN);
            result.set(MessageFormat.format(text.apply("chain.verify.notVerified"), JsonFields.text(r, "reason")));
        }
    }

    private void run(Callable<JsonNode> call, Consumer<JsonNode> done) {
        busy.set(true);
        ui.submit(call, n -> {
            busy.set(false);
            done.accept(n);
        }, e -> {
            busy.set(false);
            outcome.set(Outcome.BROKEN);
            result.set(Errors.words(e));
        });
    }

    /** What the latest signed checkpoint covers. */
    public ReadOnlyStringProperty latestProperty() { return latest.getReadOnlyProperty(); }

    /** The outcome of the last create or verify in words; empty before the first. */
    public ReadOnlyStringProperty resultProperty() { return result.getReadOnlyProperty(); }
    public String getResult() { return result.get(); }

    /** Whether that outcome is good news. */
    public ReadOnlyObjectProperty<Outcome> outcomeProperty() { return outcome.getReadOnlyProperty(); }
    public Outcome getOutcome() { return outcome.get(); }

    /** True while a call is in flight (buttons disable, so a double click does not sign twice). */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
}
