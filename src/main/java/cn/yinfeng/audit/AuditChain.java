package cn.yinfeng.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The hash that links each audit row to the one before it. Plain Java, tested without Spring.
 *
 * <p>Both rules hash the same text: the previous row's hash and each column, joined by U+001F, U+2400 for NULL.
 * {@link #LEGACY} (rule 1) is plain SHA-256 of it, the published rule of the rows written before the keyed chain:
 * anyone with write access to the table could recompute it. {@link #KEYED} (rule 2) is HMAC-SHA256 of it with
 * {@code yinfeng.audit.key}, which is never in the database: a row changed, inserted or re-hashed without the key
 * no longer fits.
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);

    /** Rule 1: SHA-256 of the row's text; only rows written before V40 carry it. */
    static final int LEGACY = 1;

    /** Rule 2: HMAC-SHA256 of the row's text with the audit key; every row written now. */
    static final int KEYED = 2;

    private static final char SEP = '\u001f';
    private static final String NULL = "\u2400";

    private AuditChain() {}

    /** Rule 1, the published unkeyed hash (kept to verify the rows written before the keyed chain). */
    static String hash(
            String prevHash,
            Instant at,
            Long userId,
            String username,
            Long regionId,
            String action,
            String targetType,
            String targetId,
            Outcome outcome,
            String detail,
            String clientIp) {
        byte[] text =
                text(prevHash, at, userId, username, regionId, action, targetType, targetId, outcome, detail, clientIp);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rule 2, HMAC-SHA256 of the same text with {@code key}. */
    static String keyed(
            SecretKey key,
            String prevHash,
            Instant at,
            Long userId,
            String username,
            Long regionId,
            String action,
            String targetType,
            String targetId,
            Outcome outcome,
            String detail,
            String clientIp) {
        return mac(
                key,
                text(
                        prevHash,
                        at,
                        userId,
                        username,
                        regionId,
                        action,
                        targetType,
                        targetId,
                        outcome,
                        detail,
                        clientIp));
    }

    static String hash(AuditEntry e) {
        return hash(
                e.prevHash(),
                e.at(),
                e.userId(),
                e.username(),
                e.regionId(),
                e.action(),
                e.targetType(),
                e.targetId(),
                e.outcome(),
                e.detail(),
                e.clientIp());
    }

    static String keyed(SecretKey key, AuditEntry e) {
        return keyed(
                key,
                e.prevHash(),
                e.at(),
                e.userId(),
                e.username(),
                e.regionId(),
                e.action(),
                e.targetType(),
                e.targetId(),
                e.outcome(),
                e.detail(),
                e.clientIp());
    }

    /** The hash {@code e} must carry under {@code rule}. */
    static String expected(int rule, SecretKey key, AuditEntry e) {
        return switch (rule) {
            case LEGACY -> hash(e);
            case KEYED -> keyed(key, e);
            default -> throw new IllegalArgumentException("unknown audit hash rule " + rule);
        };
    }

    /** HMAC-SHA256 of {@code data} with {@code key}, lower-case hex. */
    static String mac(SecretKey key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares two hex strings in time independent of where they differ. */
    static boolean same(String a, String b) {
        return a != null
                && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] text(
            String prevHash,
            Instant at,
            Long userId,
            String username,
            Long regionId,
            String action,
            String targetType,
            String targetId,
            Outcome outcome,
            String detail,
            String clientIp) {
        var text = new StringBuilder(256);
        for (Object part : new Object[] {
            prevHash, at, userId, username, regionId, action, targetType, targetId, outcome, detail, clientIp
        }) {
            text.append(part == null ? NULL : part.toString()).append(SEP);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
