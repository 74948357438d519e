package dev.opsdeck.backend.security;

import dev.opsdeck.backend.api.ConfigException;
import dev.opsdeck.backend.security.edge.TrustedProxies;
import dev.opsdeck.backend.security.secrets.SecretCipher;
import dev.opsdeck.backend.security.secrets.SecretKey;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SECRET_ENCRYPTION_KEY in its three spellings and three lengths; TRUSTED_PROXIES blocks and hostile headers. */
class KeyAndProxyParsingTest {
    private final SecretCipher cipher = new SecretCipher();

    @Test
    void aKeyGivenAsHexBase64OrRawIsTheSameKey() {
        for (int len : new int[]{16, 24, 32}) {
            byte[] raw = new byte[len];
            for (int i = 0; i < len; i++) {
                raw[i] = (byte) ('A' + i % 26);
            }
            // Raw text is the last reading tried: a 32-letter word is also valid base64 (of 24 bytes) and is read so.
            raw[0] = '#';
            SecretKey hex = SecretKey.parse("K", HexFormat.of().formatHex(raw));
            SecretKey b64 = SecretKey.parse("K", Base64.getEncoder().encodeToString(raw));
            SecretKey text = SecretKey.parse("K", new String(raw, java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(b64.id()).isEqualTo(hex.id());
            assertThat(text.id()).isEqualTo(hex.id());
            SecretCipher.Sealed sealed = cipher.encrypt(hex, "name", 1, "value-" + len);
            assertThat(cipher.decrypt(text, "name", 1, sealed)).isEqualTo("value-" + len);
        }
        assertThatThrownBy(() -> SecretKey.parse("SECRET_ENCRYPTION_KEY", "0123456789abcdef0123")).isInstanceOf(ConfigException.class)
                .hasMessage("SECRET_ENCRYPTION_KEY: must be 16, 24 or 32 bytes (raw, base64 or hex); got 20 bytes");
    }

    @Test
    void aCiphertextMovedToAnotherNameOrVersionDoesNotDecrypt() {
        SecretKey k = SecretKey.parse("K", "00112233445566778899aabbccddeeff");
        SecretCipher.Sealed sealed = cipher.encrypt(k, "rpc_key", 2, "v");
        assertThatThrownBy(() -> cipher.decrypt(k, "webhook_secret", 2, sealed)).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> cipher.decrypt(k, "rpc_key", 1, sealed)).hasMessageContaining("does not decrypt");
        SecretKey other = SecretKey.parse("K", "ffeeddccbbaa99887766554433221100");
        assertThatThrownBy(() -> cipher.decrypt(other, "rpc_key", 2, sealed)).hasMessageContaining("wrong key");
    }

    @Test
    void forwardedForIsReadOnlyFromTrustedPeersAndRightToLeft() {
        TrustedProxies none = TrustedProxies.parse("");
        assertThat(none.clientIp("10.0.0.5", "1.2.3.4")).isEqualTo("10.0.0.5");

        TrustedProxies p = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7, fd00::/8");
        assertThat(p.clientIp("10.1.2.3", "198.51.100.9")).isEqualTo("198.51.100.9");
        // The left-most entries are the client's own claims; the right-most untrusted hop is the client.
        assertThat(p.clientIp("10.1.2.3", "6.6.6.6, 198.51.100.9, 10.9.9.9")).isEqualTo("198.51.100.9");
        assertThat(p.clientIp("fd12::1", "2001:db8::7")).isEqualTo("2001:db8::7");
        // An untrusted peer cannot choose its address; garbage in the header is not guessed at.
        assertThat(p.clientIp("203.0.113.5", "198.51.100.9")).isEqualTo("203.0.113.5");
        assertThat(p.clientIp("10.1.2.3", "not-an-ip")).isEqualTo("10.1.2.3");
        assertThat(p.clientIp("10.1.2.3", "evil.example.com")).isEqualTo("10.1.2.3");
        assertThat(p.trusts("11.0.0.1")).isFalse();
        assertThat(p.trusts("192.168.1.8")).isFalse();

        assertThatThrownBy(() -> TrustedProxies.parse("proxy.internal")).hasMessageStartingWith("TRUSTED_PROXIES: 'proxy.internal'");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("bad prefix length");
    }
}
