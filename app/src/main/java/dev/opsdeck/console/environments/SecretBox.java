package dev.opsdeck.console.environments;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encrypts the secrets of environment profiles (admin keys, viewer tokens) with AES-256-GCM under a local key file,
 * so the profile file itself never holds a token in clear. This machine has no OS keyring the console can rely on
 * (Linux desktops often have none, headless ones never), so the key lives in a file readable by its owner only
 * (0600), created on first use. Whoever can read both files can read the tokens: this protects against a profile
 * file that is shared, pasted or backed up, not against the user's own account.
 */
public final class SecretBox {
    /** Prefix of an encrypted value in the profile file; the version allows a later change of scheme. */
    static final String PREFIX = "aes-gcm:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;
    private byte[] key;

    public SecretBox(Path keyFile) {
        this.keyFile = keyFile;
    }

    /** Encrypts {@code secret}; {@code purpose} (e.g. "admin_key") is authenticated so values cannot be swapped. */
    public synchronized String seal(String secret, String purpose) throws IOException {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, purpose);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encrypt a secret: " + e.getMessage(), e);
        }
    }

    /** Decrypts a value made by {@link #seal}; a changed key or a tampered value fails in words. */
    public synchronized String open(String sealed, String purpose) throws IOException {
        if (!sealed.startsWith(PREFIX)) {
            throw new IOException("a stored secret is not in the expected encrypted form");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            if (all.length <= IV_BYTES) {
                throw new IOException("a stored secret is truncated");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(all, IV_BYTES), purpose);
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException("a stored secret cannot be decrypted with " + keyFile.getFileName()
                    + " (was the key file replaced?); enter the token again", e);
        }
    }

    private Cipher cipher(int mode, byte[] iv, String purpose) throws IOException, GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key(), "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private byte[] key() throws IOException {
        if (key == null) {
            key = Files.exists(keyFile) ? read() : create();
        }
        return key;
    }

    private byte[] read() throws IOException {
        byte[] k = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
        if (k.length != 32) {
            throw new IOException(keyFile + " does not hold a 256-bit key");
        }
        return k;
    }

    private byte[] create() throws IOException {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        Files.createDirectories(keyFile.getParent());
        try {
            // Created with owner-only permissions, never readable by others even for an instant.
            if (Files.getFileStore(keyFile.getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(keyFile);
            }
        } catch (FileAlreadyExistsException e) {
            return read(); // another console window created it first
        }
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(k) + "\n", StandardCharsets.US_ASCII);
        return k;
    }
}
