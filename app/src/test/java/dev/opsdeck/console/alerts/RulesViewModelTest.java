package dev.opsdeck.console.alerts;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.ManualUiExecutor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RulesViewModelTest {
    static final String RULE = "{'name':'HighCPU','expr':'system_cpu_usage_percent','comparison':'>','threshold':90.0,'for':'5m',"
            + "'consecutive':1,'severity':'warning','summary':'CPU high','description':null,'runbook':{'title':'T','steps':['s'],'actions':[]},"
            + "'builtin':true,'enabled':%s,'promql':'system_cpu_usage_percent > 90','state':'%s','active_alerts':0}";

    private final FakeAlertsApi api = new FakeAlertsApi()
            .on("GET /admin/alerts/rules", "{'rules':[" + RULE.formatted("true", "inactive") + "],'muted_count':0}")
            .on("POST /admin/alerts/rules/HighCPU/toggle", "{'rule':" + RULE.formatted("false", "disabled")
                    + ",'enabled':false,'message':'rule disabled'}")
            .on("GET /admin/alerts/rules/HighCPU", "{'rule':{'name':'HighCPU','evaluations':[{'at':'2026-01-01T00:00:00Z',"
                    + "'series':1,'breaching':1,'value':99.5,'error':null}]}}");
    private final RulesViewModel vm = new RulesViewModel(new ManualUiExecutor(), api);

    @Test
    void toggleSendsTheWantedStateAndShowsTheBackendsAnswerInPlace() {
        vm.load();
        RuleItem before = vm.rules().get(0);
        vm.setEnabled(before, false);
        assertThat(api.last().path()).isEqualTo("/admin/alerts/rules/HighCPU/toggle");
        assertThat(api.last().body().path("enabled").asBoolean(true)).isFalse();
        assertThat(vm.rules()).hasSize(1);
        assertThat(vm.rules().get(0).enabled()).isFalse();
        assertThat(vm.rules().get(0).state()).isEqualTo("disabled");
        assertThat(vm.messageProperty().get()).isEqualTo("HighCPU: rule disabled.");
    }

    @Test
    void selectingARuleLoadsItsRecentEvaluations() {
        vm.load();
        vm.selectedProperty().set(vm.rules().get(0));
        assertThat(vm.evaluations()).singleElement().satisfies(e -> {
            assertThat(e.breaching()).isEqualTo(1);
            assertThat(e.value()).isEqualTo(99.5);
            assertThat(e.error()).isEmpty();
        });
    }

    @Test
    void obviousMistakesAreMarkedWithoutAskingTheBackend() {
        vm.edit(null);
        vm.save(new RuleDraft("9bad", "", ">", "ninety", "5m", "0", "warning", " ", "", null, true));
        assertThat(vm.fieldErrors()).containsOnlyKeys("name", "expr", "threshold", "consecutive", "summary");
        assertThat(api.calls).isEmpty();
        assertThat(vm.draftProperty().get()).isNotNull();
    }

    @Test
    void theBackendsFieldErrorLandsOnItsFieldAndAnEditKeepsTheRunbook() {
        vm.load();
        api.on("PUT /admin/alerts/rules/HighCPU", new ApiException(400, "HTTP 400: for: unknown unit 'x'", "for"));
        vm.edit(vm.rules().get(0));
        RuleDraft d = vm.draftProperty().get();
        vm.save(new RuleDraft(d.name(), d.expr(), d.comparison(), d.threshold(), "5x", d.consecutive(), d.severity(),
                d.summary(), d.description(), d.runbook(), d.enabled()));
        assertThat(vm.fieldErrors()).containsOnlyKeys("for");
        assertThat(vm.fieldErrors().get("for")).isEqualTo("unknown unit 'x'");
        assertThat(api.last().body().path("runbook").path("title").asText()).isEqualTo("T");
        assertThat(api.last().body().path("threshold").asDouble()).isEqualTo(90.0);
        assertThat(vm.draftProperty().get()).as("editor stays open on an error").isNotNull();
    }

    @Test
    void withoutAThresholdTheExpressionKeepsItsOwnComparison() {
        RuleDraft d = new RuleDraft("Lag", "indexer_lag_seconds < 5", ">", "", "1m", "2", "critical", "Lag", "", null, true);
        assertThat(d.problems()).isEmpty();
        assertThat(d.body()).containsEntry("comparison", null).containsEntry("threshold", null).containsEntry("consecutive", 2);
    }
}
