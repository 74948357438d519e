package dev.opsdeck.backend.chain.witness;

import dev.opsdeck.backend.chain.ChainRepository;
import dev.opsdeck.backend.chain.ChainRepository.AuditRow;
import dev.opsdeck.backend.chain.ChainRepository.Checkpoint;
import dev.opsdeck.backend.chain.rpc.Felt;
import dev.opsdeck.backend.platform.audit.HashChainedAuditLog;

import java.util.List;
import java.util.Optional;

/**
 * Verifies the whole audit log against the latest checkpoint: the checkpoint's signature and key, then every
 * entry in id order (no gap, linked to the one before, contents matching its hash), and finally that the
 * recomputed head at the checkpointed entry is the hash that was signed. Reports the first entry where it breaks.
 */
public final class AuditChainVerifier {
    private static final int PAGE = 2_000;
    private final ChainRepository repo;
    private final String trustedPublicKey;

    public AuditChainVerifier(ChainRepository repo, String trustedPublicKey) {
        this.repo = repo;
        this.trustedPublicKey = trustedPublicKey;
    }

    /**
     * @param valid            everything checked out
     * @param checkpoint       the checkpoint verified against, null when none exists yet
     * @param signatureValid   the checkpoint's signature verifies under the witness's own key
     * @param publishedOnChain the indexer has seen the checkpoint's event on chain
     * @param entriesChecked   entries recomputed
     * @param brokenAt         id of the first bad entry, null when none
     * @param reason           what is wrong there, in words
     * @param uncoveredEntries entries newer than the checkpoint (chain-checked, not yet signed)
     */
    public record Report(boolean valid, Checkpoint checkpoint, boolean signatureValid, boolean publishedOnChain,
                         long entriesChecked, Long brokenAt, String reason, long uncoveredEntries) {
    }

    public Report verify() {
        Optional<Checkpoint> latest = repo.latestCheckpoint();
        if (latest.isEmpty()) {
            return new Report(false, null, false, false, 0, null, "no checkpoint exists yet; create one first", 0);
        }
        Checkpoint cp = latest.get();
        boolean sigOk = cp.publicKey().equals(trustedPublicKey)
                && CheckpointKeys.verify(cp.publicKey(), CheckpointMessage.of(cp.auditEntryId(), cp.auditEntryHash()), cp.signature());
        boolean onChain = repo.checkpointOnChain(Felt.of(cp.auditEntryId()));
        if (!sigOk) {
            return new Report(false, cp, false, onChain, 0, cp.auditEntryId(),
                    "the checkpoint's signature does not verify under the witness key: the checkpoint itself was altered", 0);
        }
        String prev = HashChainedAuditLog.GENESIS;
        long expectedId = 1;
        long checked = 0;
        long uncovered = 0;
        boolean reachedCheckpoint = false;
        long after = 0;
        while (true) {
            List<AuditRow> page = repo.auditRows(after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (AuditRow r : page) {
                String problem = null;
                if (r.id() != expectedId) {
                    problem = r.id() > expectedId ? "entries " + expectedId + ".." + (r.id() - 1) + " are missing (deleted)"
                            : "entry id " + r.id() + " is out of sequence";
                } else if (!r.prevHash().equals(prev)) {
                    problem = "entry does not link to the entry before it (an entry was inserted, deleted or rewritten)";
                } else {
                    String recomputed = HashChainedAuditLog.hash(prev, r.id(), r.occurredAt(), r.actor(), r.action(), r.parameters(),
                            r.result(), r.sourceIp());
                    if (!recomputed.equals(r.entryHash())) {
                        problem = "entry was modified: its contents no longer match its hash";
                    } else if (r.id() == cp.auditEntryId() && !recomputed.equals(cp.auditEntryHash())) {
                        problem = "the log up to this entry was rewritten: its head differs from the signed checkpoint";
                    }
                }
                if (problem != null) {
                    return new Report(false, cp, true, onChain, checked, Math.min(r.id(), expectedId), problem, 0);
                }
                checked++;
                if (r.id() == cp.auditEntryId()) {
                    reachedCheckpoint = true;
                } else if (reachedCheckpoint) {
                    uncovered++;
                }
                prev = r.entryHash();
                expectedId = r.id() + 1;
                after = r.id();
            }
        }
        if (!reachedCheckpoint) {
            return new Report(false, cp, true, onChain, checked, Math.min(expectedId, cp.auditEntryId()),
                    "the checkpointed entry " + cp.auditEntryId() + " is missing: the log was truncated", 0);
        }
        return new Report(true, cp, true, onChain, checked, null, null, uncovered);
    }
}
