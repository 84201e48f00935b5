package cn.yinfeng.accounts;

import cn.yinfeng.regions.Regions;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Creates throw-away users for tests that change account state (lockout, expiry), leaving the demo users alone. */
@TestComponent
public class TestAccounts {

    public static final String PASSWORD = "Test#Pass2024";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final UserRepository users;
    private final Regions regions;
    private final PasswordEncoder encoder;
    private final ApiTokens tokens;
    private final Clock clock;

    TestAccounts(UserRepository users, Regions regions, PasswordEncoder encoder, ApiTokens tokens, Clock clock) {
        this.users = users;
        this.regions = regions;
        this.encoder = encoder;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A new user with a unique name starting with {@code prefix}; returns the user name. */
    public String create(String prefix, String regionCode, Role role) {
        String username = prefix + SEQ.incrementAndGet() + "x" + System.nanoTime() % 100000;
        long regionId = regions.findByCode(regionCode).orElseThrow().id();
        users.insert(
                username, "测试用户 " + username, regionId, encoder.encode(PASSWORD), clock.instant(), false, Set.of(role));
        return username;
    }

    public long id(String username) {
        return users.credentials(username).orElseThrow().id();
    }

    /** A fresh API token for the user; returns the secret. */
    public String token(String username) {
        return tokens.create(id(username), "test", 30).secret();
    }

    public boolean locked(String username) {
        var c = users.credentials(username).orElseThrow();
        return c.lockedUntil() != null && c.lockedUntil().isAfter(clock.instant());
    }
}
