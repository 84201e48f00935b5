package cn.yinfeng.accounts;

import cn.yinfeng.regions.Regions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo users with one known password and the fixed API tokens {@code demo-token-<username>} that the README's
 * examples use. Only in the demo profile; a {@code prod} start never creates them.
 */
@Component
@Profile("demo")
@Order(10)
class AccountDemoData implements ApplicationRunner {

    static final String PASSWORD = "Yinfeng@2024";

    record DemoUser(String username, String displayName, String regionCode, Role role) {}

    static final List<DemoUser> USERS = List.of(
            new DemoUser("admin", "系统管理员", "141100", Role.ADMIN),
            new DemoUser("city", "市投促中心 王科长", "141100", Role.CITY_STAFF),
            new DemoUser("leader", "分管副市长 刘市长", "141100", Role.LEADER),
            new DemoUser("xiaoyi", "孝义市投促中心 李干事", "141181", Role.COUNTY_STAFF),
            new DemoUser("zhongyang", "中阳县投促中心 张干事", "141129", Role.COUNTY_STAFF),
            new DemoUser("talent", "中阳县人才办 赵主任", "141129", Role.TALENT_OFFICER));

    private static final Logger log = LoggerFactory.getLogger(AccountDemoData.class);

    private final UserRepository users;
    private final Regions regions;
    private final PasswordEncoder encoder;
    private final ApiTokens tokens;
    private final Clock clock;

    AccountDemoData(UserRepository users, Regions regions, PasswordEncoder encoder, ApiTokens tokens, Clock clock) {
        this.users = users;
        this.regions = regions;
        this.encoder = encoder;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        String hash = encoder.encode(PASSWORD);
        for (DemoUser u : USERS) {
            if (users.exists(u.username())) {
                continue;
            }
            long regionId = regions.findByCode(u.regionCode()).orElseThrow().id();
            long id = users.insert(
                    u.username(), u.displayName(), regionId, hash, clock.instant(), false, Set.of(u.role()));
            tokens.createFixed(
                    id, "demo", "demo-token-" + u.username(), clock.instant().plus(Duration.ofDays(3650)));
        }
    }

    @EventListener
    @Order(1)
    public void printLogins(ApplicationReadyEvent event) {
        var text = new StringBuilder("\n\n  Demo logins (password for all: ")
                .append(PASSWORD)
                .append(")\n");
        for (DemoUser u : USERS) {
            text.append(String.format("    %-10s %-15s %s%n", u.username(), u.role(), u.displayName()));
        }
        text.append("  API: curl -H 'Authorization: Bearer demo-token-xiaoyi' http://localhost:<port>/api/v1/me\n");
        log.info(text.toString());
    }
}
