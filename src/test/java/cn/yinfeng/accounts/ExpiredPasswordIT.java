package cn.yinfeng.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The expired-password form (checklist #2, #29): it serves only the user who has just signed in with the right but
 * expired password in this session, for a few minutes; it names no user itself; its wrong old passwords count
 * towards the sign-in lockout, and a locked account refuses the right one too.
 */
class ExpiredPasswordIT extends IntegrationTest {

    static final String NEW_PASSWORD = "Fresh#Start2025";

    @Autowired
    PasswordEncoder encoder;

    /** A user whose password was set by an administrator and must be changed at the next sign-in. */
    private String mustChange(String prefix) {
        String user = accounts.create(prefix, "141181", Role.COUNTY_STAFF);
        jdbc.sql("update app_user set must_change_password = true where username = :u")
                .param("u", user)
                .update();
        return user;
    }

    private MockHttpSession signIn(String user, String password, String expectedRedirect) throws Exception {
        var session = new MockHttpSession();
        mvc.perform(post("/login")
                        .with(csrf())
                        .session(session)
                        .param("username", user)
                        .param("password", password))
                .andExpect(redirectedUrl(expectedRedirect));
        return session;
    }

    private ResultActions change(MockHttpSession session, String username, String oldPassword) throws Exception {
        var request = post("/login/expired")
                .with(csrf())
                .session(session)
                .param("oldPassword", oldPassword)
                .param("newPassword", NEW_PASSWORD)
                .param("confirmPassword", NEW_PASSWORD);
        if (username != null) {
            request.param("username", username); // what the old form took; now ignored
        }
        return mvc.perform(request);
    }

    private boolean passwordIs(String user, String password) {
        String hash = jdbc.sql("select password_hash from app_user where username = :u")
                .param("u", user)
                .query(String.class)
                .single();
        return encoder.matches(password, hash);
    }

    @Test
    @DisplayName(
            "checklist #29: without a sign-in with the expired password the form changes nothing, whatever username it is sent")
    void theFormServesNoOneWhoHasNotJustSignedInWithTheExpiredPassword() throws Exception {
        String expired = mustChange("exp-nosignin");
        String current = accounts.create("exp-current", "141181", Role.COUNTY_STAFF);

        change(new MockHttpSession(), expired, TestAccounts.PASSWORD).andExpect(redirectedUrl("/login?error=expired"));
        change(new MockHttpSession(), current, TestAccounts.PASSWORD).andExpect(redirectedUrl("/login?error=expired"));
        mvc.perform(get("/login/expired").session(new MockHttpSession()))
                .andExpect(redirectedUrl("/login?error=expired"));

        assertThat(passwordIs(expired, TestAccounts.PASSWORD)).isTrue();
        assertThat(passwordIs(current, TestAccounts.PASSWORD)).isTrue();
    }

    @Test
    @DisplayName(
            "checklist #29: the form changes the password of the user who signed in, not of the username it is sent")
    void theFormIsBoundToTheUserWhoSignedIn() throws Exception {
        String expired = mustChange("exp-bound");
        String other = accounts.create("exp-other", "141181", Role.COUNTY_STAFF);
        var session = signIn(expired, TestAccounts.PASSWORD, "/login/expired");

        String page = mvc.perform(get("/login/expired").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("value=\"" + expired + "\"").doesNotContain("name=\"username\"");

        change(session, other, TestAccounts.PASSWORD).andExpect(redirectedUrl("/login?changed"));
        assertThat(passwordIs(expired, NEW_PASSWORD)).isTrue();
        assertThat(passwordIs(other, TestAccounts.PASSWORD)).isTrue();
        assertThat(auditRows("PASSWORD_CHANGE", expired, "SUCCESS")).isEqualTo(1);
        // used once: the marker is gone
        change(session, null, NEW_PASSWORD).andExpect(redirectedUrl("/login?error=expired"));
        signIn(expired, NEW_PASSWORD, "/");
    }

    @Test
    @DisplayName("checklist #2, #29: wrong old passwords on the form lock the account; the right one is then refused")
    void wrongOldPasswordsOnTheFormLockTheAccount() throws Exception {
        String user = mustChange("exp-lock");
        var session = signIn(user, TestAccounts.PASSWORD, "/login/expired");
        for (int i = 0; i < 4; i++) {
            String html = change(session, null, "wrong-Password1")
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(html).contains("原密码不正确");
        }
        assertThat(accounts.locked(user)).isFalse();
        change(session, null, "wrong-Password1").andExpect(redirectedUrl("/login?error=locked"));
        assertThat(accounts.locked(user)).isTrue();
        assertThat(auditRows("PASSWORD_CHANGE", user, "FAILURE")).isEqualTo(5);
        assertThat(auditRows("ACCOUNT_LOCKED", user, "FAILURE")).isEqualTo(1);

        // the right password is refused everywhere until the lock ends
        change(session, null, TestAccounts.PASSWORD).andExpect(redirectedUrl("/login?error=expired"));
        signIn(user, TestAccounts.PASSWORD, "/login?error=locked");
        assertThat(passwordIs(user, TestAccounts.PASSWORD)).isTrue();

        clock.advance(Duration.ofMinutes(16));
        var again = signIn(user, TestAccounts.PASSWORD, "/login/expired");
        change(again, null, TestAccounts.PASSWORD).andExpect(redirectedUrl("/login?changed"));
        assertThat(passwordIs(user, NEW_PASSWORD)).isTrue();
    }

    @Test
    @DisplayName("checklist #29: failures at sign-in and on the form add up to the same lockout")
    void signInAndFormFailuresAddUp() throws Exception {
        String user = mustChange("exp-sum");
        for (int i = 0; i < 3; i++) {
            signIn(user, "wrong-Password1", "/login?error=bad");
        }
        // the right but expired password opens the form; it is not a completed sign-in, so the three still count
        var session = signIn(user, TestAccounts.PASSWORD, "/login/expired");
        change(session, null, "wrong-Password1").andExpect(status().isOk());
        assertThat(accounts.locked(user)).isFalse();
        change(session, null, "wrong-Password1").andExpect(redirectedUrl("/login?error=locked"));
        assertThat(accounts.locked(user)).isTrue();
        signIn(user, TestAccounts.PASSWORD, "/login?error=locked");
    }

    @Test
    @DisplayName(
            "checklist #2: an account locked while the form is open stays locked; the right password changes nothing")
    void aLockedAccountStaysLocked() throws Exception {
        String user = mustChange("exp-locked");
        var session = signIn(user, TestAccounts.PASSWORD, "/login/expired");
        for (int i = 0; i < 5; i++) {
            signIn(user, "wrong-Password1", "/login?error=bad");
        }
        assertThat(accounts.locked(user)).isTrue();
        change(session, null, TestAccounts.PASSWORD).andExpect(redirectedUrl("/login?error=locked"));
        assertThat(accounts.locked(user)).isTrue();
        assertThat(passwordIs(user, TestAccounts.PASSWORD)).isTrue();
        assertThat(auditRows("PASSWORD_CHANGE", user, "DENIED")).isEqualTo(1);
    }

    @Test
    @DisplayName("checklist #29: the form is valid for five minutes after the sign-in")
    void theFormExpiresAfterFiveMinutes() throws Exception {
        String user = mustChange("exp-late");
        var session = signIn(user, TestAccounts.PASSWORD, "/login/expired");
        clock.advance(Duration.ofMinutes(6));
        change(session, null, TestAccounts.PASSWORD).andExpect(redirectedUrl("/login?error=expired"));
        assertThat(passwordIs(user, TestAccounts.PASSWORD)).isTrue();
        String html = mvc.perform(get("/login?error=expired"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html).contains("修改密码的页面已失效");
    }

    @Test
    @DisplayName("checklist #4, #29: with a second factor, the form opens only after a sign-in with the code")
    void aTotpUserNeedsTheCodeToReachTheForm() throws Exception {
        String user = mustChange("exp-totp");
        String secret = Totp.newSecret();
        jdbc.sql("update app_user set totp_secret = :s, totp_enabled = true where username = :u")
                .param("s", secret)
                .param("u", user)
                .update();

        var noCode = signIn(user, TestAccounts.PASSWORD, "/login?error=bad");
        change(noCode, null, TestAccounts.PASSWORD).andExpect(redirectedUrl("/login?error=expired"));

        var session = new MockHttpSession();
        mvc.perform(post("/login")
                        .with(csrf())
                        .session(session)
                        .param("username", user)
                        .param("password", TestAccounts.PASSWORD)
                        .param("totp", Totp.code(secret, clock.instant())))
                .andExpect(redirectedUrl("/login/expired"));
        change(session, null, TestAccounts.PASSWORD).andExpect(redirectedUrl("/login?changed"));
        assertThat(passwordIs(user, NEW_PASSWORD)).isTrue();
    }

    @Test
    @DisplayName("checklist #1: a password aged past the maximum goes through the same form")
    void anAgedPasswordIsChangedThroughTheForm() throws Exception {
        String user = accounts.create("exp-aged", "141181", Role.COUNTY_STAFF);
        clock.advance(Duration.ofDays(3651));
        var session = signIn(user, TestAccounts.PASSWORD, "/login/expired");
        change(session, null, TestAccounts.PASSWORD).andExpect(redirectedUrl("/login?changed"));
        signIn(user, NEW_PASSWORD, "/");
    }
}
