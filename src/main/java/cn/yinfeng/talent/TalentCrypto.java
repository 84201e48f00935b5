package cn.yinfeng.talent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encryption at rest of talents' personal data: AES-256-GCM with a random 96-bit IV per value and the column name
 * as associated data (a value copied into another column does not decrypt). Stored as {@code v1:} + base64 of IV
 * and ciphertext with tag. The key comes from {@value #PROPERTY} (base64 of 32 bytes); without one the
 * application does not start.
 */
@Component
class TalentCrypto {

    static final String PROPERTY = "yinfeng.talent.encryption-key";
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    TalentCrypto(@Value("${" + PROPERTY + ":}") String base64Key) {
        this.key = parseKey(base64Key);
    }

    static SecretKey parseKey(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalStateException(
                    PROPERTY + " (environment variable YINFENG_TALENT_KEY) is not set. "
                            + "Talents' ID numbers and phones are stored encrypted with AES-256-GCM and Yinfeng does not start "
                            + "without a key: generate one with `openssl rand -base64 32` and keep it with the database backups.");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    PROPERTY + " is not valid base64 (expected 32 random bytes, base64-encoded)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(
                    PROPERTY + " must hold 32 bytes (AES-256), base64-encoded; it holds " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** Ciphertext of {@code plain} for {@code column}; null stays null. */
    String encrypt(String plain, String column) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            byte[] out = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(iv.length + out.length)
                                    .put(iv)
                                    .put(out)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** The plain text of a value written by {@link #encrypt}; fails on a tampered value or the wrong key. */
    String decrypt(String stored, String column) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("not an encrypted value");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("decryption failed (wrong key or changed value)", e);
        }
    }
}
