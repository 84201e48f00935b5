package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.TestAccounts;
import com.jayway.jsonpath.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpSession;

/**
 * Role × endpoint matrix for the API (Bearer) and the pages (session), and region isolation: a county user sees
 * their own region only, by list and by id, with no data of another county in any answer.
 */
class PermissionMatrixIT extends IntegrationTest {

    static final List<String> USERS = List.of("admin", "city", "leader", "xiaoyi", "zhongyang", "talent");

    /** endpoint -> expected status per user, in the order of USERS */
    static Stream<Arguments> apiMatrix() {
        return Stream.of(
                Arguments.of("/api/v1/me", List.of(200, 200, 200, 200, 200, 200)),
                Arguments.of("/api/v1/me/list-prefs/projects", List.of(200, 200, 200, 200, 200, 200)),
                Arguments.of("/api/v1/me/list-prefs/projects/filters", List.of(200, 200, 200, 200, 200, 200)),
                Arguments.of("/api/v1/regions", List.of(200, 200, 200, 200, 200, 200)),
                Arguments.of("/api/v1/regions/141100", List.of(200, 200, 200, 404, 404, 404)),
                Arguments.of("/api/v1/regions/141181", List.of(200, 200, 200, 200, 404, 404)),
                Arguments.of("/api/v1/regions/141129", List.of(200, 200, 200, 404, 200, 200)),
                Arguments.of("/api/v1/users", List.of(200, 403, 403, 403, 403, 403)),
                Arguments.of("/api/v1/audit", List.of(200, 403, 403, 403, 403, 403)),
                Arguments.of("/api/v1/audit/verify", List.of(200, 403, 403, 403, 403, 403)),
                Arguments.of("/api/v1/tokens", List.of(200, 200, 200, 200, 200, 200)),
                Arguments.of("/api/v1/warning-rules/STAGE_STALLED", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/api/v1/losses", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/api/v1/losses/projects", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/api/v1/problems", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/api/v1/problems/summary", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/api/v1/approval-steps", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/api/v1/milestones", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/api/v1/milestones/summary", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/api/v1/commitments/board", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/api/v1/commitments/red-list", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/api/v1/problem-categories", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/api/v1/loss-reasons", List.of(200, 200, 200, 200, 200, 403)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiMatrix")
    void apiAnswersEachRoleAsExpected(String endpoint, List<Integer> expected) throws Exception {
        for (int i = 0; i < USERS.size(); i++) {
            int status = mvc.perform(get(endpoint).header("Authorization", "Bearer demo-token-" + USERS.get(i)))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            assertThat(status).as("%s as %s", endpoint, USERS.get(i)).isEqualTo(expected.get(i));
        }
    }

    static Stream<Arguments> pageMatrix() {
        return Stream.of(
                Arguments.of("/", List.of(200, 200, 200, 200, 200, 200)),
                Arguments.of("/account", List.of(200, 200, 200, 200, 200, 200)),
                Arguments.of("/admin/users", List.of(200, 403, 403, 403, 403, 403)),
                Arguments.of("/admin/users/new", List.of(200, 403, 403, 403, 403, 403)),
                Arguments.of("/admin/regions", List.of(200, 403, 403, 403, 403, 403)),
                Arguments.of("/admin/audit", List.of(200, 403, 403, 403, 403, 403)),
                Arguments.of("/losses", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/losses/reasons", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/supervision/problems", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/approvals", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/approvals/steps", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/commitments", List.of(200, 200, 200, 200, 200, 403)),
                Arguments.of("/supervision/problems/new", List.of(403, 200, 403, 200, 200, 403)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pageMatrix")
    void pagesAnswerEachRoleAsExpected(String page, List<Integer> expected) throws Exception {
        for (int i = 0; i < USERS.size(); i++) {
            int status = mvc.perform(get(page).session(session(USERS.get(i))))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            assertThat(status).as("%s as %s", page, USERS.get(i)).isEqualTo(expected.get(i));
        }
    }

    @Test
    void anonymousPagesRedirectToLogin() throws Exception {
        for (String page : List.of("/", "/account", "/admin/users", "/admin/audit")) {
            var response = mvc.perform(get(page)).andReturn().getResponse();
            assertThat(response.getStatus()).isEqualTo(302);
            assertThat(response.getRedirectedUrl()).endsWith("/login");
        }
    }

    @Test
    void deniedRequestsAreAudited() throws Exception {
        long before = auditRows("ACCESS_DENIED", "xiaoyi", "DENIED");
        mvc.perform(get("/admin/users").session(session("xiaoyi")));
        mvc.perform(get("/api/v1/users").header("Authorization", "Bearer demo-token-xiaoyi"));
        assertThat(auditRows("ACCESS_DENIED", "xiaoyi", "DENIED")).isEqualTo(before + 2);
    }

    @Test
    void countyUserSeesOnlyTheirRegion() throws Exception {
        String body = mvc.perform(get("/api/v1/regions").header("Authorization", "Bearer demo-token-xiaoyi"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<String> names = JsonPath.read(body, "$[*].name");
        assertThat(names).containsExactly("孝义市");
        String other = mvc.perform(get("/api/v1/regions/141129").header("Authorization", "Bearer demo-token-xiaoyi"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(other).doesNotContain("中阳").doesNotContain("shortName").contains("\"status\":404");
    }

    @Test
    void cityUserSeesTheWholeTree() throws Exception {
        String body = mvc.perform(get("/api/v1/regions").header("Authorization", "Bearer demo-token-city"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<String> names = JsonPath.read(body, "$[*].name");
        assertThat(names).hasSize(15).startsWith("吕梁市").contains("孝义市", "中阳县", "吕梁经济技术开发区");
    }

    @Test
    void countyAdministratorCannotReachOrCreateUsersOfAnotherCounty() throws Exception {
        String countyAdmin = accounts.create("cadmin", "141181", Role.ADMIN);
        String token = "Bearer " + accounts.token(countyAdmin);
        long zhongyangUser = accounts.id("zhongyang");
        var response = mvc.perform(get("/api/v1/users/" + zhongyangUser).header("Authorization", token))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentAsString()).doesNotContain("zhongyang").doesNotContain("中阳");
        String list = mvc.perform(get("/api/v1/users").header("Authorization", token))
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<String> regions = JsonPath.read(list, "$[*].regionName");
        assertThat(regions).isNotEmpty().allMatch("孝义市"::equals);

        // a form naming another county's region is rejected, nothing is created
        long zhongyangRegion = jdbc.sql("select id from region where code = '141129'")
                .query(Long.class)
                .single();
        var page = mvc.perform(post("/admin/users")
                        .session(session(countyAdmin, TestAccounts.PASSWORD))
                        .with(csrf())
                        .param("username", "sneaky1")
                        .param("displayName", "越权")
                        .param("regionId", String.valueOf(zhongyangRegion))
                        .param("roles", "COUNTY_STAFF")
                        .param("password", "Sneaky#Pass2024"))
                .andReturn()
                .getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("只能选择您管辖范围内的区域");
        assertThat(jdbc.sql("select count(*) from app_user where username = 'sneaky1'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private final Map<String, MockHttpSession> sessions = new HashMap<>();

    private MockHttpSession session(String user) throws Exception {
        return session(user, "Yinfeng@2024");
    }

    private MockHttpSession session(String user, String password) throws Exception {
        var existing = sessions.get(user);
        if (existing != null) {
            return existing;
        }
        var s = (MockHttpSession) mvc.perform(formLogin().user(user).password(password))
                .andReturn()
                .getRequest()
                .getSession();
        sessions.put(user, s);
        return s;
    }
}
