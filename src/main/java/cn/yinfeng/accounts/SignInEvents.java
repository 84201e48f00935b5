package cn.yinfeng.accounts;

import cn.yinfeng.audit.AuditLog;
import cn.yinfeng.audit.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reacts to Spring Security's events: counts failed sign-ins towards the {@link Lockout}, clears them on success, and
 * writes the audit rows of sign-in, sign-out and access denial.
 */
@Component
class SignInEvents {

    private final UserRepository users;
    private final Lockout lockout;
    private final AuditLog audit;
    private final Clock clock;

    SignInEvents(UserRepository users, Lockout lockout, AuditLog audit, Clock clock) {
        this.users = users;
        this.lockout = lockout;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)
                || !(event.getAuthentication().getPrincipal() instanceof YinfengUser user)) {
            return; // API token requests are not sign-ins
        }
        lockout.succeeded(user.id());
        users.loggedIn(user.id(), clock.instant());
        audit.record(user, user.username(), "LOGIN", "user", user.id(), Outcome.SUCCESS, null, AuditLog.clientIp());
    }

    @EventListener
    @Transactional
    public void onFailure(AbstractAuthenticationFailureEvent event) {
        String username = String.valueOf(event.getAuthentication().getName());
        // the kind of refusal as Spring Security names it; our expiry carries the user but means the same
        String reason = event.getException() instanceof PasswordExpiredException
                ? "CredentialsExpiredException"
                : event.getException().getClass().getSimpleName();
        var creds = users.credentials(username.trim()).orElse(null);
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            // wrong password or code; an unknown name is counted under the name, so it locks as an account would
            if (creds != null) {
                lockout.failed(creds, "failed sign-ins");
            } else {
                lockout.failedUnknown(username);
            }
        }
        if (event.getException() instanceof TotpReplayException && creds != null) {
            audit.record(
                    null,
                    creds.username(),
                    "TOTP_REPLAY",
                    "user",
                    creds.id(),
                    Outcome.DENIED,
                    "sign-in with a one-time code already used",
                    AuditLog.clientIp());
        }
        audit.record(
                null,
                creds == null ? username : creds.username(),
                "LOGIN",
                "user",
                creds == null ? null : creds.id(),
                Outcome.FAILURE,
                reason,
                AuditLog.clientIp());
    }

    @EventListener
    public void onLogout(LogoutSuccessEvent event) {
        Authentication auth = event.getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof YinfengUser user) {
            audit.record(
                    user, user.username(), "LOGOUT", "user", user.id(), Outcome.SUCCESS, null, AuditLog.clientIp());
        }
    }

    @EventListener
    public void onDenied(AuthorizationDeniedEvent<?> event) {
        Authentication auth = event.getAuthentication().get();
        if (auth == null || !auth.isAuthenticated() || !(auth.getPrincipal() instanceof YinfengUser user)) {
            return; // anonymous requests are sent to sign in, not denied
        }
        String target = event.getObject() instanceof HttpServletRequest r
                ? r.getMethod() + " " + r.getRequestURI()
                : String.valueOf(event.getObject());
        audit.record(
                user, user.username(), "ACCESS_DENIED", "request", null, Outcome.DENIED, target, AuditLog.clientIp());
    }
}
