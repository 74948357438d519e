package dev.opsdeck.backend.chain.rpc;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Keccak-256 (the pre-standard padding Ethereum and StarkNet use, which the JDK's SHA3-256 does not) and
 * StarkNet's {@code sn_keccak}: the first 250 bits of it, which names event keys and entry point selectors.
 * With it the indexer recognises real contracts' events by their selector instead of a private numbering.
 */
public final class StarknetKeccak {
    private static final long[] RC = {
            0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
            0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
            0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
            0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
            0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
            0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L};
    private static final int[] ROT = {0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14};
    private static final int RATE = 136;
    private static final BigInteger MASK_250 = BigInteger.ONE.shiftLeft(250).subtract(BigInteger.ONE);

    private StarknetKeccak() {
    }

    public static byte[] keccak256(byte[] input) {
        long[] s = new long[25];
        int blocks = input.length / RATE + 1;
        byte[] padded = new byte[blocks * RATE];
        System.arraycopy(input, 0, padded, 0, input.length);
        padded[input.length] ^= 0x01;
        padded[padded.length - 1] ^= (byte) 0x80;
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < RATE / 8; i++) {
                long lane = 0;
                for (int k = 0; k < 8; k++) {
                    lane |= (padded[b * RATE + i * 8 + k] & 0xFFL) << (8 * k);
                }
                s[i] ^= lane;
            }
            permute(s);
        }
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = (byte) (s[i / 8] >>> (8 * (i % 8)));
        }
        return out;
    }

    private static void permute(long[] a) {
        long[] c = new long[5];
        long[] b = new long[25];
        for (long rc : RC) {
            for (int x = 0; x < 5; x++) {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }
            for (int x = 0; x < 5; x++) {
                long d = c[(x + 4) % 5] ^ Long.rotateLeft(c[(x + 1) % 5], 1);
                for (int y = 0; y < 25; y += 5) {
                    a[y + x] ^= d;
                }
            }
            for (int x = 0; x < 5; x++) {
                for (int y = 0; y < 5; y++) {
                    b[y + 5 * ((2 * x + 3 * y) % 5)] = Long.rotateLeft(a[x + 5 * y], ROT[x + 5 * y]);
                }
            }
            for (int y = 0; y < 25; y += 5) {
                for (int x = 0; x < 5; x++) {
                    a[y + x] = b[y + x] ^ (~b[y + (x + 1) % 5] & b[y + (x + 2) % 5]);
                }
            }
            a[0] ^= rc;
        }
    }

    /** {@code sn_keccak(name)}: the selector of an event or entry point called {@code name}, as a felt. */
    public static String selector(String name) {
        BigInteger v = new BigInteger(1, keccak256(name.getBytes(StandardCharsets.US_ASCII))).and(MASK_250);
        return Felt.of(v);
    }
}
