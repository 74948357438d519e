package dev.opsdeck.console.alerts;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.ManualUiExecutor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertsViewModelTest {
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final FakeAlertsApi api = new FakeAlertsApi();
    private int feedReads;
    private final AlertsFeed feed = new AlertsFeed(ui, () -> {
        feedReads++;
        return AlertsFeedTest.body();
    }, (t, l) -> () -> { }, (l, t, x) -> { }, new NotifySetting(new javafx.beans.property.SimpleObjectProperty<>(dev.opsdeck.console.settings.AlertLevel.CRITICAL)));
    private final AlertsViewModel vm = new AlertsViewModel(ui, api, feed);

    private static AlertItem lowInventory() {
        return AlertItem.of(FakeAlertsApi.json("{'fingerprint':'00000000000000ab','rule_name':'LowInventory','state':'firing',"
                + "'severity':'warning','labels':{'alertname':'LowInventory','asset_id':'btc main'},'annotations':{'summary':'low'},"
                + "'value':-3,'active_since':'2026-01-01T00:00:00Z','muted':false,'silenced_by':[],'acknowledged_by':null,"
                + "'runbook':{'title':'Low VTXO inventory','steps':['a'],'actions':["
                + "{'id':'replenish','label':'Replenish {asset_id}','method':'POST','path':'/vtxos/batch/create','body':{'count':100,'asset_id':'{asset_id}'}},"
                + "{'id':'inventory','label':'Inventory','method':'GET','path':'/vtxos/inventory/{asset_id}','body':null},"
                + "{'id':'svc','label':'Reconnect','method':'GET','path':'/grpc/reconnect/{service}','body':null}]}}"));
    }

    @Test
    void runbookActionsAreFilledFromTheAlertsLabels() {
        AlertItem a = lowInventory();
        RunbookAction replenish = a.actions().get(0);
        assertThat(replenish.label()).isEqualTo("Replenish btc main");
        assertThat(replenish.body().path("asset_id").asText()).isEqualTo("btc main");
        assertThat(replenish.writes()).isTrue();
        assertThat(a.actions().get(1).path()).isEqualTo("/vtxos/inventory/btc%20main");
        assertThat(a.actions().get(2).unresolved()).as("no service label on this alert").isTrue();
        assertThat(a.distinguishingLabels()).isEqualTo("asset_id=btc main");
    }

    @Test
    void aWriteActionCarriesAnIdempotencyKeyAndAReadShowsItsAnswer() {
        api.on("POST /vtxos/batch/create", "{'message':'created 100'}").on("GET /vtxos/inventory/btc%20main", "{'available':5}");
        AlertItem a = lowInventory();
        vm.runAction(a.actions().get(0));
        assertThat(api.last().key()).isPresent();
        assertThat(vm.messageProperty().get()).isEqualTo("Replenish btc main: created 100.");
        vm.runAction(a.actions().get(1));
        assertThat(vm.outputProperty().get()).contains("\"available\" : 5");
        assertThat(feedReads).as("the list is read again after each action").isEqualTo(2);
    }

    @Test
    void acknowledgeAndSilenceSendTheSelectedFingerprint() {
        api.on("POST /admin/alerts/acks", "{'ack':{'owner':'ops'}}")
                .on("POST /admin/alerts/silences", "{'silence':{'ends_at':'2026-01-01T02:00:00Z'}}");
        vm.selectedProperty().set(lowInventory());
        vm.acknowledge(" ", "looking", "1h");
        assertThat(api.last().body().path("fingerprint").asText()).isEqualTo("00000000000000ab");
        assertThat(api.last().body().path("owner").isNull()).as("blank owner: the backend uses the credentials' name").isTrue();
        assertThat(api.last().body().path("duration").asText()).isEqualTo("1h");
        assertThat(vm.messageProperty().get()).contains("Acknowledged LowInventory for 1h (owner ops)");
        vm.silence("2h", " disk swap ");
        assertThat(api.last().body().path("reason").asText()).isEqualTo("disk swap");
        assertThat(vm.messageProperty().get()).startsWith("Silenced LowInventory until ");
    }

    @Test
    void aRefusalIsShownInWords() {
        api.on("POST /admin/alerts/silences", new ApiException(400, "HTTP 400: reason: required, up to 1000 characters", "reason"));
        vm.selectedProperty().set(lowInventory());
        vm.silence("2h", "");
        assertThat(vm.errorProperty().get()).isEqualTo("HTTP 400: reason: required, up to 1000 characters");
        assertThat(vm.busyProperty().get()).isFalse();
    }
}
