package dev.opsdeck.backend.security.secrets;

import dev.opsdeck.backend.api.ConfigException;
import dev.opsdeck.backend.platform.http.ApiException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The encrypted, versioned secrets store of the service layer playbook. Values leave it only through
 * {@link #reveal(String)} (admin-only at the route); listings carry names, versions and times.
 * The backend's own upstream credentials (RPC keys, webhook secrets) can be read with {@link #lookup(String)}.
 */
public final class SecretsService {
    /** What a listing shows: never the value. */
    public record Meta(String name, int version, Instant updatedAt, String updatedBy, String keyId) {
    }

    /** A revealed value. */
    public record Revealed(String name, int version, String value, Instant updatedAt) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,127}");
    /** 64 KiB: certificates and JSON credentials fit; the store is not a file store. */
    public static final int MAX_VALUE_CHARS = 64 * 1024;

    private final SecretsRepository repo;
    private final SecretCipher cipher = new SecretCipher();
    private final Clock clock;
    private final Consumer<SecretKey> keyPersister;
    private volatile SecretKey key;

    /**
     * @param keyPersister called with the new key after a rotation committed (writes the dev key file); the
     *                     environment-variable case has nothing to persist and passes a no-op
     */
    public SecretsService(SecretsRepository repo, SecretKey key, Clock clock, Consumer<SecretKey> keyPersister) {
        this.repo = repo;
        this.key = key;
        this.clock = clock;
        this.keyPersister = keyPersister;
    }

    /**
     * Opens the store of a backend: resolves the key ({@link SecretKeySource}) and refuses to start when stored
     * rows were sealed with another key.
     */
    public static SecretsService open(dev.opsdeck.backend.api.BackendConfig config, java.nio.file.Path dataDir,
                                      dev.opsdeck.backend.platform.store.Database db, Clock clock) {
        SecretKeySource.Resolved key = SecretKeySource.resolve(config, dataDir);
        SecretsService s = new SecretsService(new SecretsRepository(db), key.key(), clock, key.persister());
        s.checkKey();
        org.slf4j.LoggerFactory.getLogger(SecretsService.class).info("secrets store: key {} from {}", key.key().id(), key.origin());
        return s;
    }

    /** Refuses to start when stored rows were sealed with another key: every read would fail later. */
    public void checkKey() {
        for (String id : repo.keyIds()) {
            if (!id.equals(key.id())) {
                throw new ConfigException("SECRET_ENCRYPTION_KEY", "stored secrets were encrypted with key " + id
                        + " but the configured key is " + key.id() + " (after a rotation, configure the new key)");
            }
        }
    }

    public String keyId() {
        return key.id();
    }

    public static void validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.invalidField("name", "must be 1-128 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** Stores a new version; returns its number. */
    public int put(String name, String value, String actor) {
        validateName(name);
        if (value == null) {
            throw ApiException.invalidField("value", "is required");
        }
        if (value.length() > MAX_VALUE_CHARS) {
            throw ApiException.invalidField("value", "is longer than " + MAX_VALUE_CHARS + " characters");
        }
        SecretKey k = key;
        return repo.append(name, v -> {
            SecretCipher.Sealed s = cipher.encrypt(k, name, v, value);
            return new SecretsRepository.Row(name, v, s.ciphertext(), s.nonce(), k.id(), false, clock.instant(), actor);
        }).version();
    }

    /** Marks a secret deleted with a tombstone version (history stays for the audit). */
    public int delete(String name, String actor) {
        validateName(name);
        current(name).orElseThrow(() -> ApiException.notFound("no secret named " + name));
        SecretKey k = key;
        return repo.append(name, v -> {
            SecretCipher.Sealed s = cipher.encrypt(k, name, v, "");
            return new SecretsRepository.Row(name, v, s.ciphertext(), s.nonce(), k.id(), true, clock.instant(), actor);
        }).version();
    }

    public List<Meta> list() {
        return repo.listLatest().stream()
                .map(r -> new Meta(r.name(), r.version(), r.createdAt(), r.createdBy(), r.keyId())).toList();
    }

    public List<Map<String, Object>> history(String name) {
        validateName(name);
        return repo.history(name).stream().map(r -> Map.<String, Object>of("version", r.version(), "deleted", r.deleted(),
                "created_at", r.createdAt().toString(), "created_by", r.createdBy())).toList();
    }

    public Revealed reveal(String name) {
        validateName(name);
        SecretsRepository.Row r = current(name).orElseThrow(() -> ApiException.notFound("no secret named " + name));
        try {
            return new Revealed(name, r.version(), cipher.decrypt(key, name, r.version(), new SecretCipher.Sealed(r.ciphertext(), r.nonce())), r.createdAt());
        } catch (IllegalStateException e) {
            // Not the caller's fault: the row or the key is wrong. Say so plainly instead of a generic error.
            throw new ApiException(500, "secret_unreadable", e.getMessage());
        }
    }

    /** For the backend's own use: the current value, or empty. */
    public Optional<String> lookup(String name) {
        return current(name).map(r -> cipher.decrypt(key, name, r.version(), new SecretCipher.Sealed(r.ciphertext(), r.nonce())));
    }

    private Optional<SecretsRepository.Row> current(String name) {
        return repo.latest(name).filter(r -> !r.deleted());
    }

    /**
     * Re-encrypts every version of every secret under {@code next} in one transaction, then switches to it.
     * A row that does not decrypt under the current key aborts the rotation with nothing changed.
     *
     * @return rows re-encrypted
     */
    public synchronized int rotate(SecretKey next) {
        SecretKey old = key;
        int n = repo.rewriteAll(r -> {
            String plain = cipher.decrypt(old, r.name(), r.version(), new SecretCipher.Sealed(r.ciphertext(), r.nonce()));
            SecretCipher.Sealed s = cipher.encrypt(next, r.name(), r.version(), plain);
            return new SecretsRepository.Row(r.name(), r.version(), s.ciphertext(), s.nonce(), next.id(), r.deleted(), r.createdAt(), r.createdBy());
        });
        key = next;
        keyPersister.accept(next);
        return n;
    }
}
