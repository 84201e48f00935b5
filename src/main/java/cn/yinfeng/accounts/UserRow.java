package cn.yinfeng.accounts;

import java.time.Instant;
import java.util.Set;

/** A user as administrators see it (never the password hash or the TOTP secret). */
public record UserRow(
        long id,
        String username,
        String displayName,
        long regionId,
        String regionName,
        Set<Role> roles,
        boolean enabled,
        Instant lockedUntil,
        boolean totpEnabled,
        Instant lastLoginAt,
        Instant passwordChangedAt,
        long version) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
