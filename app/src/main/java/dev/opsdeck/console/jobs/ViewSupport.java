package dev.opsdeck.console.jobs;

import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.shell.Session;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import java.text.MessageFormat;
import java.util.function.Consumer;
import java.util.function.Function;

/** Bindings every jobs tab shares: feedback labels, admin-only actions, text columns. */
final class ViewSupport {
    private ViewSupport() {
    }

    /** Shows the feedback's success message in {@code message} and its error in {@code error}; hidden when empty. */
    static void bind(Feedback f, Label message, Label error, Resources resources) {
        message.textProperty().bind(Bindings.createStringBinding(() -> f.messageKeyProperty().get().isEmpty() ? ""
                        : MessageFormat.format(resources.text(f.messageKeyProperty().get()), f.messageArgProperty().get()),
                f.messageKeyProperty(), f.messageArgProperty()));
        error.textProperty().bind(f.errorProperty());
        for (Label l : new Label[]{message, error}) {
            l.visibleProperty().bind(l.textProperty().isNotEmpty());
            l.managedProperty().bind(l.visibleProperty());
        }
    }

    /**
     * An operator action: disabled unless the session is admin and {@code ready} holds; the tooltip says why an
     * admin key is needed.
     */
    static void adminAction(ButtonBase button, Session session, ObservableBooleanValue ready) {
        button.disableProperty().bind(session.adminProperty().not().or(Bindings.createBooleanBinding(() -> !ready.get(), ready)));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(session.adminOnlyReason());
        button.tooltipProperty().bind(Bindings.when(session.adminProperty()).then((Tooltip) null).otherwise(tip));
    }

    /**
     * Keeps a table's selection across live refreshes. {@link Rows#merge} replaces a changed row in place, and
     * the table's selection model drops a replaced selected row; this re-selects the row with the same key and
     * tells {@code onSelect} only about real changes: another row, no row, or (with {@code reportUpdates}) a
     * fresh version of the selected row.
     */
    static <T> void keepSelection(TableView<T> table, Function<T, String> key, boolean reportUpdates, Consumer<T> onSelect) {
        String[] selectedKey = {null};
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row == null) {
                T same = selectedKey[0] == null ? null
                        : table.getItems().stream().filter(t -> key.apply(t).equals(selectedKey[0])).findFirst().orElse(null);
                if (same != null) {
                    // Not a user's choice but a replaced row: select its new version once this change is done.
                    Platform.runLater(() -> {
                        if (table.getSelectionModel().isEmpty() && table.getItems().contains(same)) {
                            table.getSelectionModel().select(same);
                        }
                    });
                    return;
                }
                selectedKey[0] = null;
                onSelect.accept(null);
            } else if (!key.apply(row).equals(selectedKey[0])) {
                selectedKey[0] = key.apply(row);
                onSelect.accept(row);
            } else if (reportUpdates && row != old) {
                onSelect.accept(row);
            }
        });
    }
}
