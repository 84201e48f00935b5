package cn.yinfeng.accounts;

import java.time.Clock;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The password check, followed by the TOTP code for users who enrolled a second factor. */
class PasswordAndTotpAuthenticationProvider extends DaoAuthenticationProvider {

    private final UserRepository users;
    private final Clock clock;

    PasswordAndTotpAuthenticationProvider(YinfengUserDetailsService details, PasswordEncoder encoder,
            UserRepository users, Clock clock) {
        super(details);
        setPasswordEncoder(encoder);
        this.users = users;
        this.clock = clock;
    }

    @Override
    protected void additionalAuthenticationChecks(UserDetails userDetails,
            UsernamePasswordAuthenticationToken authentication) {
        super.additionalAuthenticationChecks(userDetails, authentication);
        var user = (YinfengUser) userDetails;
        if (!user.totpEnabled()) {
            return;
        }
        String code = authentication.getDetails() instanceof LoginDetails d ? d.totpCode() : null;
        String secret = users.credentials(user.id()).map(UserRepository.Credentials::totpSecret).orElse(null);
        if (!Totp.verify(secret, code, clock.instant())) {
            throw new TotpRequiredException();
        }
    }
}
