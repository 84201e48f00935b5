package cn.yinfeng.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.sql.Timestamp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;

/** Bearer tokens on /api/v1: the demo tokens, creation shown once, expiry, revocation, owner state, bad input. */
class ApiTokenIT extends IntegrationTest {

    @Test
    void demoTokenActsAsItsUser() throws Exception {
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer demo-token-xiaoyi"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("xiaoyi"))
                .andExpect(jsonPath("$.roles[0]").value("COUNTY_STAFF"))
                .andExpect(jsonPath("$.region.name").value("孝义市"));
    }

    @Test
    void noTokenIsA401ProblemInChinese() throws Exception {
        mvc.perform(get("/api/v1/me"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Type", "application/problem+json;charset=UTF-8"))
                .andExpect(jsonPath("$.title").value("未认证"));
    }

    @Test
    void englishWhenAsked() throws Exception {
        mvc.perform(get("/api/v1/me").header("Accept-Language", "en"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.title").value("Unauthorized"));
    }

    @Test
    void unknownTokenIsRefusedAndAudited() throws Exception {
        long before = auditRows("API_TOKEN_REJECTED", null, "FAILURE");
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer yf_forged"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("token_invalid"));
        assertThat(auditRows("API_TOKEN_REJECTED", null, "FAILURE")).isEqualTo(before + 1);
    }

    @Test
    void createdTokenIsShownOnceStoredHashedAndExpires() throws Exception {
        String user = accounts.create("tok", "141181", Role.COUNTY_STAFF);
        String bearer = "Bearer " + accounts.token(user);
        var created = mvc.perform(post("/api/v1/tokens")
                        .header("Authorization", bearer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"报表脚本\",\"validDays\":1}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.token").exists())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String secret = JsonPath.read(created, "$.token");
        assertThat(jdbc.sql("select count(*) from api_token where token_hash = :s or token_prefix = :s")
                        .param("s", secret)
                        .query(Long.class)
                        .single())
                .isZero();
        mvc.perform(get("/api/v1/tokens").header("Authorization", "Bearer " + secret))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == '报表脚本')]").exists())
                .andExpect(jsonPath("$[0].secret").doesNotExist());

        clock.advance(Duration.ofDays(2));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + secret))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("token_expired"))
                .andExpect(jsonPath("$.detail").value("API 令牌已过期，请创建新的令牌。"));
    }

    @Test
    void revokedTokenStopsWorking() throws Exception {
        String user = accounts.create("rev", "141181", Role.COUNTY_STAFF);
        String secret = accounts.token(user);
        long id = jdbc.sql("select id from api_token where user_id = :u")
                .param("u", accounts.id(user))
                .query(Long.class)
                .single();
        mvc.perform(delete("/api/v1/tokens/" + id).header("Authorization", "Bearer " + secret))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + secret))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("token_revoked"));
    }

    @Test
    void cannotRevokeSomeoneElsesToken() throws Exception {
        String owner = accounts.create("own", "141181", Role.COUNTY_STAFF);
        accounts.token(owner);
        long id = jdbc.sql("select id from api_token where user_id = :u")
                .param("u", accounts.id(owner))
                .query(Long.class)
                .single();
        mvc.perform(delete("/api/v1/tokens/" + id).header("Authorization", "Bearer demo-token-zhongyang"))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select revoked_at is null from api_token where id = :id")
                        .param("id", id)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void lockedOwnersTokensStopWorking() throws Exception {
        String user = accounts.create("lockedtok", "141181", Role.COUNTY_STAFF);
        String secret = accounts.token(user);
        jdbc.sql("update app_user set locked_until = :t where username = :u")
                .param("t", Timestamp.from(clock.instant().plusSeconds(600)))
                .param("u", user)
                .update();
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + secret))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("token_user_inactive"));
    }

    @Test
    void malformedJsonIsAClear400() throws Exception {
        mvc.perform(post("/api/v1/tokens")
                        .header("Authorization", "Bearer demo-token-xiaoyi")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\", "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("请求体不是有效的 JSON，或字段类型不正确。"))
                .andExpect(jsonPath("$.trace").doesNotExist());
    }

    @Test
    void invalidTokenRequestNamesTheField() throws Exception {
        mvc.perform(post("/api/v1/tokens")
                        .header("Authorization", "Bearer demo-token-xiaoyi")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\",\"validDays\":5000}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.name[0]").value("此项必填。"));
    }

    @Test
    void apiIgnoresTheSessionCookie() throws Exception {
        var session = mvc.perform(SecurityMockMvcRequestBuilders.formLogin()
                        .user("xiaoyi")
                        .password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
        mvc.perform(get("/api/v1/me").session((MockHttpSession) session)).andExpect(status().isUnauthorized());
    }
}
