package dev.opsdeck.backend.alerts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Alertmanager webhook body, version 4, as Alertmanager itself sends it - so any receiver written for
 * Alertmanager (chat bridges, PagerDuty relays, the edge notes' security webhook) takes ours unchanged.
 * Built as maps with Alertmanager's own camelCase keys: the backend's snake_case mapper must not rename them.
 */
final class AlertmanagerPayload {
    static final String RECEIVER = "opsdeck";
    /** Alertmanager's "not ended" value for endsAt. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private AlertmanagerPayload() {
    }

    static String groupKey(String rule) {
        return "{}:{alertname=\"" + rule.replace("\"", "\\\"") + "\"}";
    }

    static Map<String, Object> build(String rule, List<AlertNotifier.Notice> alerts, String externalUrl) {
        List<Map<String, Object>> list = new ArrayList<>();
        boolean anyFiring = false;
        for (AlertNotifier.Notice n : alerts) {
            anyFiring |= n.status().equals("firing");
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("status", n.status());
            a.put("labels", n.labels());
            a.put("annotations", n.annotations());
            a.put("startsAt", n.startsAt().toString());
            a.put("endsAt", n.endsAt() == null ? ZERO_TIME : n.endsAt().toString());
            a.put("generatorURL", externalUrl + "/admin/alerts/rules/" + rule);
            a.put("fingerprint", n.fingerprint());
            list.add(a);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", "4");
        m.put("groupKey", groupKey(rule));
        m.put("truncatedAlerts", 0);
        m.put("status", anyFiring ? "firing" : "resolved");
        m.put("receiver", RECEIVER);
        m.put("groupLabels", Map.of("alertname", rule));
        m.put("commonLabels", common(alerts.stream().map(AlertNotifier.Notice::labels).toList()));
        m.put("commonAnnotations", common(alerts.stream().map(AlertNotifier.Notice::annotations).toList()));
        m.put("externalURL", externalUrl);
        m.put("alerts", list);
        return m;
    }

    /** Pairs every map shares, as Alertmanager's commonLabels/commonAnnotations. */
    private static Map<String, String> common(List<Map<String, String>> maps) {
        if (maps.isEmpty()) {
            return Map.of();
        }
        Map<String, String> c = new HashMap<>(maps.get(0));
        for (Map<String, String> m : maps.subList(1, maps.size())) {
            c.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        }
        return new java.util.TreeMap<>(c);
    }
}
