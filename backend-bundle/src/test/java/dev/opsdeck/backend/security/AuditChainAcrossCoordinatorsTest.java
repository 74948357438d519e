package dev.opsdeck.backend.security;

import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several coordinators share one PostgreSQL (the only store where that deployment exists): their audit appends
 * interleave, and the advisory lock keeps them one chain instead of two forks.
 */
class AuditChainAcrossCoordinatorsTest {
    private static final MediaType JSON = MediaType.get("application/json");

    @Test
    void twoCoordinatorsAppendingAtOnceKeepOneValidChain() throws Exception {
        Map<String, String> s = new HashMap<>(Generous.limits(Map.of()));
        try (TestBackend a = TestBackend.start(Store.POSTGRESQL, s)) {
            s.put("DATABASE_URL", a.jdbcUrl());
            try (TestBackend b = TestBackend.start(Store.POSTGRESQL, s)) {
                ExecutorService pool = Executors.newFixedThreadPool(6);
                List<Future<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    TestBackend target = i % 2 == 0 ? a : b;
                    String name = "coord-" + i;
                    calls.add(pool.submit(() -> target.call(new Request.Builder().url(target.url("/admin/secrets/" + name))
                            .put(RequestBody.create("{\"value\": \"v\"}", JSON)), "X-Admin-Key", TestBackend.ADMIN_KEY).status()));
                }
                for (Future<Integer> f : calls) {
                    assertThat(f.get()).isEqualTo(200);
                }
                pool.shutdown();
                var verify = b.admin("GET", "/admin/audit/verify", null).json();
                assertThat(verify.path("valid").asBoolean()).as(verify.toString()).isTrue();
                assertThat(verify.path("checked").asInt()).isEqualTo(30);
                assertThat(a.admin("GET", "/admin/audit?action=secrets.put&limit=1000", null).json().path("count").asInt()).isEqualTo(30);
            }
        }
    }
}
