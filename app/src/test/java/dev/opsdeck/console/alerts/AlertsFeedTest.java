package dev.opsdeck.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.fx.ManualUiExecutor;
import dev.opsdeck.console.live.LiveEvents;
import dev.opsdeck.console.shell.Notifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.opsdeck.console.settings.AlertLevel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import static org.assertj.core.api.Assertions.assertThat;

class AlertsFeedTest {
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final AtomicReference<JsonNode> answer = new AtomicReference<>(body());
    private final List<String> notes = new ArrayList<>();
    private final List<Consumer<List<JsonNode>>> listeners = new ArrayList<>();
    private final ObjectProperty<AlertLevel> level = new SimpleObjectProperty<>(AlertLevel.CRITICAL);
    private final NotifySetting setting = new NotifySetting(level);
    private final LiveEvents live = (topic, onUi) -> {
        listeners.add(onUi);
        return () -> listeners.remove(onUi);
    };
    private final Notifier notifier = (level, title, text) -> notes.add(level + " " + title + ": " + text);
    private final AlertsFeed feed = new AlertsFeed(ui, answer::get, live, notifier, setting);

    static String alert(String fp, String rule, String state, String severity, String since, boolean muted) {
        return "{'fingerprint':'" + fp + "','rule_name':'" + rule + "','state':'" + state + "','severity':'" + severity
                + "','labels':{'alertname':'" + rule + "'},'annotations':{'summary':'" + rule + " is bad'},'value':7.5,"
                + "'active_since':'" + since + "','muted':" + muted + ",'silenced_by':[],'acknowledged_by':null,'runbook':null}";
    }

    static JsonNode body(String... alerts) {
        List<String> firing = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (String a : alerts) {
            (a.contains("'firing'") ? firing : pending).add(a);
        }
        return FakeAlertsApi.json("{'firing':[" + String.join(",", firing) + "],'pending':[" + String.join(",", pending)
                + "],'muted_count':" + (alerts.length == 0 ? 0 : (int) java.util.Arrays.stream(alerts).filter(a -> a.contains("'muted':true")).count()) + "}");
    }

    @Test
    void alertsAlreadyFiringAtConnectStayQuietButANewOneNotifiesAndTheBadgeCounts() {
        answer.set(body(alert("a1", "LowDisk", "firing", "critical", "2026-01-01T00:00:00Z", false)));
        feed.start();
        assertThat(notes).isEmpty();
        assertThat(feed.badgeText().get()).isEqualTo("1");

        answer.set(body(alert("a1", "LowDisk", "firing", "critical", "2026-01-01T00:00:00Z", false),
                alert("a2", "ServiceDown", "firing", "critical", "2026-01-01T00:05:00Z", false)));
        ui.advance(AlertsFeed.INTERVAL);
        assertThat(notes).containsExactly("ERROR Alert firing: ServiceDown: ServiceDown is bad (value 7.5)");
        assertThat(feed.badgeText().get()).isEqualTo("2");

        answer.set(body());
        ui.advance(AlertsFeed.INTERVAL);
        assertThat(feed.badgeText().get()).isEmpty();
    }

    @Test
    void belowTheThresholdOrMutedNoNotification() {
        feed.start();
        answer.set(body(alert("w", "HighCPU", "firing", "warning", "2026-01-01T00:00:00Z", false),
                alert("m", "LowDisk", "firing", "critical", "2026-01-01T00:00:00Z", true)));
        ui.advance(AlertsFeed.INTERVAL);
        assertThat(notes).isEmpty();
        assertThat(feed.mutedProperty().get()).isEqualTo(1);

        setting.thresholdProperty().set("warning");
        assertThat(level.get()).as("the Settings page's stored value follows").isEqualTo(AlertLevel.WARNING);
        answer.set(body(alert("w2", "HighMemory", "firing", "warning", "2026-01-01T00:00:00Z", false)));
        ui.advance(AlertsFeed.INTERVAL);
        assertThat(notes).containsExactly("WARNING Alert firing: HighMemory: HighMemory is bad (value 7.5)");
    }

    @Test
    void aPushRefreshesAtOnceAndFiringSortsBeforePendingKeepingRowsInPlace() {
        answer.set(body(alert("p", "HighCPU", "pending", "critical", "2026-01-01T00:00:00Z", false),
                alert("f", "HighMemory", "firing", "info", "2026-01-01T00:10:00Z", false)));
        feed.start();
        assertThat(feed.alerts()).extracting(AlertItem::fingerprint).containsExactly("f", "p");
        AlertItem firing = feed.alerts().get(0);

        answer.set(body(alert("p", "HighCPU", "firing", "critical", "2026-01-01T00:00:00Z", false),
                alert("f", "HighMemory", "firing", "info", "2026-01-01T00:10:00Z", false)));
        listeners.forEach(l -> l.accept(List.of(FakeAlertsApi.json("{'type':'alert.firing'}"))));
        assertThat(feed.alerts()).extracting(AlertItem::fingerprint).containsExactly("p", "f");
        assertThat(feed.alerts().get(1)).isSameAs(firing);
        assertThat(ui.scheduledDelays()).allMatch(d -> d.compareTo(Duration.ofSeconds(10)) <= 0);
    }

    @Test
    void theViewersMonitoringShapeFeedsTheBadgeToo() {
        answer.set(FakeAlertsApi.json("{'alerts':[" + alert("f", "LowDisk", "firing", "critical", "2026-01-01T00:00:00Z", false)
                + "," + alert("p", "HighCPU", "pending", "warning", "2026-01-01T00:00:00Z", false) + "],'count':2,'muted_count':0}"));
        feed.start();
        assertThat(feed.badgeText().get()).isEqualTo("1");
        assertThat(feed.alerts()).extracting(AlertItem::fingerprint).containsExactly("f", "p");
    }

    @Test
    void stopUnsubscribesAndAFailureIsShownInWords() {
        feed.start();
        feed.stop();
        assertThat(listeners).isEmpty();
        AlertsFeed failing = new AlertsFeed(ui, () -> {
            throw new dev.opsdeck.console.connection.ApiException(403, "this environment's credentials lack the role for this action (403)", "");
        }, live, notifier, setting);
        failing.start();
        assertThat(failing.errorProperty().get()).contains("lack the role");
        failing.stop();
    }
}
