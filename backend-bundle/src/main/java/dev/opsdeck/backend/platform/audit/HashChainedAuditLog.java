package dev.opsdeck.backend.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.store.Database;
import org.jdbi.v3.core.Handle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code audit_log} table as a hash chain: each entry stores the previous entry's hash and its own
 * {@code entry_hash = SHA-256(prev_hash | id | occurred_at | actor | action | parameters | result | source_ip)},
 * so changing, inserting or deleting a row breaks the chain at exactly that row.
 *
 * <p>Appends are serialised in this process (one writer at a time reads the head and inserts); several
 * coordinators on one PostgreSQL take a transaction-scoped advisory lock for the same purpose.
 */
public final class HashChainedAuditLog implements AuditTrail {
    public static final String GENESIS = "0".repeat(64);
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(token|secret|password|passwd|key|authorization|credential).*");
    private static final long PG_LOCK_ID = 0x0DEC4A0D17L; // arbitrary constant shared by all coordinators

    private final Database db;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Object lock = new Object();

    public HashChainedAuditLog(Database db, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public long record(String actor, String action, Map<String, ?> parameters, String result, String sourceIp) {
        String params = canonicalParameters(parameters);
        // Microsecond precision survives a round trip through both stores unchanged, so the hash recomputes.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        synchronized (lock) {
            return db.jdbi().inTransaction(h -> {
                if (db.kind() == dev.opsdeck.backend.platform.store.StoreKind.POSTGRESQL) {
                    h.execute("SELECT pg_advisory_xact_lock(?)", PG_LOCK_ID);
                }
                String prev = h.createQuery("SELECT entry_hash FROM audit_log ORDER BY id DESC LIMIT 1")
                        .mapTo(String.class).findOne().orElse(GENESIS);
                long id = nextId(h);
                String hash = hash(prev, id, at, actor, action, params, result, sourceIp);
                h.createUpdate("INSERT INTO audit_log (id, occurred_at, actor, action, parameters, result, source_ip, prev_hash, entry_hash) "
                                + "VALUES (:id, :at, :actor, :action, :params, :result, :ip, :prev, :hash)")
                        .bind("id", id).bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).bind("actor", actor)
                        .bind("action", action).bind("params", params).bind("result", result).bind("ip", sourceIp)
                        .bind("prev", prev).bind("hash", hash)
                        .execute();
                return id;
            });
        }
    }

    private static long nextId(Handle h) {
        return h.createQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log").mapTo(Long.class).one();
    }

    /** Parameters as sorted JSON with secret-looking keys redacted. */
    public String canonicalParameters(Map<String, ?> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return "{}";
        }
        Map<String, Object> sorted = new TreeMap<>();
        parameters.forEach((k, v) -> sorted.put(k, SECRET_KEY.matcher(k).matches() && !k.toLowerCase(Locale.ROOT).endsWith("_name") ? "[redacted]" : v));
        try {
            return mapper.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            return "{\"unserialisable\":true}";
        }
    }

    /** The entry hash as defined in the class comment. */
    public static String hash(String prev, long id, Instant at, String actor, String action, String params, String result, String ip) {
        String canonical = String.join("|", prev, Long.toString(id), at.truncatedTo(ChronoUnit.MICROS).toString(), actor, action,
                params == null ? "" : params, result, ip == null ? "" : ip);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
