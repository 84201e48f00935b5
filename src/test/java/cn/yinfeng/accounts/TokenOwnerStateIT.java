package cn.yinfeng.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/**
 * An API token acts only while its owner could sign in: refused (401, a problem document saying why, in Chinese
 * or English) while the owner must change an initial, reset or expired password, and while the owner is disabled
 * or locked (checklist #1, #2, #7).
 */
class TokenOwnerStateIT extends IntegrationTest {

    @Test
    @DisplayName(
            "checklist #7: a token of a user who has not yet replaced the initial password is refused until it is changed")
    void tokensOfAUserWhoMustChangeTheInitialPasswordAreRefused() throws Exception {
        String user = accounts.create("tok-initial", "141181", Role.COUNTY_STAFF);
        String bearer = "Bearer " + accounts.token(user);
        jdbc.sql("update app_user set must_change_password = true where username = :u")
                .param("u", user)
                .update();
        long before = auditRows("API_TOKEN_REJECTED", null, "FAILURE");

        mvc.perform(get("/api/v1/me").header("Authorization", bearer))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Type", "application/problem+json;charset=UTF-8"))
                .andExpect(header().string("WWW-Authenticate", "Bearer error=\"invalid_token\""))
                .andExpect(jsonPath("$.code").value("token_password_change_required"))
                .andExpect(jsonPath("$.title").value("未认证"))
                .andExpect(jsonPath("$.detail").value("令牌所属账号须先修改密码（初始密码、管理员重置的密码或已过期的密码）：请该账号登录网页修改密码后，再使用此令牌。"));
        mvc.perform(get("/api/v1/me").header("Authorization", bearer).header("Accept-Language", "en"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail")
                        .value(Matchers.startsWith("The token's account must change its password first")));
        assertThat(auditRows("API_TOKEN_REJECTED", null, "FAILURE")).isEqualTo(before + 2);

        // the owner changes the password through the sign-in: the token works again
        var session = new MockHttpSession();
        mvc.perform(post("/login")
                        .with(csrf())
                        .session(session)
                        .param("username", user)
                        .param("password", TestAccounts.PASSWORD))
                .andExpect(redirectedUrl("/login/expired"));
        mvc.perform(post("/login/expired")
                        .with(csrf())
                        .session(session)
                        .param("oldPassword", TestAccounts.PASSWORD)
                        .param("newPassword", "Fresh#Start2025")
                        .param("confirmPassword", "Fresh#Start2025"))
                .andExpect(redirectedUrl("/login?changed"));
        mvc.perform(get("/api/v1/me").header("Authorization", bearer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(user));
    }

    @Test
    @DisplayName("checklist #1: a token of a user whose password has aged past the maximum is refused")
    void tokensOfAUserWithAnExpiredPasswordAreRefused() throws Exception {
        String user = accounts.create("tok-aged", "141181", Role.COUNTY_STAFF);
        String bearer = "Bearer " + accounts.token(user);
        jdbc.sql("update app_user set password_changed_at = :t where username = :u")
                .param("t", Timestamp.from(clock.instant().minus(Duration.ofDays(3651))))
                .param("u", user)
                .update();
        mvc.perform(get("/api/v1/me").header("Authorization", bearer))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("token_password_change_required"));
    }

    @Test
    @DisplayName("checklist #2: a token of a disabled user is refused")
    void tokensOfADisabledUserAreRefused() throws Exception {
        String user = accounts.create("tok-off", "141181", Role.COUNTY_STAFF);
        String bearer = "Bearer " + accounts.token(user);
        mvc.perform(get("/api/v1/me").header("Authorization", bearer)).andExpect(status().isOk());
        jdbc.sql("update app_user set enabled = false where username = :u")
                .param("u", user)
                .update();
        mvc.perform(get("/api/v1/me").header("Authorization", bearer))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("token_user_inactive"));
    }

    @Test
    @DisplayName("checklist #2: a token of a user locked by failed sign-ins is refused until the lock ends")
    void tokensOfAUserLockedBySignInsAreRefused() throws Exception {
        String user = accounts.create("tok-lock", "141181", Role.COUNTY_STAFF);
        String bearer = "Bearer " + accounts.token(user);
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login").with(csrf()).param("username", user).param("password", "wrong-Password1"));
        }
        mvc.perform(get("/api/v1/me").header("Authorization", bearer))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("token_user_inactive"));
        clock.advance(Duration.ofMinutes(16));
        mvc.perform(get("/api/v1/me").header("Authorization", bearer)).andExpect(status().isOk());
    }
}
