package cn.yinfeng.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import cn.yinfeng.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** Sign-in rules: lockout, unlock after the window, password expiry, TOTP, audit of each outcome. */
class SignInIT extends IntegrationTest {

    @Test
    void demoUserSignsIn() throws Exception {
        mvc.perform(formLogin().user("xiaoyi").password("Yinfeng@2024"))
                .andExpect(authenticated().withUsername("xiaoyi"))
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPasswordUntilTheLockEnds() throws Exception {
        String user = accounts.create("lock", "141181", Role.COUNTY_STAFF);
        for (int i = 0; i < 4; i++) {
            mvc.perform(formLogin().user(user).password("wrong-password"))
                    .andExpect(unauthenticated())
                    .andExpect(redirectedUrl("/login?error=bad"));
        }
        assertThat(accounts.locked(user)).isFalse();
        mvc.perform(formLogin().user(user).password("wrong-password")).andExpect(unauthenticated());
        assertThat(accounts.locked(user)).isTrue();
        assertThat(auditRows("ACCOUNT_LOCKED", user, "FAILURE")).isEqualTo(1);
        assertThat(auditRows("LOGIN", user, "FAILURE")).isEqualTo(5);

        mvc.perform(formLogin().user(user).password(TestAccounts.PASSWORD))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error=locked"));

        clock.advance(Duration.ofMinutes(16));
        mvc.perform(formLogin().user(user).password(TestAccounts.PASSWORD)).andExpect(authenticated());
        assertThat(auditRows("LOGIN", user, "SUCCESS")).isEqualTo(1);
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() throws Exception {
        String user = accounts.create("window", "141181", Role.COUNTY_STAFF);
        for (int i = 0; i < 4; i++) {
            mvc.perform(formLogin().user(user).password("wrong-password")).andExpect(unauthenticated());
        }
        clock.advance(Duration.ofMinutes(20));
        mvc.perform(formLogin().user(user).password("wrong-password")).andExpect(unauthenticated());
        assertThat(accounts.locked(user)).isFalse();
    }

    @Test
    void successClearsEarlierFailures() throws Exception {
        String user = accounts.create("clear", "141181", Role.COUNTY_STAFF);
        for (int i = 0; i < 4; i++) {
            mvc.perform(formLogin().user(user).password("wrong-password")).andExpect(unauthenticated());
        }
        mvc.perform(formLogin().user(user).password(TestAccounts.PASSWORD)).andExpect(authenticated());
        mvc.perform(formLogin().user(user).password("wrong-password")).andExpect(unauthenticated());
        assertThat(accounts.locked(user)).isFalse();
    }

    @Test
    void unknownUserGetsTheSameAnswerAsAWrongPasswordAndIsAudited() throws Exception {
        mvc.perform(formLogin().user("nobody-here").password("whatever1A!"))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error=bad"));
        assertThat(auditRows("LOGIN", "nobody-here", "FAILURE")).isEqualTo(1);
    }

    @Test
    void expiredPasswordSendsTheUserToTheChangeForm() throws Exception {
        String user = accounts.create("expire", "141181", Role.COUNTY_STAFF);
        clock.advance(Duration.ofDays(3651));
        mvc.perform(formLogin().user(user).password(TestAccounts.PASSWORD))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login/expired"));
        assertThat(jdbc.sql("select detail from audit_log where username = :u and action = 'LOGIN' order by id desc "
                                + "limit 1")
                        .param("u", user)
                        .query(String.class)
                        .single())
                .isEqualTo("CredentialsExpiredException");
    }

    @Test
    void wrongPasswordIsNeverReportedAsExpired() throws Exception {
        String user = accounts.create("expire2", "141181", Role.COUNTY_STAFF);
        clock.advance(Duration.ofDays(3651));
        mvc.perform(formLogin().user(user).password("wrong-password")).andExpect(redirectedUrl("/login?error=bad"));
    }

    @Test
    void totpUserNeedsTheCurrentCode() throws Exception {
        String user = accounts.create("totp", "141181", Role.COUNTY_STAFF);
        String secret = Totp.newSecret();
        jdbc.sql("update app_user set totp_secret = :s, totp_enabled = true where username = :u")
                .param("s", secret)
                .param("u", user)
                .update();
        mvc.perform(formLogin().user(user).password(TestAccounts.PASSWORD))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error=bad"));
        String code = Totp.code(secret, clock.instant());
        mvc.perform(post("/login")
                        .with(csrf())
                        .param("username", user)
                        .param("password", TestAccounts.PASSWORD)
                        .param("totp", code))
                .andExpect(authenticated());
    }

    @Test
    void logoutIsAudited() throws Exception {
        String user = accounts.create("logout", "141181", Role.COUNTY_STAFF);
        var session = mvc.perform(formLogin().user(user).password(TestAccounts.PASSWORD))
                .andReturn()
                .getRequest()
                .getSession();
        mvc.perform(post("/logout").with(csrf()).session((MockHttpSession) session))
                .andExpect(redirectedUrl("/login?logout"));
        assertThat(auditRows("LOGOUT", user, "SUCCESS")).isEqualTo(1);
    }
}
