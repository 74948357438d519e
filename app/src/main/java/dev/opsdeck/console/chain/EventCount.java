package dev.opsdeck.console.chain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many of a window of events one contract emitted of one type.
 *
 * @param contract contract name (or address when unnamed)
 * @param type     event type
 * @param count    events in the window
 */
public record EventCount(String contract, String type, long count) {

    static List<EventCount> of(List<ChainEvent> events, Map<String, String> nameByAddress) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (ChainEvent e : events) {
            String c = nameByAddress.getOrDefault(e.contract(), e.contract());
            counts.computeIfAbsent(c + "\u0000" + e.type(), k -> new long[1])[0]++;
        }
        List<EventCount> out = new ArrayList<>();
        counts.forEach((k, n) -> {
            int sep = k.indexOf('\u0000');
            out.add(new EventCount(k.substring(0, sep), k.substring(sep + 1), n[0]));
        });
        out.sort(Comparator.comparingLong(EventCount::count).reversed().thenComparing(EventCount::contract).thenComparing(EventCount::type));
        return out;
    }
}
