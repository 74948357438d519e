package dev.opsdeck.backend.workers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Limit/offset paging as every list endpoint answers it. */
record Page(int limit, int offset) {
    Map<String, Object> wrap(List<?> items, long total) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", items);
        m.put("total", total);
        m.put("limit", limit);
        m.put("offset", offset);
        m.put("next_offset", offset + items.size() < total ? offset + items.size() : null);
        return m;
    }
}
