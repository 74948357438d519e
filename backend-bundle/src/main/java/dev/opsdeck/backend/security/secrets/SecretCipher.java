package dev.opsdeck.backend.security.secrets;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-GCM with a fresh 96-bit nonce per encryption. The secret's name and version are the associated data, so a
 * ciphertext copied onto another row (or another version) fails to decrypt instead of yielding a wrong value.
 */
public final class SecretCipher {
    private static final int TAG_BITS = 128;
    private final SecureRandom random = new SecureRandom();

    /** Ciphertext and nonce, base64. */
    public record Sealed(String ciphertext, String nonce) {
    }

    public Sealed encrypt(SecretKey key, String name, int version, String plaintext) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(name, version));
            byte[] out = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Sealed(Base64.getEncoder().encodeToString(out), Base64.getEncoder().encodeToString(nonce));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalStateException when the key is wrong or the row was tampered with */
    public String decrypt(SecretKey key, String name, int version, Sealed sealed) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, Base64.getDecoder().decode(sealed.nonce())));
            c.updateAAD(aad(name, version));
            return new String(c.doFinal(Base64.getDecoder().decode(sealed.ciphertext())), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("secret " + name + " v" + version + " does not decrypt with key " + key.id()
                    + " (wrong key, or the row was altered)");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("secret " + name + " v" + version + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static byte[] aad(String name, int version) {
        return ("opsdeck-secret|" + name + "|" + version).getBytes(StandardCharsets.UTF_8);
    }
}
