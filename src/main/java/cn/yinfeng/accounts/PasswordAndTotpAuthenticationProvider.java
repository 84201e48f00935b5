package cn.yinfeng.accounts;

import java.time.Clock;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password check, followed by the TOTP code for users who enrolled a second factor (each code accepted once).
 * Only the lock is checked before the password, so that a locked account refuses the right password too; that a
 * user is disabled, or must change the password, is said only once the password (and code) proved right. An
 * unknown name meets a stand-in user with a hash nothing matches: the same BCrypt work, the same lock rule.
 */
class PasswordAndTotpAuthenticationProvider extends DaoAuthenticationProvider {

    private final UserRepository users;
    private final Clock clock;

    PasswordAndTotpAuthenticationProvider(
            YinfengUserDetailsService details, PasswordEncoder encoder, UserRepository users, Clock clock) {
        super(details::forSignIn);
        setPasswordEncoder(encoder);
        this.users = users;
        this.clock = clock;
        setPreAuthenticationChecks(user -> {
            if (!user.isAccountNonLocked()) {
                throw new LockedException("account locked");
            }
        });
        setPostAuthenticationChecks(user -> {
            if (!user.isEnabled()) {
                throw new DisabledException("account disabled");
            }
            if (!user.isCredentialsNonExpired() && user instanceof YinfengUser u) {
                throw new PasswordExpiredException(u.id(), u.username(), clock.instant());
            }
        });
    }

    @Override
    protected void additionalAuthenticationChecks(
            UserDetails userDetails, UsernamePasswordAuthenticationToken authentication) {
        super.additionalAuthenticationChecks(userDetails, authentication);
        var user = (YinfengUser) userDetails;
        if (user.isUnknown()) {
            throw new BadCredentialsException("bad credentials");
        }
        if (!user.totpEnabled()) {
            return;
        }
        String code = authentication.getDetails() instanceof LoginDetails d ? d.totpCode() : null;
        String secret = users.credentials(user.id())
                .map(UserRepository.Credentials::totpSecret)
                .orElse(null);
        long step = Totp.matchingStep(secret, code, clock.instant());
        if (step < 0) {
            throw new TotpRequiredException();
        }
        if (!users.acceptTotpStep(user.id(), step)) {
            throw new TotpReplayException();
        }
    }
}
