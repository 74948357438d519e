package dev.opsdeck.console.fx;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;

import java.util.function.Function;

/** Table column wiring shared by the screens. */
public final class Columns {
    private Columns() {
    }

    /** A read-only text column computed from its row. */
    public static <S> void text(TableColumn<S, String> column, Function<S, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }
}
