package dev.opsdeck.backend.security.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.audit.AuditTrail;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import dev.opsdeck.backend.security.Principal;
import io.javalin.http.Context;
import org.jdbi.v3.core.JdbiException;

import java.util.LinkedHashMap;
import java.util.Map;

/** Admin-only endpoints of the secrets store. Every change, and every reveal, is audited (without the value). */
public final class SecretRoutes {
    /** Body of {@code PUT /admin/secrets/{name}}. */
    public record PutSecret(String value) {
    }

    /** Body of {@code POST /admin/secrets/rotate-key}. */
    public record RotateKey(String newKey) {
    }

    private final SecretsService secrets;
    private final AuditTrail audit;
    private final ObjectMapper mapper;

    public SecretRoutes(SecretsService secrets, AuditTrail audit, ObjectMapper mapper) {
        this.secrets = secrets;
        this.audit = audit;
        this.mapper = mapper;
    }

    public void register(Routes r) {
        r.get("/admin/secrets", Access.ADMIN, RateCategory.DEFAULT, "Stored secrets: names, versions, times (never values)",
                ctx -> ctx.json(Map.of("secrets", secrets.list(), "key_id", secrets.keyId())));
        r.get("/admin/secrets/{name}", Access.ADMIN, RateCategory.DEFAULT, "Reveals a secret's current value (audited)", ctx -> {
            SecretsService.Revealed v = secrets.reveal(ctx.pathParam("name"));
            audit.record(actor(ctx), "secrets.reveal", Map.of("secret_name", v.name(), "version", v.version()), "ok", ctx.ip());
            ctx.json(v);
        });
        r.get("/admin/secrets/{name}/versions", Access.ADMIN, RateCategory.DEFAULT, "Version history of a secret (no values)",
                ctx -> ctx.json(Map.of("name", ctx.pathParam("name"), "versions", secrets.history(ctx.pathParam("name")))));
        r.put("/admin/secrets/{name}", Access.ADMIN, RateCategory.DEFAULT, "Stores a new version of a secret: {\"value\": \"...\"}", ctx -> {
            String name = ctx.pathParam("name");
            SecretsService.validateName(name);
            PutSecret body = Json.body(ctx, mapper, PutSecret.class);
            int version = write(() -> secrets.put(name, body.value(), actor(ctx)));
            audit.record(actor(ctx), "secrets.put", Map.of("secret_name", name, "version", version), "ok", ctx.ip());
            ctx.json(Map.of("name", name, "version", version));
        });
        r.delete("/admin/secrets/{name}", Access.ADMIN, RateCategory.DEFAULT, "Deletes a secret (a tombstone version; history stays)", ctx -> {
            String name = ctx.pathParam("name");
            int version = write(() -> secrets.delete(name, actor(ctx)));
            audit.record(actor(ctx), "secrets.delete", Map.of("secret_name", name, "version", version), "ok", ctx.ip());
            ctx.json(Map.of("name", name, "version", version, "deleted", true));
        });
        r.post("/admin/secrets/rotate-key", Access.ADMIN, RateCategory.DEFAULT,
                "Re-encrypts every secret under a new key: {\"new_key\": \"<16/24/32 bytes raw, base64 or hex>\"}", ctx -> {
                    RotateKey body = Json.body(ctx, mapper, RotateKey.class);
                    if (body.newKey() == null) {
                        throw ApiException.invalidField("new_key", "is required");
                    }
                    SecretKey next;
                    try {
                        next = SecretKey.parse("new_key", body.newKey());
                    } catch (dev.opsdeck.backend.api.ConfigException e) {
                        throw ApiException.invalidField("new_key", "must be 16, 24 or 32 bytes given raw, as base64 or as hex");
                    }
                    String old = secrets.keyId();
                    int rows = secrets.rotate(next);
                    Map<String, Object> params = new LinkedHashMap<>();
                    params.put("old_fingerprint", old);
                    params.put("new_fingerprint", next.id());
                    params.put("rows", rows);
                    audit.record(actor(ctx), "secrets.rotate_key", params, "ok", ctx.ip());
                    ctx.json(Map.of("rotated_rows", rows, "key_id", next.id(),
                            "note", "set SECRET_ENCRYPTION_KEY to the new key before the next start"));
                });
    }

    private static int write(java.util.function.IntSupplier op) {
        try {
            return op.getAsInt();
        } catch (JdbiException e) {
            // Two admins writing one name at once collide on (name, version); the loser retries.
            throw ApiException.conflict("the secret changed concurrently; retry");
        }
    }

    private static String actor(Context ctx) {
        Principal p = ctx.attribute("opsdeck.principal");
        return p == null ? "unknown" : p.name();
    }
}
