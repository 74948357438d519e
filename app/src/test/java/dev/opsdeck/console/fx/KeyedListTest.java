package dev.opsdeck.console.fx;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedListTest {
    record Row(int id, String v) {
    }

    @Test
    void insertsRemovesReplacesAndReordersWithoutTouchingUnchangedRows() {
        Row a = new Row(1, "a");
        Row b = new Row(2, "b");
        Row c = new Row(3, "c");
        ObservableList<Row> list = FXCollections.observableArrayList(a, b, c);
        int[] changes = {0};
        list.addListener((javafx.collections.ListChangeListener<Row>) ch -> changes[0]++);

        KeyedList.sync(list, List.of(new Row(4, "d"), c, new Row(1, "a2")), Row::id);

        assertThat(list).containsExactly(new Row(4, "d"), c, new Row(1, "a2"));
        assertThat(list.get(1)).isSameAs(c);

        changes[0] = 0;
        KeyedList.sync(list, List.copyOf(list), Row::id);
        assertThat(changes[0]).as("an identical answer changes nothing").isZero();
    }
}
