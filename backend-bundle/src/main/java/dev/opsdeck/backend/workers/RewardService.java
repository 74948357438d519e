package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.http.ApiException;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reward claims: recording one (committed before the 200) and the rewards view. */
final class RewardService {
    private static final Pattern TOKEN = Pattern.compile("[A-Z][A-Z0-9]{1,15}");
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    /** Body of {@code POST /api/worker/claim-reward}. */
    record ClaimRequest(String workerId, BigDecimal amount, String token, String txHash) {
    }

    private final WorkerRepository repo;
    private final FleetQueries fleet;
    private final EventBus events;
    private final Clock clock;

    RewardService(WorkerRepository repo, FleetQueries fleet, EventBus events, Clock clock) {
        this.repo = repo;
        this.fleet = fleet;
        this.events = events;
        this.clock = clock;
    }

    Map<String, Object> claim(String workerId, ClaimRequest r) {
        if (r.amount() == null) {
            throw ApiException.invalidField("amount", "is required");
        }
        if (r.amount().signum() <= 0 || r.amount().compareTo(MAX_AMOUNT) > 0) {
            throw ApiException.invalidField("amount", "must be greater than 0 and at most 1e12");
        }
        if (r.amount().stripTrailingZeros().scale() > 18) {
            throw ApiException.invalidField("amount", "has more than 18 decimal places");
        }
        String token = r.token() == null ? "SAGE" : r.token();
        if (!TOKEN.matcher(token).matches()) {
            throw ApiException.invalidField("token", "must be 2-16 upper-case letters or digits, e.g. SAGE");
        }
        Fields.hex("tx_hash", r.txHash());
        if (r.txHash() != null && repo.txHashExists(r.txHash())) {
            throw new ApiException(409, "duplicate_claim", "a claim with tx_hash " + r.txHash() + " is already recorded", Map.of("field", "tx_hash"));
        }
        WorkerRepository.ClaimRow row;
        try {
            row = repo.insertClaim(workerId, r.amount(), token, r.txHash(), clock.instant());
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                // Two claims with one tx_hash raced past the check; the unique index kept only the first.
                throw new ApiException(409, "duplicate_claim", "a claim with tx_hash " + r.txHash() + " is already recorded", Map.of("field", "tx_hash"));
            }
            throw e;
        }
        if (row == null) {
            throw new ApiException(404, "unknown_worker", "no worker '" + workerId + "' has sent a heartbeat", Map.of("field", "worker_id"));
        }
        Map<String, Object> view = claimView(row);
        events.publish(StateTracker.TOPIC, "worker.reward_claimed", view);
        return view;
    }

    Map<String, Object> rewards(String workerId, Duration range, Page page) {
        if (workerId != null) {
            fleet.requireExists(workerId);
        }
        Instant from = clock.instant().minus(range);
        List<Object> items = new ArrayList<>();
        for (WorkerRepository.ClaimRow c : repo.claims(workerId, from, page.limit(), page.offset())) {
            items.add(claimView(c));
        }
        Map<String, BigDecimal[]> totals = repo.claimTotals(workerId, from);
        long total = 0;
        BigDecimal sum = BigDecimal.ZERO;
        Map<String, Object> byStatus = new LinkedHashMap<>();
        for (Map.Entry<String, BigDecimal[]> e : totals.entrySet()) {
            total += e.getValue()[0].longValue();
            sum = sum.add(e.getValue()[1]);
            byStatus.put(e.getKey(), Map.of("claims", e.getValue()[0].longValue(), "amount", plain(e.getValue()[1])));
        }
        Map<String, Object> m = page.wrap(items, total);
        m.put("worker", workerId);
        m.put("range_seconds", range.toSeconds());
        m.put("by_status", byStatus);
        m.put("claimed_amount", plain(sum));
        // Pending: recorded without a transaction yet; submitted: a tx hash was given (confirmation is the chain domain's).
        m.put("pending_amount", totals.containsKey("pending") ? plain(totals.get("pending")[1]) : "0");
        return m;
    }

    private static Map<String, Object> claimView(WorkerRepository.ClaimRow c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("worker_id", c.workerId());
        m.put("amount", plain(c.amount()));
        m.put("token", c.token());
        m.put("tx_hash", c.txHash());
        m.put("status", c.status());
        m.put("claimed_at", c.claimedAt());
        return m;
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
