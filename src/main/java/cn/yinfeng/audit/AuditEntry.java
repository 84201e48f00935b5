package cn.yinfeng.audit;

import java.time.Instant;

/** One row of the audit log as stored. */
public record AuditEntry(
        long id,
        Instant at,
        Long userId,
        String username,
        Long regionId,
        String action,
        String targetType,
        String targetId,
        Outcome outcome,
        String detail,
        String clientIp,
        String prevHash,
        String hash) {}
