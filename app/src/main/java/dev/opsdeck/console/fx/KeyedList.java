package dev.opsdeck.console.fx;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Brings a table's items to a fresh answer in place, keyed by id: rows that stay are not replaced, so a refresh
 * keeps the user's selection and scroll position, which {@code setAll} on every poll would lose.
 */
public final class KeyedList {
    private KeyedList() {
    }

    /** Makes {@code target} equal to {@code fresh}, touching only the rows that differ (compared by {@code equals}). */
    public static <T, K> void sync(List<T> target, List<T> fresh, Function<T, K> key) {
        Set<K> keep = new HashSet<>();
        fresh.forEach(f -> keep.add(key.apply(f)));
        target.removeIf(t -> !keep.contains(key.apply(t)));
        for (int i = 0; i < fresh.size(); i++) {
            T f = fresh.get(i);
            K k = key.apply(f);
            if (i < target.size() && Objects.equals(key.apply(target.get(i)), k)) {
                if (!Objects.equals(target.get(i), f)) {
                    target.set(i, f);
                }
                continue;
            }
            int at = indexOf(target, k, key, i);
            if (at >= 0) {
                target.remove(at);
            }
            target.add(i, f);
        }
        if (target.size() > fresh.size()) {
            target.subList(fresh.size(), target.size()).clear(); // duplicate keys in the answer: keep the list equal to it
        }
    }

    private static <T, K> int indexOf(List<T> list, K k, Function<T, K> key, int from) {
        for (int j = from; j < list.size(); j++) {
            if (Objects.equals(key.apply(list.get(j)), k)) {
                return j;
            }
        }
        return -1;
    }
}
