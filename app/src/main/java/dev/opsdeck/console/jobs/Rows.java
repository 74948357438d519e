package dev.opsdeck.console.jobs;

import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Updates a table's items in place, keyed by id: unchanged rows stay the same objects, changed rows are
 * replaced where they are, so a live refresh keeps the user's selection and scroll position.
 */
final class Rows {
    private Rows() {
    }

    static <T> void merge(ObservableList<T> items, List<T> fresh, Function<T, String> key) {
        Map<String, T> byKey = new HashMap<>();
        fresh.forEach(t -> byKey.put(key.apply(t), t));
        items.removeIf(t -> !byKey.containsKey(key.apply(t)));
        for (int i = 0; i < fresh.size(); i++) {
            T want = fresh.get(i);
            if (i < items.size() && key.apply(items.get(i)).equals(key.apply(want))) {
                if (!Objects.equals(items.get(i), want)) {
                    items.set(i, want);
                }
                continue;
            }
            int at = indexOf(items, key.apply(want), key, i);
            if (at >= 0) {
                items.remove(at);
            }
            items.add(i, want);
        }
    }

    private static <T> int indexOf(List<T> items, String k, Function<T, String> key, int from) {
        for (int i = from; i < items.size(); i++) {
            if (key.apply(items.get(i)).equals(k)) {
                return i;
            }
        }
        return -1;
    }
}
