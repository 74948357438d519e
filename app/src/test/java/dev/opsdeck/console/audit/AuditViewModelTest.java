package dev.opsdeck.console.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.connection.ApiClient;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.connection.ConnectionTarget;
import dev.opsdeck.console.fx.ManualUiExecutor;
import dev.opsdeck.console.shell.Role;
import dev.opsdeck.console.shell.Session;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit view model against a fake log: merging by id, paging, permissions and the verdict. No toolkit. */
class AuditViewModelTest {
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final FakeLog log = new FakeLog();
    private final Session session = new Session();
    private AuditViewModel vm;

    @BeforeEach
    void setUp() {
        session.connected(new ApiClient(new ConnectionTarget("test", URI.create("http://127.0.0.1:1"), Optional.of("k"),
                Optional.empty(), false), new OkHttpClient(), new ObjectMapper()));
        vm = new AuditViewModel(log, ui, session);
    }

    @Test
    void newRowsArePrependedAndTheRowsAlreadyShownStayTheSameObjects() {
        log.add(3);
        vm.activate();
        assertThat(vm.entries()).extracting(AuditEntry::id).containsExactly(3L, 2L, 1L);
        AuditEntry shown = vm.entries().get(0);
        log.add(2);
        ui.advance(AuditViewModel.POLL);
        assertThat(vm.entries()).extracting(AuditEntry::id).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(vm.entries().get(2)).isSameAs(shown); // a selected row keeps its selection
    }

    @Test
    void olderPagesAreAppendedUntilThereAreNoMore() {
        log.add(AuditViewModel.PAGE + 30);
        vm.activate();
        assertThat(vm.entries()).hasSize(AuditViewModel.PAGE);
        assertThat(vm.hasOlderProperty().get()).isTrue();
        vm.loadOlder();
        assertThat(vm.entries()).hasSize(AuditViewModel.PAGE + 30);
        assertThat(vm.entries().get(vm.entries().size() - 1).id()).isEqualTo(1L);
        assertThat(vm.hasOlderProperty().get()).isFalse();
    }

    @Test
    void filtersAreSentAndRestartTheList() {
        log.add(5);
        vm.activate();
        vm.actionProperty().set("alerts.*");
        vm.rangeProperty().set(AuditRange.HOUR);
        vm.applyFilters();
        assertThat(log.lastFilter).isEqualTo(new AuditFilter(AuditRange.HOUR, "", "alerts.*", ""));
    }

    @Test
    void aViewerIsToldWhyAndNothingIsRequested() {
        session.role(Role.VIEWER);
        vm.activate();
        assertThat(log.calls).isZero();
        assertThat(vm.permissionProblemProperty().get()).contains("viewer token");
        assertThat(ui.pending()).isZero();
    }

    @Test
    void aRefusalIsExplainedAndPollingStops() {
        log.refuse = new ApiException(403, "this environment's credentials lack the role for this action (403): this token is not an admin key", "");
        vm.activate();
        assertThat(vm.permissionProblemProperty().get()).contains("not an admin key");
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(ui.pending()).isZero();
    }

    @Test
    void aBrokenChainNamesTheEntry() {
        log.verdict = new AuditSource.Verdict(false, 41, 42L, "content does not match its entry_hash (row edited)");
        vm.verify();
        assertThat(vm.chainProperty().get()).isEqualTo(AuditViewModel.Chain.BROKEN);
        assertThat(vm.verdictProperty().get().firstBrokenId()).isEqualTo(42L);
        assertThat(vm.verifyingProperty().get()).isFalse();
    }

    @Test
    void theQueryCarriesTheFiltersEncoded() {
        String q = new AuditFilter(AuditRange.HOUR, "admin:ab12", "alerts.*", "ok").query(Instant.parse("2026-01-01T12:00:00Z"), 77L, 100);
        assertThat(q).isEqualTo("/admin/audit?limit=100&actor=admin%3Aab12&action=alerts.*&result=ok&since=2026-01-01T11:00:00Z&before_id=77");
    }

    /** Rows 1..n, newest first, paged like the backend. */
    private static final class FakeLog implements AuditSource {
        final List<AuditEntry> rows = new ArrayList<>();
        AuditFilter lastFilter;
        ApiException refuse;
        Verdict verdict = new Verdict(true, 0, null, null);
        int calls;

        void add(int n) {
            for (int i = 0; i < n; i++) {
                long id = rows.size() + 1;
                rows.add(new AuditEntry(id, Instant.EPOCH.plusSeconds(id), "admin:x", "a.b", "{}", "ok", "127.0.0.1", "h" + id));
            }
        }

        @Override
        public Page page(AuditFilter filter, Long beforeId, int limit) throws ApiException {
            calls++;
            lastFilter = filter;
            if (refuse != null) {
                throw refuse;
            }
            List<AuditEntry> out = rows.stream().filter(e -> beforeId == null || e.id() < beforeId)
                    .sorted(Comparator.comparingLong(AuditEntry::id).reversed()).limit(limit).toList();
            return new Page(out, out.size() == limit ? out.get(out.size() - 1).id() : null);
        }

        @Override
        public Verdict verify() {
            return verdict;
        }
    }
}
