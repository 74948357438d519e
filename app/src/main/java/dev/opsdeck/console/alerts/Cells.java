package dev.opsdeck.console.alerts;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

import java.util.function.Function;

/** Table helpers shared by the alerts screen's tables. */
final class Cells {
    private Cells() {
    }

    /** Admin-only action: disabled without the admin role (or while {@code busy}), the reason in its tooltip. */
    static void adminOnly(javafx.scene.control.ButtonBase b, dev.opsdeck.console.shell.Session session,
                          javafx.beans.value.ObservableBooleanValue busy) {
        b.disableProperty().bind(session.adminProperty().not().or(javafx.beans.binding.BooleanExpression.booleanExpression(busy)));
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.textProperty().bind(session.adminOnlyReason());
        b.tooltipProperty().bind(javafx.beans.binding.Bindings.when(session.adminOnlyReason().isEmpty())
                .then((javafx.scene.control.Tooltip) null).otherwise(tip));
    }

    /**
     * Keeps {@code table}'s selection on the same row (by key) when a refresh replaces or moves row objects: a
     * replaced item can clear the selection model. Call after {@code setItems}. Returns a test for selection
     * listeners: true while a cleared selection is only such a refresh (the row is still there and comes back).
     */
    static <T, K> java.util.function.Predicate<T> keepSelection(javafx.scene.control.TableView<T> table, Function<T, K> key) {
        Object[] last = {null};
        java.util.function.BooleanSupplier stillThere = () -> last[0] != null
                && table.getItems().stream().anyMatch(t -> key.apply(t).equals(last[0]));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                last[0] = key.apply(b);
            } else if (!stillThere.getAsBoolean()) {
                last[0] = null;
            }
        });
        table.getItems().addListener((javafx.collections.ListChangeListener<T>) c -> {
            T selected = table.getSelectionModel().getSelectedItem();
            if (last[0] == null || (selected != null && key.apply(selected).equals(last[0]))) {
                return;
            }
            for (int i = 0; i < table.getItems().size(); i++) {
                if (key.apply(table.getItems().get(i)).equals(last[0])) {
                    table.getSelectionModel().clearAndSelect(i);
                    return;
                }
            }
        });
        return item -> item == null && stillThere.getAsBoolean();
    }

    /** Enter fires {@code confirm} and Esc {@code cancel} while {@code form} is visible. */
    static void formKeys(javafx.scene.Node form, javafx.scene.control.Button confirm, javafx.scene.control.Button cancel) {
        confirm.defaultButtonProperty().bind(form.visibleProperty());
        cancel.cancelButtonProperty().bind(form.visibleProperty());
    }

    /** A column showing a severity or state as a coloured badge (style classes {@code badge-<value>}). */
    static <S> void badge(TableColumn<S, String> column, Function<S, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(col -> new TableCell<>() {
            private final Label badge = new Label();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null || item.isEmpty()) {
                    setGraphic(null);
                    return;
                }
                badge.setText(item);
                style(badge, item);
                setGraphic(badge);
            }
        });
    }

    /** Gives {@code label} the badge classes for {@code value} (critical, warning, info, firing, pending, up, ...). */
    static void style(Label label, String value) {
        label.getStyleClass().removeIf(c -> c.startsWith("badge-"));
        if (!label.getStyleClass().contains("severity-badge")) {
            label.getStyleClass().add("severity-badge");
        }
        label.getStyleClass().add("badge-" + value.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", ""));
    }
}
