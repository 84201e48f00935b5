package cn.yinfeng.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import cn.yinfeng.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** Administrators' user pages: inline validation in Chinese, stale edits refused with 409, first-login change. */
class UserAdminIT extends IntegrationTest {

    private MockHttpSession admin;

    @BeforeEach
    void signIn() throws Exception {
        admin = (MockHttpSession) mvc.perform(formLogin().user("admin").password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
    }

    @Test
    void invalidNewUserIsShownInlineAndNothingIsSaved() throws Exception {
        String html = mvc.perform(post("/admin/users")
                        .session(admin)
                        .with(csrf())
                        .param("username", "1bad")
                        .param("displayName", "")
                        .param("password", "short"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html)
                .contains("用户名须以字母开头")
                .contains("此项必填")
                .contains("请至少选择一个角色")
                .contains("密码至少需要 10 位")
                .contains("is-invalid");
        assertThat(jdbc.sql("select count(*) from app_user where username = '1bad'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void duplicateUserNameIsRefusedWhateverTheCase() throws Exception {
        String html = mvc.perform(post("/admin/users")
                        .session(admin)
                        .with(csrf())
                        .param("username", "XiaoYi")
                        .param("displayName", "重复")
                        .param("regionId", regionId("141181"))
                        .param("roles", "COUNTY_STAFF")
                        .param("password", "Another#Pass2024"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html).contains("该用户名已被使用");
    }

    @Test
    void newUserMustChangeThePasswordAtFirstSignIn() throws Exception {
        var result = mvc.perform(post("/admin/users")
                        .session(admin)
                        .with(csrf())
                        .param("username", "newbie")
                        .param("displayName", "新同事")
                        .param("regionId", regionId("141181"))
                        .param("roles", "COUNTY_STAFF")
                        .param("password", "Initial#Pass2024"))
                .andReturn()
                .getResponse();
        assertThat(result.getRedirectedUrl()).startsWith("/admin/users/");
        assertThat(auditRows("USER_CREATE", "admin", "SUCCESS")).isGreaterThanOrEqualTo(1);
        // the change form serves the session that has just signed in with the initial password
        var firstSignIn = new MockHttpSession();
        mvc.perform(post("/login")
                        .with(csrf())
                        .session(firstSignIn)
                        .param("username", "newbie")
                        .param("password", "Initial#Pass2024"))
                .andExpect(redirectedUrl("/login/expired"));
        mvc.perform(post("/login/expired")
                        .with(csrf())
                        .session(firstSignIn)
                        .param("oldPassword", "Initial#Pass2024")
                        .param("newPassword", "Mine#Own2024pw")
                        .param("confirmPassword", "Mine#Own2024pw"))
                .andExpect(redirectedUrl("/login?changed"));
        mvc.perform(formLogin().user("newbie").password("Mine#Own2024pw")).andExpect(redirectedUrl("/"));
    }

    @Test
    void staleEditIsA409WithBothVersionsAndNothingIsOverwritten() throws Exception {
        String user = accounts.create("stale", "141181", Role.COUNTY_STAFF);
        long id = accounts.id(user);
        long version = jdbc.sql("select version from app_user where id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
        // someone else saves first
        mvc.perform(post("/admin/users/" + id)
                        .session(admin)
                        .with(csrf())
                        .param("displayName", "先保存的名字")
                        .param("regionId", regionId("141181"))
                        .param("roles", "COUNTY_STAFF")
                        .param("enabled", "true")
                        .param("version", String.valueOf(version)))
                .andExpect(redirectedUrl("/admin/users/" + id));
        var response = mvc.perform(post("/admin/users/" + id)
                        .session(admin)
                        .with(csrf())
                        .param("displayName", "后保存的名字")
                        .param("regionId", regionId("141181"))
                        .param("roles", "LEADER")
                        .param("enabled", "true")
                        .param("version", String.valueOf(version)))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentAsString())
                .contains("数据已被他人修改")
                .contains("先保存的名字")
                .contains("后保存的名字");
        assertThat(jdbc.sql("select display_name from app_user where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("先保存的名字");
    }

    @Test
    void userListSearchesAndSorts() throws Exception {
        String html = mvc.perform(get("/admin/users")
                        .session(admin)
                        .param("q", "中阳")
                        .param("sort", "username")
                        .param("dir", "desc"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html).contains("zhongyang").doesNotContain(">xiaoyi<");
        assertThat(html.indexOf(">zhongyang<")).isLessThan(html.indexOf(">talent<"));
    }

    @Test
    void adminUnlocksALockedUser() throws Exception {
        String user = accounts.create("unlock", "141181", Role.COUNTY_STAFF);
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin().user(user).password("wrong-password"));
        }
        assertThat(accounts.locked(user)).isTrue();
        mvc.perform(post("/admin/users/" + accounts.id(user) + "/unlock")
                .session(admin)
                .with(csrf()));
        assertThat(accounts.locked(user)).isFalse();
        mvc.perform(formLogin().user(user).password(TestAccounts.PASSWORD)).andExpect(redirectedUrl("/"));
    }

    private String regionId(String code) {
        return String.valueOf(jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single());
    }
}
