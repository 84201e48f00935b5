package cn.yinfeng.accounts;

import java.time.Clock;
import java.time.Instant;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Loads a user for sign-in, working out lock and password expiry against the injected clock. */
@Component
class YinfengUserDetailsService implements UserDetailsService {

    private final UserRepository users;
    private final SecurityProperties properties;
    private final Clock clock;

    YinfengUserDetailsService(UserRepository users, SecurityProperties properties, Clock clock) {
        this.users = users;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public YinfengUser loadUserByUsername(String username) {
        var c = users.credentials(username == null ? "" : username.trim())
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return toUser(c);
    }

    YinfengUser toUser(UserRepository.Credentials c) {
        Instant now = clock.instant();
        boolean locked = c.lockedUntil() != null && c.lockedUntil().isAfter(now);
        var password = properties.password();
        boolean aged = password.expires() && c.passwordChangedAt().plus(password.maxAge()).isBefore(now);
        return new YinfengUser(c.id(), c.username(), c.displayName(), c.regionId(), c.roles(), c.passwordHash(),
                c.enabled(), locked, aged || c.mustChangePassword(), c.totpEnabled());
    }
}
