package cn.yinfeng.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.yinfeng.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** A one-time code is accepted once (checklist #30), also when two sign-ins race with it. */
class TotpReplayIT extends IntegrationTest {

    private String totpUser(String prefix, String secret) {
        String user = accounts.create(prefix, "141181", Role.COUNTY_STAFF);
        jdbc.sql("update app_user set totp_secret = :s, totp_enabled = true where username = :u")
                .param("s", secret)
                .param("u", user)
                .update();
        return user;
    }

    private String signIn(String user, String code) throws Exception {
        return mvc.perform(post("/login")
                        .with(csrf())
                        .session(new MockHttpSession())
                        .param("username", user)
                        .param("password", TestAccounts.PASSWORD)
                        .param("totp", code))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
    }

    @Test
    @DisplayName("checklist #30: the same code twice, the second refused and audited; the next step's code works")
    void theSameCodeTwiceIsRefusedTheSecondTime() throws Exception {
        String secret = Totp.newSecret();
        String user = totpUser("replay", secret);
        String code = Totp.code(secret, clock.instant());
        assertThat(signIn(user, code)).isEqualTo("/");
        assertThat(signIn(user, code)).isEqualTo("/login?error=bad");
        assertThat(auditRows("TOTP_REPLAY", user, "DENIED")).isEqualTo(1);
        assertThat(auditRows("LOGIN", user, "FAILURE")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        assertThat(signIn(user, Totp.code(secret, clock.instant()))).isEqualTo("/");
    }

    @Test
    @DisplayName("checklist #30: after a code of a later step (clock drift), a code of an earlier step is refused")
    void aCodeOfAnEarlierStepIsRefusedAfterALaterOne() throws Exception {
        String secret = Totp.newSecret();
        String user = totpUser("replay-drift", secret);
        var now = clock.instant();
        assertThat(signIn(user, Totp.code(secret, now.plusSeconds(Totp.STEP_SECONDS))))
                .isEqualTo("/");
        assertThat(signIn(user, Totp.code(secret, now))).isEqualTo("/login?error=bad");
    }

    @Test
    @DisplayName("checklist #30: two sign-ins racing with one code: exactly one gets in")
    void twoConcurrentSignInsWithOneCodeLetOneIn() throws Exception {
        String secret = Totp.newSecret();
        String user = totpUser("replay-race", secret);
        String code = Totp.code(secret, clock.instant());
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            var start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return signIn(user, code);
                }));
            }
            start.countDown();
            List<String> targets = new ArrayList<>();
            for (var f : results) {
                targets.add(f.get());
            }
            assertThat(targets).filteredOn("/"::equals).hasSize(1);
            assertThat(targets).filteredOn("/login?error=bad"::equals).hasSize(n - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("checklist #30: the code that confirmed enrolment cannot be used to sign in")
    void theEnrolmentCodeIsUsedUp() throws Exception {
        String user = accounts.create("replay-enrol", "141181", Role.COUNTY_STAFF);
        var session = new MockHttpSession();
        mvc.perform(post("/login")
                .with(csrf())
                .session(session)
                .param("username", user)
                .param("password", TestAccounts.PASSWORD));
        String page = mvc.perform(MockMvcRequestBuilders.get("/account/totp").session(session))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var m = Pattern.compile("secret=([A-Z2-7]+)").matcher(page);
        assertThat(m.find()).as("the otpauth link with the pending secret").isTrue();
        String secret = m.group(1);
        String code = Totp.code(secret, clock.instant());
        mvc.perform(post("/account/totp").with(csrf()).session(session).param("code", code));
        assertThat(jdbc.sql("select totp_enabled from app_user where username = :u")
                        .param("u", user)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(signIn(user, code)).isEqualTo("/login?error=bad");
    }
}
