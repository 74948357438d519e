package dev.opsdeck.backend.security.edge;

import dev.opsdeck.backend.api.ConfigException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which peers may tell us the client's address ({@code TRUSTED_PROXIES}: IPs or CIDR blocks, comma-separated).
 * Empty by default: {@code X-Forwarded-For} is then ignored, because any client can send it and would otherwise
 * pick its own rate-limit bucket and audit address.
 */
public final class TrustedProxies {
    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] addr) {
            if (addr.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (addr[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (addr[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** Parses the setting; throws a one-line {@link ConfigException} naming a bad entry. */
    public static TrustedProxies parse(String value) {
        List<Block> blocks = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                String[] ab = p.split("/", 2);
                byte[] addr = literal(ab[0]);
                if (addr == null) {
                    throw new ConfigException("TRUSTED_PROXIES", "'" + p + "' is not an IP address or CIDR block");
                }
                int prefix = addr.length * 8;
                if (ab.length == 2) {
                    try {
                        prefix = Integer.parseInt(ab[1]);
                    } catch (NumberFormatException e) {
                        prefix = -1;
                    }
                    if (prefix < 0 || prefix > addr.length * 8) {
                        throw new ConfigException("TRUSTED_PROXIES", "'" + p + "' has a bad prefix length");
                    }
                }
                blocks.add(new Block(addr, prefix));
            }
        }
        return new TrustedProxies(List.copyOf(blocks));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean trusts(String ip) {
        byte[] a = literal(ip);
        return a != null && blocks.stream().anyMatch(b -> b.contains(a));
    }

    /**
     * The client address: the peer itself unless the peer is a trusted proxy, in which case the right-most
     * {@code X-Forwarded-For} entry that is not itself a trusted proxy (entries to its left are client-supplied).
     */
    public String clientIp(String peer, String forwardedFor) {
        if (blocks.isEmpty() || forwardedFor == null || forwardedFor.isBlank() || !trusts(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (literal(hop) == null) {
                return peer; // garbage in the header: do not guess
            }
            if (!trusts(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** The bytes of an IP literal, or null; never resolves names (no DNS on the request path). */
    static byte[] literal(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return null;
        }
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = t.contains(":") && t.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
