package dev.opsdeck.backend.platform.audit;

import dev.opsdeck.backend.platform.store.Database;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code audit_log}: filtered pages for {@code GET /admin/audit}, and chain verification that names the
 * first row whose content, hash or link to its predecessor does not hold.
 */
public final class AuditLogReader {
    private static final int VERIFY_PAGE = 1000;

    /** One row as stored. */
    public record Entry(long id, Instant occurredAt, String actor, String action, String parameters, String result,
                        String sourceIp, String prevHash, String entryHash) {
    }

    /**
     * Filters; null fields do not filter. {@code action} matches exactly or, ending in {@code *}, as a prefix.
     * {@code beforeId} pages backwards (newest first).
     */
    public record Filter(String actor, String action, String result, String sourceIp, Instant since, Instant until,
                         Long beforeId, int limit) {
    }

    /**
     * The verdict of a verification.
     *
     * @param firstBrokenId the first row that fails, or null when the chain holds
     * @param reason        why that row fails
     */
    public record Verification(boolean valid, long checked, Long firstBrokenId, String reason, String headHash) {
    }

    private final Database db;

    public AuditLogReader(Database db) {
        this.db = db;
    }

    public List<Entry> list(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE 1=1");
        Map<String, Object> binds = new java.util.LinkedHashMap<>();
        if (f.actor() != null) {
            sql.append(" AND actor = :actor");
            binds.put("actor", f.actor());
        }
        if (f.action() != null) {
            if (f.action().endsWith("*")) {
                sql.append(" AND action LIKE :action ESCAPE '\\'");
                binds.put("action", f.action().substring(0, f.action().length() - 1)
                        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            } else {
                sql.append(" AND action = :action");
                binds.put("action", f.action());
            }
        }
        if (f.result() != null) {
            sql.append(" AND result = :result");
            binds.put("result", f.result());
        }
        if (f.sourceIp() != null) {
            sql.append(" AND source_ip = :ip");
            binds.put("ip", f.sourceIp());
        }
        if (f.since() != null) {
            sql.append(" AND occurred_at >= :since");
            binds.put("since", OffsetDateTime.ofInstant(f.since(), ZoneOffset.UTC));
        }
        if (f.until() != null) {
            sql.append(" AND occurred_at < :until");
            binds.put("until", OffsetDateTime.ofInstant(f.until(), ZoneOffset.UTC));
        }
        if (f.beforeId() != null) {
            sql.append(" AND id < :before");
            binds.put("before", f.beforeId());
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        binds.put("limit", f.limit());
        return db.jdbi().withHandle(h -> {
            var q = h.createQuery(sql.toString());
            binds.forEach(q::bind);
            return q.map((rs, ctx) -> row(rs)).list();
        });
    }

    /** Walks the chain from the first row; stops at the first row that does not hold. */
    public Verification verify() {
        return db.jdbi().withHandle(h -> {
            String prevHash = HashChainedAuditLog.GENESIS;
            long expectedId = -1;
            long checked = 0;
            long after = Long.MIN_VALUE;
            while (true) {
                List<Entry> page = page(h, after);
                if (page.isEmpty()) {
                    return new Verification(true, checked, null, null, prevHash);
                }
                for (Entry e : page) {
                    String problem = null;
                    if (expectedId >= 0 && e.id() != expectedId) {
                        problem = "rows " + expectedId + " to " + (e.id() - 1) + " are missing";
                    } else if (!e.prevHash().equals(prevHash)) {
                        problem = "prev_hash does not match the entry_hash of the row before (row removed, reordered or rewritten)";
                    } else if (!HashChainedAuditLog.hash(e.prevHash(), e.id(), e.occurredAt(), e.actor(), e.action(),
                            e.parameters(), e.result(), e.sourceIp()).equals(e.entryHash())) {
                        problem = "content does not match its entry_hash (row edited)";
                    }
                    if (problem != null) {
                        return new Verification(false, checked, e.id(), problem, null);
                    }
                    checked++;
                    prevHash = e.entryHash();
                    expectedId = e.id() + 1;
                    after = e.id();
                }
            }
        });
    }

    private static List<Entry> page(Handle h, long afterId) {
        return h.createQuery("SELECT * FROM audit_log WHERE id > :after ORDER BY id LIMIT :n")
                .bind("after", afterId).bind("n", VERIFY_PAGE)
                .map((rs, ctx) -> row(rs)).list();
    }

    private static Entry row(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime at = rs.getObject("occurred_at", OffsetDateTime.class);
        return new Entry(rs.getLong("id"), at.toInstant(), rs.getString("actor"), rs.getString("action"),
                rs.getString("parameters"), rs.getString("result"), rs.getString("source_ip"),
                rs.getString("prev_hash"), rs.getString("entry_hash"));
    }

    /** All rows in id order, for tests and exports. */
    public List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        db.jdbi().useHandle(h -> {
            long after = Long.MIN_VALUE;
            List<Entry> p;
            while (!(p = page(h, after)).isEmpty()) {
                out.addAll(p);
                after = p.get(p.size() - 1).id();
            }
        });
        return out;
    }
}
