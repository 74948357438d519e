package dev.opsdeck.console.chain;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.Tooltip;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/** Column helpers shared by the chain tables: values from a record accessor, short hashes, local times. */
final class Cells {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private Cells() {
    }

    static <S, T> void value(TableColumn<S, T> column, Function<S, T> read) {
        column.setCellValueFactory(c -> constant(read.apply(c.getValue())));
    }

    static <T> ObservableValue<T> constant(T v) {
        return new ReadOnlyObjectWrapper<>(v);
    }

    /** {@code 0x3287…941b}: hashes are 66 characters; the full value is in the row's tooltip and copy actions. */
    static String shortHash(String h) {
        return h == null ? "" : h.length() <= 12 ? h : h.substring(0, 6) + "\u2026" + h.substring(h.length() - 4);
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** Rows whose tooltip shows the full text a short cell hides. */
    static <S> TableRow<S> rowWithTooltip(Function<S, String> full) {
        return new TableRow<>() {
            @Override
            protected void updateItem(S item, boolean empty) {
                super.updateItem(item, empty);
                setTooltip(empty || item == null ? null : new Tooltip(full.apply(item)));
            }
        };
    }
}
