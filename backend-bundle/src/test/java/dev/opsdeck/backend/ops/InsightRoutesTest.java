package dev.opsdeck.backend.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(Store.class)
class InsightRoutesTest {
    @Parameter
    Store store;

    static TestBackend backend;

    @BeforeParameterizedClassInvocation
    static void start(Store store) throws Exception {
        backend = TestBackend.start(store);
        OpsTestData.seed(backend, "w-insight", 25, 5);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        backend.close();
    }

    @Test
    void databaseStatsShowRowsPerTableSizeVersionPoolAndSaySoWhenSlowQueriesAreUnavailable() {
        TestBackend.Reply r = backend.admin("GET", "/admin/database/stats", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.path("store").asText()).isEqualTo(store == Store.H2 ? "h2" : "postgresql");
        assertThat(s.path("server_version").asText()).containsIgnoringCase(store == Store.H2 ? "H2" : "PostgreSQL");
        assertThat(s.path("size_on_disk_bytes").asLong()).isPositive();
        JsonNode hb = OpsTestData.table(s.path("tables"), "heartbeats");
        assertThat(hb.path("rows").asLong()).isEqualTo(30);
        assertThat(hb.path("rows_exact").asBoolean()).isTrue();
        assertThat(s.path("pool").path("pool_max").asInt()).isPositive();
        JsonNode slow = s.path("slow_queries");
        if (store == Store.POSTGRESQL && !slow.path("available").asBoolean()) {
            assertThat(slow.path("reason").asText()).contains("pg_stat_statements");
        }
        if (store == Store.H2) {
            assertThat(slow.path("available").asBoolean()).as(slow.toString()).isTrue();
            assertThat(slow.path("queries").size()).isPositive();
        }
    }

    @Test
    void cacheStatsListTheCachesThatExist() {
        TestBackend.Reply r = backend.get("/monitoring/cache/stats");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("caches").size()).isEqualTo(3);
        assertThat(r.json().path("caches").get(0).path("name").asText()).contains(store == Store.H2 ? "h2 page cache" : "shared buffers");
        assertThat(r.json().path("note").asText()).contains("no application-level");
    }

    @Test
    void summaryHealthAndMonitoringReflectTheFleetAndServices() {
        TestBackend.Reply sum = backend.admin("GET", "/admin/dashboard/summary", null);
        assertThat(sum.status()).as(sum.body()).isEqualTo(200);
        assertThat(sum.json().path("workers_by_status").path("online").asLong()).isEqualTo(1);
        assertThat(sum.json().path("heartbeats_last_hour").asLong()).isPositive();
        assertThat(sum.json().path("services").path("up").asLong()).isPositive();

        TestBackend.Reply pub = backend.get("/health/comprehensive");
        assertThat(pub.status()).isEqualTo(200);
        assertThat(pub.json().path("status").asText()).isEqualTo("UP");
        assertThat(pub.json().path("components").path("database").path("status").asText()).isEqualTo("UP");
        assertThat(pub.json().has("services_detail")).isFalse();
        TestBackend.Reply admin = backend.admin("GET", "/admin/health/comprehensive", null);
        // Other domains register services too; the database is one of them, and up.
        assertThat(admin.json().path("services_detail").findParents("name"))
                .anySatisfy(sv -> {
                    assertThat(sv.path("name").asText()).isEqualTo("database");
                    assertThat(sv.path("state").asText()).isEqualTo("up");
                });
        assertThat(backend.get("/admin/health/comprehensive").status()).isEqualTo(401);

        TestBackend.Reply mon = backend.get("/monitoring/stats");
        assertThat(mon.json().path("system").path("threads").asInt()).isPositive();
        assertThat(mon.json().path("system").path("disk_free_gb").asDouble()).isPositive();
    }

    @Test
    void performanceProfileRecordsWithFlightRecorderAndSummarises() {
        TestBackend.Reply r = backend.admin("GET", "/admin/performance/profile?seconds=1&top=5", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("seconds").asInt()).isEqualTo(1);
        assertThat(r.json().path("threads").asInt()).isPositive();
        assertThat(r.json().path("thread_states").path("RUNNABLE").asInt()).isPositive();
        assertThat(r.json().path("top_frames").isArray()).isTrue();
        assertThat(r.json().path("top_frames").size()).isLessThanOrEqualTo(5);
        TestBackend.Reply bad = backend.admin("GET", "/admin/performance/profile?seconds=0", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("details").path("field").asText()).isEqualTo("seconds");
    }
}
