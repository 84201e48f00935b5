package cn.yinfeng.audit;

import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The key of the audit chain (HMAC-SHA256) and of its checkpoints, from {@value #PROPERTY} (base64 of 32 bytes).
 * It is never written to the database: whoever can change the table but does not hold the key cannot make a changed
 * row fit again. Without a key the application does not start (the demo and test profiles set fixed public keys).
 */
@Component
class AuditKey {

    static final String PROPERTY = "yinfeng.audit.key";

    private final SecretKey key;

    AuditKey(@Value("${" + PROPERTY + ":}") String base64Key) {
        this.key = parse(base64Key);
    }

    SecretKey key() {
        return key;
    }

    static SecretKey parse(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalStateException(PROPERTY + " (environment variable YINFENG_AUDIT_KEY) is not set. "
                    + "Each audit row is sealed with HMAC-SHA256 under this key, kept outside the database, so that a "
                    + "changed or deleted row is found; Yinfeng does not start without it. Generate one with "
                    + "`openssl rand -base64 32`, give the same key to every instance and keep it with the backups, "
                    + "apart from the database dump (docs/security/audit-log.md).");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    PROPERTY + " is not valid base64 (expected 32 random bytes, base64-encoded)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(PROPERTY + " must hold 32 bytes, base64-encoded; it holds " + bytes.length);
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
