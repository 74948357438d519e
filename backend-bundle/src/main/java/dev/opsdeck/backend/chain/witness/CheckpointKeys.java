package dev.opsdeck.backend.chain.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * The witness's Ed25519 key (JDK provider, no extra library). It is kept as its 32-byte seed in hex, the
 * form {@code CHECKPOINT_SIGNING_KEY} takes, and the key pair is derived from it: the JDK cannot derive a
 * public key from an encoded private key, but its generator derives both from the seed it draws.
 */
public final class CheckpointKeys {
    private static final HexFormat HEX = HexFormat.of();
    private final KeyPair pair;

    private CheckpointKeys(KeyPair pair) {
        this.pair = pair;
    }

    /** From a 64-hex-digit seed. */
    public static CheckpointKeys fromSeed(String seedHex) {
        byte[] seed;
        try {
            seed = HEX.parseHex(seedHex.trim().startsWith("0x") ? seedHex.trim().substring(2) : seedHex.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CHECKPOINT_SIGNING_KEY must be 64 hex digits (an Ed25519 seed)");
        }
        if (seed.length != 32) {
            throw new IllegalArgumentException("CHECKPOINT_SIGNING_KEY must be 64 hex digits (an Ed25519 seed)");
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
            return new CheckpointKeys(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
    }

    /** Reads the seed file in the data dir, creating it (owner-only) with a fresh random seed the first time. */
    public static CheckpointKeys loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] seed = new byte[32];
                new SecureRandom().nextBytes(seed);
                Files.writeString(file, HEX.formatHex(seed) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system (Windows): the user data dir's own ACL applies
                }
            }
            return fromSeed(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the checkpoint key " + file, e);
        }
    }

    /** The public key, X.509-encoded, in hex: stored with each checkpoint and published. */
    public String publicKeyHex() {
        return HEX.formatHex(pair.getPublic().getEncoded());
    }

    public String sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(message);
            return HEX.formatHex(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Verifies a signature made by the key whose X.509 encoding is {@code publicKeyHex}. */
    public static boolean verify(String publicKeyHex, byte[] message, String signatureHex) {
        try {
            PublicKey pk = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(HEX.parseHex(publicKeyHex)));
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(pk);
            s.update(message);
            return s.verify(HEX.parseHex(signatureHex));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Hands the generator the configured seed instead of random bytes. */
    private static final class FixedSeed extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
