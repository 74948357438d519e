package dev.opsdeck.console.alerts;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Brings a live list to a fresh answer in place, keyed by id: unchanged rows stay the same object, changed rows are
 * replaced at their index, so a table keeps its selection and scroll position across refreshes (a {@code setAll}
 * on every poll would reset both).
 */
final class KeyedList {
    private KeyedList() {
    }

    static <T, K> void update(List<T> live, List<T> fresh, Function<T, K> key) {
        Set<K> keep = new HashSet<>();
        fresh.forEach(t -> keep.add(key.apply(t)));
        live.removeIf(t -> !keep.contains(key.apply(t)));
        for (int i = 0; i < fresh.size(); i++) {
            T want = fresh.get(i);
            K k = key.apply(want);
            if (i < live.size() && Objects.equals(key.apply(live.get(i)), k)) {
                if (!live.get(i).equals(want)) {
                    live.set(i, want);
                }
                continue;
            }
            for (int j = i + 1; j < live.size(); j++) {
                if (Objects.equals(key.apply(live.get(j)), k)) {
                    live.remove(j);
                    break;
                }
            }
            live.add(i, want);
        }
    }
}
