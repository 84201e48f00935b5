package cn.yinfeng.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Loads a user for sign-in, working out lock and password expiry against the injected clock. */
@Component
class YinfengUserDetailsService implements UserDetailsService {

    private final UserRepository users;
    private final SecurityProperties properties;
    private final Clock clock;
    private final Lockout lockout;
    private final PasswordEncoder encoder;
    private volatile String unmatchableHash;

    YinfengUserDetailsService(
            UserRepository users,
            SecurityProperties properties,
            Clock clock,
            Lockout lockout,
            PasswordEncoder encoder) {
        this.users = users;
        this.properties = properties;
        this.clock = clock;
        this.lockout = lockout;
        this.encoder = encoder;
    }

    @Override
    public YinfengUser loadUserByUsername(String username) {
        var c = users.credentials(username == null ? "" : username.trim())
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return toUser(c);
    }

    /**
     * For sign-in: a known user, or for a name that belongs to no account a stand-in that is checked the same way
     * (a BCrypt hash of a random secret, the name's own lock), so the answer and its timing do not tell them apart.
     */
    YinfengUser forSignIn(String username) {
        String name = username == null ? "" : username.trim();
        var c = users.credentials(name).orElse(null);
        if (c != null) {
            return toUser(c);
        }
        return YinfengUser.unknown(name, unmatchableHash(), lockout.isUnknownNameLocked(name));
    }

    private String unmatchableHash() {
        String hash = unmatchableHash;
        if (hash == null) {
            hash = encoder.encode(UUID.randomUUID().toString()); // BCrypt takes at most 72 bytes
            unmatchableHash = hash;
        }
        return hash;
    }

    YinfengUser toUser(UserRepository.Credentials c) {
        Instant now = clock.instant();
        boolean locked = c.lockedUntil() != null && c.lockedUntil().isAfter(now);
        var password = properties.password();
        boolean aged = password.expires()
                && c.passwordChangedAt().plus(password.maxAge()).isBefore(now);
        return new YinfengUser(
                c.id(),
                c.username(),
                c.displayName(),
                c.regionId(),
                c.roles(),
                c.passwordHash(),
                c.enabled(),
                locked,
                aged || c.mustChangePassword(),
                c.totpEnabled());
    }
}
