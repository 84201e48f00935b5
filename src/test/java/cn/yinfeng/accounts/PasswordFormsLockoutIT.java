package cn.yinfeng.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Every form of a signed-in user that checks a password or a one-time code counts towards the sign-in lockout
 * (checklist #2, #29): the password change on the account page and turning off the second factor. There is no
 * other re-authentication form; TOTP enrolment asks for no password. When such a form locks the account, the
 * session that typed the wrong answers ends.
 */
class PasswordFormsLockoutIT extends IntegrationTest {

    private MockHttpSession signIn(String user, String password, String totp, String expectedRedirect)
            throws Exception {
        var session = new MockHttpSession();
        var request = post("/login")
                .with(csrf())
                .session(session)
                .param("username", user)
                .param("password", password);
        if (totp != null) {
            request.param("totp", totp);
        }
        mvc.perform(request).andExpect(redirectedUrl(expectedRedirect));
        return session;
    }

    private ResultActions changePassword(MockHttpSession session, String oldPassword) throws Exception {
        return mvc.perform(post("/account/password")
                .with(csrf())
                .session(session)
                .param("oldPassword", oldPassword)
                .param("newPassword", "Fresh#Start2025")
                .param("confirmPassword", "Fresh#Start2025"));
    }

    @Test
    @DisplayName(
            "checklist #29: five wrong old passwords on the account page lock the account; the right one is then refused")
    void wrongOldPasswordsOnTheAccountPageLockTheAccount() throws Exception {
        String user = accounts.create("acct-lock", "141181", Role.COUNTY_STAFF);
        var session = signIn(user, TestAccounts.PASSWORD, null, "/");
        for (int i = 0; i < 4; i++) {
            String html = changePassword(session, "wrong-Password1")
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(html).contains("原密码不正确");
        }
        assertThat(accounts.locked(user)).isFalse();
        changePassword(session, "wrong-Password1").andExpect(redirectedUrl("/login?error=locked"));
        assertThat(accounts.locked(user)).isTrue();
        assertThat(auditRows("ACCOUNT_LOCKED", user, "FAILURE")).isEqualTo(1);
        assertThat(auditRows("PASSWORD_CHANGE", user, "FAILURE")).isEqualTo(5);

        // the session that guessed is over, and the right password is refused until the lock ends
        mvc.perform(get("/account").session(session)).andExpect(redirectedUrl("/login"));
        signIn(user, TestAccounts.PASSWORD, null, "/login?error=locked");

        clock.advance(Duration.ofMinutes(16));
        var later = signIn(user, TestAccounts.PASSWORD, null, "/");
        changePassword(later, TestAccounts.PASSWORD).andExpect(redirectedUrl("/account"));
        assertThat(auditRows("PASSWORD_CHANGE", user, "SUCCESS")).isEqualTo(1);
    }

    @Test
    @DisplayName("checklist #29: a locked account's open session cannot change the password, even with the right one")
    void aLockedAccountRefusesTheRightOldPassword() throws Exception {
        String user = accounts.create("acct-locked", "141181", Role.COUNTY_STAFF);
        var session = signIn(user, TestAccounts.PASSWORD, null, "/");
        for (int i = 0; i < 5; i++) {
            signIn(user, "wrong-Password1", null, "/login?error=bad");
        }
        assertThat(accounts.locked(user)).isTrue();
        changePassword(session, TestAccounts.PASSWORD).andExpect(redirectedUrl("/login?error=locked"));
        assertThat(auditRows("PASSWORD_CHANGE", user, "DENIED")).isEqualTo(1);
        assertThat(auditRows("PASSWORD_CHANGE", user, "SUCCESS")).isZero();
    }

    @Test
    @DisplayName("checklist #29: wrong old passwords on the account page and wrong sign-ins add up")
    void accountPageAndSignInFailuresAddUp() throws Exception {
        String user = accounts.create("acct-sum", "141181", Role.COUNTY_STAFF);
        var session = signIn(user, TestAccounts.PASSWORD, null, "/");
        for (int i = 0; i < 3; i++) {
            changePassword(session, "wrong-Password1").andExpect(status().isOk());
        }
        signIn(user, "wrong-Password1", null, "/login?error=bad");
        signIn(user, "wrong-Password1", null, "/login?error=bad");
        assertThat(accounts.locked(user)).isTrue();
    }

    @Test
    @DisplayName("checklist #29, #30: wrong codes to turn off the second factor count towards the lockout")
    void wrongCodesToTurnOffTheSecondFactorLockTheAccount() throws Exception {
        String user = accounts.create("acct-totp", "141181", Role.COUNTY_STAFF);
        String secret = Totp.newSecret();
        jdbc.sql("update app_user set totp_secret = :s, totp_enabled = true where username = :u")
                .param("s", secret)
                .param("u", user)
                .update();
        var session = signIn(user, TestAccounts.PASSWORD, Totp.code(secret, clock.instant()), "/");
        String wrong = Stream.of("000000", "111111", "222222")
                .filter(c -> Totp.matchingStep(secret, c, clock.instant()) < 0)
                .findFirst()
                .orElseThrow();
        for (int i = 0; i < 4; i++) {
            mvc.perform(post("/account/totp/disable")
                            .with(csrf())
                            .session(session)
                            .param("code", wrong))
                    .andExpect(status().isOk());
        }
        mvc.perform(post("/account/totp/disable").with(csrf()).session(session).param("code", wrong))
                .andExpect(redirectedUrl("/login?error=locked"));
        assertThat(accounts.locked(user)).isTrue();
        assertThat(jdbc.sql("select totp_enabled from app_user where username = :u")
                        .param("u", user)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }
}
