package dev.opsdeck.backend.chain.rpc;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * StarkNet field elements as the spec writes them: {@code 0x} and at most 63 hex digits, no leading zeros
 * (schema {@code FELT}). Everything the client sends and stores goes through {@link #of}, so that two
 * spellings of one address ({@code 0x0abc}, {@code 0xABC}) never become two rows.
 */
public final class Felt {
    private static final Pattern LOOSE = Pattern.compile("^0x[a-fA-F0-9]{1,64}$");
    /** The STARK field prime 2^251 + 17 * 2^192 + 1: a felt is below it. */
    public static final BigInteger PRIME = BigInteger.TWO.pow(251).add(BigInteger.valueOf(17).shiftLeft(192)).add(BigInteger.ONE);
    private static final BigInteger TWO_128 = BigInteger.TWO.pow(128);

    private Felt() {
    }

    /** True when {@code s} is exactly the spec's FELT form (by hand: the indexer checks millions of them). */
    public static boolean isSpecForm(String s) {
        if (s == null || s.length() < 3 || s.length() > 65 || s.charAt(0) != '0' || s.charAt(1) != 'x') {
            return false;
        }
        if (s.length() == 3) {
            return hex(s.charAt(2));
        }
        if (s.charAt(2) == '0') {
            return false;
        }
        for (int i = 2; i < s.length(); i++) {
            if (!hex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /**
     * Normalises a user- or config-supplied hex value (leading zeros and upper case allowed) to the spec form.
     *
     * @throws IllegalArgumentException naming the problem when it is not a felt
     */
    public static String of(String s) {
        if (s == null || !LOOSE.matcher(s.trim()).matches()) {
            throw new IllegalArgumentException("not a hex field element (0x followed by 1-64 hex digits): " + s);
        }
        BigInteger v = new BigInteger(s.trim().substring(2), 16);
        if (v.compareTo(PRIME) >= 0) {
            throw new IllegalArgumentException("larger than the STARK field prime: " + s);
        }
        return of(v);
    }

    public static String of(BigInteger v) {
        return "0x" + v.toString(16).toLowerCase(Locale.ROOT);
    }

    public static String of(long v) {
        return "0x" + Long.toHexString(v);
    }

    public static BigInteger value(String felt) {
        return new BigInteger(felt.substring(2), 16);
    }

    /** Cairo's u256 as two felts (low, high 128-bit halves). */
    public static BigInteger u256(String low, String high) {
        return value(high).multiply(TWO_128).add(value(low));
    }

    public static String[] toU256(BigInteger v) {
        if (v.signum() >= 0 && v.bitLength() <= 128) {
            return new String[]{of(v), "0x0"}; // the common case: no high half
        }
        return new String[]{of(v.mod(TWO_128)), of(v.divide(TWO_128))};
    }
}
