package dev.opsdeck.backend.chain.witness;

import dev.opsdeck.backend.chain.ChainRepository;
import dev.opsdeck.backend.chain.ChainRepository.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The payments environment's checkpoint witness: signs the audit log's hash-chain head, stores the checkpoint
 * and publishes it on chain, so that rewriting the log (even with every hash recomputed) shows against a
 * signature made before the rewrite. Nothing new is signed while the head has not moved.
 */
public final class CheckpointWitness {
    private static final Logger log = LoggerFactory.getLogger(CheckpointWitness.class);

    private final ChainRepository repo;
    private final CheckpointKeys keys;
    private final CheckpointPublisher publisher;
    private final Clock clock;

    public CheckpointWitness(ChainRepository repo, CheckpointKeys keys, CheckpointPublisher publisher, Clock clock) {
        this.repo = repo;
        this.keys = keys;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Checkpoints the current head; returns the latest checkpoint (new or unchanged), empty when the log is empty. */
    public synchronized Optional<Checkpoint> checkpoint() {
        Optional<Map.Entry<Long, String>> head = repo.auditHead();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Optional<Checkpoint> latest = repo.latestCheckpoint();
        long id = head.get().getKey();
        String hash = head.get().getValue();
        if (latest.isPresent() && latest.get().auditEntryId() == id && latest.get().auditEntryHash().equals(hash)) {
            return latest;
        }
        String sig = keys.sign(CheckpointMessage.of(id, hash));
        long cpId = repo.insertCheckpoint(id, hash, sig, keys.publicKeyHex(), clock.instant());
        try {
            String tx = publisher.publish(id, hash, sig, keys.publicKeyHex());
            repo.checkpointPublished(cpId, tx, null);
            log.info("audit checkpoint {} at entry {} published in transaction {}", cpId, id, tx);
        } catch (RuntimeException e) {
            repo.checkpointPublished(cpId, null, e.getMessage());
            log.warn("audit checkpoint {} at entry {} stored but not published: {}", cpId, id, e.getMessage());
        }
        return repo.latestCheckpoint();
    }

    public String publicKeyHex() {
        return keys.publicKeyHex();
    }
}
