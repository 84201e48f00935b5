package cn.yinfeng.accounts;

import java.io.Serial;
import java.time.Instant;
import org.springframework.security.authentication.CredentialsExpiredException;

/**
 * Thrown only after the password (and the one-time code of an enrolled user) proved right, when the password must
 * be changed: carries whom it proved, so the failure handler can open the expired-password form for that user.
 */
class PasswordExpiredException extends CredentialsExpiredException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long userId;
    private final String username;
    private final Instant at;

    PasswordExpiredException(long userId, String username, Instant at) {
        super("password must be changed");
        this.userId = userId;
        this.username = username;
        this.at = at;
    }

    /** The marker that lets this user, in this session, use the expired-password form for a few minutes. */
    ExpiredPasswordMarker marker() {
        return new ExpiredPasswordMarker(userId, username, at.plus(ExpiredPasswordMarker.VALIDITY));
    }
}
