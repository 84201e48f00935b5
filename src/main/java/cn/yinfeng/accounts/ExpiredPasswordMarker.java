package cn.yinfeng.accounts;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Kept in the session when a user has just signed in with the right password (and code) but must change it: the
 * expired-password form serves only that user, only in that session, only until {@code validUntil}. The form
 * names no user itself, so it cannot be pointed at another account.
 */
record ExpiredPasswordMarker(long userId, String username, Instant validUntil) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String ATTRIBUTE = "yinfeng.expiredPassword";

    /** How long after that sign-in the form may be used. */
    static final Duration VALIDITY = Duration.ofMinutes(5);

    boolean validAt(Instant now) {
        return now.isBefore(validUntil);
    }
}
