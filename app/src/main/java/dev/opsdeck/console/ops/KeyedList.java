package dev.opsdeck.console.ops;

import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Updates a table's items in place from a fresh list, keyed by id: unchanged rows are left alone, changed rows are
 * replaced at their index, gone rows removed, new rows added in the fresh order. A table then keeps its selection
 * and scroll position across refreshes, which {@code setAll} would reset.
 */
final class KeyedList {
    private KeyedList() {
    }

    static <T> void merge(ObservableList<T> items, List<T> fresh, Function<T, String> key) {
        Map<String, T> byKey = new HashMap<>();
        fresh.forEach(t -> byKey.put(key.apply(t), t));
        items.removeIf(t -> !byKey.containsKey(key.apply(t)));
        for (int i = 0; i < fresh.size(); i++) {
            T want = fresh.get(i);
            String k = key.apply(want);
            if (i < items.size() && key.apply(items.get(i)).equals(k)) {
                if (!Objects.equals(items.get(i), want)) {
                    items.set(i, want);
                }
                continue;
            }
            int at = indexOf(items, k, key, i);
            if (at >= 0) {
                items.remove(at); // moved: rare (a new row above it), so a remove and insert is fine
            }
            items.add(i, want);
        }
    }

    private static <T> int indexOf(List<T> items, String k, Function<T, String> key, int from) {
        for (int j = from; j < items.size(); j++) {
            if (key.apply(items.get(j)).equals(k)) {
                return j;
            }
        }
        return -1;
    }
}
