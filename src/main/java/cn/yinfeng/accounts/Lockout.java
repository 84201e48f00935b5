package cn.yinfeng.accounts;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one lockout that every check of a password or one-time code counts toward: sign-in, the expired-password
 * form, the password change on the account page, turning off the second factor (checklist #2, #29).
 * {@code maxFailures} failures within {@code window} lock the account for {@code duration}; while locked, the right
 * password is refused too. Names that belong to no account are counted and locked the same way under the name
 * itself, so that after the same attempts the sign-in page answers an unknown name exactly as a known one.
 */
@Component
class Lockout {

    private static final Logger log = LoggerFactory.getLogger(Lockout.class);

    private final UserRepository users;
    private final SecurityProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    Lockout(UserRepository users, SecurityProperties properties, AuditLog audit, Clock clock) {
        this.users = users;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    boolean isLocked(UserRepository.Credentials c) {
        return c.lockedUntil() != null && c.lockedUntil().isAfter(clock.instant());
    }

    boolean isUnknownNameLocked(String name) {
        Instant now = clock.instant();
        return users.unknownLockedUntil(key(name))
                .map(until -> until.isAfter(now))
                .orElse(false);
    }

    /**
     * Counts a failed check by the account's owner (or someone trying to be them); {@code what} names the checks
     * in the audit row ("failed sign-ins"). Returns whether this failure locked the account.
     */
    boolean failed(UserRepository.Credentials c, String what) {
        Instant now = clock.instant();
        var lockout = properties.lockout();
        users.recordFailure(c.id(), now);
        int failures = users.failuresSince(c.id(), now.minus(lockout.window()));
        if (failures < lockout.maxFailures()) {
            return false;
        }
        users.lockUntil(c.id(), now.plus(lockout.duration()));
        users.clearFailures(c.id());
        audit.record(
                null,
                c.username(),
                "ACCOUNT_LOCKED",
                "user",
                c.id(),
                Outcome.FAILURE,
                failures + " " + what,
                AuditLog.clientIp());
        log.warn("Account {} locked after {} {}", c.id(), failures, what);
        return true;
    }

    /** Counts a failed sign-in under a name that belongs to no account, locking the name as an account would be. */
    void failedUnknown(String name) {
        Instant now = clock.instant();
        var lockout = properties.lockout();
        String key = key(name);
        users.recordUnknownFailure(key, now, now.minus(lockout.window()));
        int failures = users.unknownFailuresSince(key, now.minus(lockout.window()));
        if (failures >= lockout.maxFailures()) {
            users.lockUnknownUntil(key, now.plus(lockout.duration()));
            audit.record(
                    null,
                    name,
                    "LOGIN_NAME_LOCKED",
                    "user",
                    null,
                    Outcome.FAILURE,
                    failures + " failed sign-ins under a name that belongs to no account",
                    AuditLog.clientIp());
        }
    }

    /** A check passed: earlier failures no longer count. */
    void succeeded(long userId) {
        users.clearFailures(userId);
    }

    static String key(String name) {
        String k = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return k.length() > 64 ? k.substring(0, 64) : k;
    }
}
