package dev.opsdeck.backend.chain;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * A Bloom filter over the subjects of a run of blocks, as Ethereum nodes keep a logs bloom per block: a subject
 * lookup reads the small filters newest first and only the block ranges whose filter may hold the subject.
 * That replaces a B-tree index on {@code subject}, where job clients, order makers, takers and transfer
 * recipients (a new address on most events) land at random places: H2 rewrote a 4 KB page per such event per
 * commit and catch-up ran at half speed (docs/CHAIN.md).
 *
 * <p>Sized at 12 to 24 bits per distinct subject (a power of two, at least 256 bits) with 6 probes: at most
 * about 0.4% of the ranges that lack a subject are read anyway. No false negatives.
 */
final class SubjectBloom {
    private static final int PROBES = 6;
    private static final int MIN_BITS = 256;

    private SubjectBloom() {
    }

    /** A filter holding every non-null subject in {@code subjects} (repeats and nulls allowed), sized by the distinct ones. */
    static byte[] of(Collection<String> subjects) {
        Set<String> distinct = new HashSet<>(subjects);
        distinct.remove(null);
        int bits = MIN_BITS;
        while (bits < distinct.size() * 12) {
            bits <<= 1;
        }
        byte[] bloom = new byte[bits / 8];
        for (String s : distinct) {
            long h = hash(s);
            for (int i = 0; i < PROBES; i++) {
                int bit = probe(h, i, bits);
                bloom[bit >>> 3] |= (byte) (1 << (bit & 7));
            }
        }
        return bloom;
    }

    /** False only when {@code subject} is certainly not in the filter. */
    static boolean mayContain(byte[] bloom, String subject) {
        int bits = bloom.length * 8;
        if (bits == 0) {
            return false;
        }
        long h = hash(subject);
        for (int i = 0; i < PROBES; i++) {
            int bit = probe(h, i, bits);
            if ((bloom[bit >>> 3] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Double hashing (Kirsch and Mitzenmacher): probe i is h1 + i * h2 modulo the size, a power of two. */
    private static int probe(long h, int i, int bits) {
        int h1 = (int) h;
        int h2 = (int) (h >>> 32) | 1;
        return (h1 + i * h2) & (bits - 1);
    }

    /** 64-bit FNV-1a over the characters, finished with a MurmurHash3 mix so both halves are well spread. */
    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
