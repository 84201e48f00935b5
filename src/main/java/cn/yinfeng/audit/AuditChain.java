package cn.yinfeng.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** The hash that links each audit row to the one before it. Plain Java, tested without Spring. */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);

    private static final char SEP = '\u001f';
    private static final String NULL = "\u2400";

    private AuditChain() {}

    static String hash(String prevHash, Instant at, Long userId, String username, Long regionId, String action,
            String targetType, String targetId, Outcome outcome, String detail, String clientIp) {
        var text = new StringBuilder(256);
        for (Object part : new Object[] {prevHash, at, userId, username, regionId, action, targetType, targetId,
                outcome, detail, clientIp}) {
            text.append(part == null ? NULL : part.toString()).append(SEP);
        }
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(AuditEntry e) {
        return hash(e.prevHash(), e.at(), e.userId(), e.username(), e.regionId(), e.action(), e.targetType(),
                e.targetId(), e.outcome(), e.detail(), e.clientIp());
    }
}
