package dev.opsdeck.console.alerts;

import dev.opsdeck.console.fx.KeyedList;
import dev.opsdeck.console.fx.ManualUiExecutor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryAndMutesViewModelTest {
    private final ManualUiExecutor ui = new ManualUiExecutor();

    @Test
    void eachHistoryFilterIsAQueryParameterAndReloads() {
        FakeAlertsApi api = new FakeAlertsApi();
        String t = "{'transitions':[{'id':%d,'occurred_at':'2026-01-01T00:00:00Z','rule_name':'HighCPU','fingerprint':'f',"
                + "'labels':{'alertname':'HighCPU'},'severity':'warning','from_state':'pending','to_state':'firing','value':95.0,'note':null}]}";
        api.on("GET /admin/alerts/history?limit=500&hours=24", t.formatted(1))
                .on("GET /admin/alerts/history?limit=500&hours=6", t.formatted(2))
                .on("GET /admin/alerts/history?limit=500&hours=6&rule=HighCPU&severity=critical", "{'transitions':[]}");
        HistoryViewModel vm = new HistoryViewModel(ui, api);
        vm.load();
        assertThat(vm.transitions()).singleElement().satisfies(x -> {
            assertThat(x.to()).isEqualTo("firing");
            assertThat(x.value()).isEqualTo(95.0);
        });
        vm.hoursProperty().set(6);
        assertThat(vm.transitions()).extracting(Transition::id).containsExactly(2L);
        vm.ruleProperty().set("HighCPU");
        vm.severityProperty().set("critical");
        assertThat(vm.transitions()).isEmpty();
        assertThat(vm.summaryProperty().get()).isEqualTo("0 transition(s) in the last 6 h");
    }

    @Test
    void silencesMatchingNothingAreCountedAndEndingOneTellsTheFeed() {
        FakeAlertsApi api = new FakeAlertsApi()
                .on("GET /admin/alerts/silences", "{'silences':[{'id':4,'matchers':[{'name':'alertname','op':'=','value':'Typo'}],"
                        + "'reason':'r','created_by':'admin','ends_at':'2026-01-01T02:00:00Z','active':true,'matched_alerts':0,"
                        + "'matches_nothing':true}],'matching_nothing':[{'id':4}]}")
                .on("GET /admin/alerts/acks", "{'acks':[]}")
                .on("GET /admin/alerts/webhook", "{'status':{'state':'down','last_error':'HTTP 500','details':{'configured':true,"
                        + "'host':'hooks.example:8443','sent':3,'failed_attempts':4,'in_flight':0,'pending_dead_letters':1}},"
                        + "'dead_letters':[{'id':9,'created_at':'2026-01-01T00:00:00Z','group_key':'g','attempts':4,'last_error':'HTTP 500'}]}")
                .on("DELETE /admin/alerts/silences/4", "{'silence':{'id':4}}")
                .on("POST /admin/alerts/webhook/redeliver", "{'status':{'state':'up'}}");
        List<String> changed = new ArrayList<>();
        MutesViewModel vm = new MutesViewModel(ui, api, () -> changed.add("x"));
        vm.load();
        assertThat(vm.matchingNothingProperty().get()).isEqualTo(1);
        assertThat(vm.silences()).singleElement().satisfies(s -> assertThat(s.matchers()).isEqualTo("{alertname=\"Typo\"}"));
        assertThat(vm.webhookStateProperty().get()).isEqualTo("down");
        assertThat(vm.webhookDetailsProperty().get()).contains("hooks.example:8443", "last error: HTTP 500");
        assertThat(vm.deadLetters()).extracting(DeadLetterItem::attempts).containsExactly(4);
        vm.expire(vm.silences().get(0));
        assertThat(changed).hasSize(1);
        assertThat(vm.messageProperty().get()).isEqualTo("Silence 4 ended.");
        vm.redeliver();
        assertThat(api.calls).anyMatch(c -> c.path().equals("/admin/alerts/webhook/redeliver"));
    }

    @Test
    void keyedUpdateKeepsUnchangedRowsAndOrder() {
        List<String> live = new ArrayList<>(List.of("a1", "b1", "c1"));
        String b = live.get(1);
        KeyedList.sync(live, List.of("c2", "b1", "d1"), s -> s.charAt(0));
        assertThat(live).containsExactly("c2", "b1", "d1");
        assertThat(live.get(1)).isSameAs(b);
    }

    @Test
    void formatsValuesAndAges() {
        assertThat(Format.value(90.0)).isEqualTo("90");
        assertThat(Format.value(99.5712)).isEqualTo("99.57");
        assertThat(Format.value(0.000123)).isEqualTo("0.0001230".replaceAll("0+$", ""));
        java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
        assertThat(Format.age(t, t.plusSeconds(3 * 3600 + 5 * 60))).isEqualTo("3h 5m");
        assertThat(Format.age(t, t.plusSeconds(42))).isEqualTo("42s");
    }
}
