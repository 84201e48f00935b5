package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.accounts.Role;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every id a request body carries (the project it expands, investors, chain and node, the 包联 or trip leader, the
 * project an activity links to, a chain target's node) is checked against the caller's reach, and county A naming
 * county B's record gets exactly the answer of naming a record that does not exist: the 404 of a read (for leaders,
 * one field error), byte for byte, and nothing is written. Checklist #9, #10, #31.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BodyReferenceScopeIT extends IntegrationTest {

    static final String XIAOYI = "Bearer demo-token-xiaoyi";
    static final String ZHONGYANG = "Bearer demo-token-zhongyang";
    static final String CITY = "Bearer demo-token-city";
    static final long MISSING = 987_654_321L;

    private long xiaoyi;
    private long zhongyang;
    private long foreignProject;
    private long ownProject;

    private ResultActions call(MockHttpServletRequestBuilder r, String token, String json) throws Exception {
        // one request id for every call, so that two answers can be compared whole
        return mvc.perform(r.header("Authorization", token)
                .header("X-Request-Id", "same-id")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    private String answer(ResultActions r) throws Exception {
        MockHttpServletResponse res = r.andReturn().getResponse();
        return res.getStatus() + " " + res.getContentType() + " " + res.getContentAsString(StandardCharsets.UTF_8);
    }

    private long id(ResultActions r) throws Exception {
        return ((Number) JsonPath.read(r.andReturn().getResponse().getContentAsString(), "$.id")).longValue();
    }

    private long region(String code) {
        return jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    private long count(String sql, Object value) {
        return jdbc.sql(sql).param("v", value).query(Long.class).single();
    }

    private String projectJson(String name, String extra) {
        return "{\"name\":\"" + name + "\",\"regionId\":" + xiaoyi + ",\"totalInvestment\":8000,"
                + "\"stage\":\"NEGOTIATING\"" + extra + "}";
    }

    @BeforeAll
    void fixtures() throws Exception {
        xiaoyi = region("141181");
        zhongyang = region("141129");
        foreignProject = id(call(
                        post("/api/v1/projects"),
                        ZHONGYANG,
                        "{\"name\":\"引用范围测试中阳项目\",\"regionId\":" + zhongyang + ",\"totalInvestment\":5000}")
                .andExpect(status().isCreated()));
        ownProject = id(call(post("/api/v1/projects"), XIAOYI, projectJson("引用范围测试孝义项目", ""))
                .andExpect(status().isCreated()));
    }

    /** County A's body naming B's record and naming none: the same answer as reading B's record. */
    private void sameAsRead(ResultActions foreign, ResultActions missing) throws Exception {
        String read = answer(call(get("/api/v1/projects/" + foreignProject), XIAOYI, null));
        assertThat(read).startsWith("404 application/problem+json");
        String a = answer(foreign);
        assertThat(a).isEqualTo(answer(missing));
        assertThat(withoutInstance(a)).isEqualTo(withoutInstance(read));
    }

    /** The problem document's {@code instance} is the path asked, the one part that differs between two URLs. */
    private static String withoutInstance(String answer) {
        return answer.replaceAll("\"instance\":\"[^\"]*\",?", "");
    }

    @Test
    @DisplayName(
            "checklist #31: expansionOfId of another county's project is a 404 like a missing one; nothing written")
    void anExpansionOfAnotherCountysProjectIsNotFound() throws Exception {
        sameAsRead(
                call(post("/api/v1/projects"), XIAOYI, projectJson("引用扩建越权", ",\"expansionOfId\":" + foreignProject)),
                call(post("/api/v1/projects"), XIAOYI, projectJson("引用扩建越权", ",\"expansionOfId\":" + MISSING)));
        assertThat(count("select count(*) from project where name = :v", "引用扩建越权"))
                .isZero();

        long version = count("select version from project where id = :v", ownProject);
        String edit = projectJson("引用范围测试孝义项目", ",\"version\":" + version + ",\"expansionOfId\":%d");
        sameAsRead(
                call(put("/api/v1/projects/" + ownProject), XIAOYI, edit.formatted(foreignProject)),
                call(put("/api/v1/projects/" + ownProject), XIAOYI, edit.formatted(MISSING)));
        assertThat(count(
                        "select count(*) from project where id = :v and expansion_of_id is null and version = "
                                + version,
                        ownProject))
                .isEqualTo(1);

        // its own county's project is fine
        call(post("/api/v1/projects"), XIAOYI, projectJson("引用扩建本县", ",\"expansionOfId\":" + ownProject))
                .andExpect(status().isCreated());
    }

    @Test
    @DisplayName(
            "checklist #31: a missing investor, chain or node is a 404 like a read; registry entries of any region may be named")
    void investorsChainsAndNodesMustExist() throws Exception {
        String missing = answer(
                call(post("/api/v1/projects"), XIAOYI, projectJson("引用投资方缺失", ",\"investors\":[" + MISSING + "]")));
        assertThat(withoutInstance(missing))
                .isEqualTo(withoutInstance(answer(call(get("/api/v1/enterprises/" + MISSING), XIAOYI, null))));
        assertThat(missing).startsWith("404");
        assertThat(answer(call(post("/api/v1/projects"), XIAOYI, projectJson("引用投资方缺失", ",\"chainId\":" + MISSING))))
                .isEqualTo(missing);
        assertThat(answer(
                        call(post("/api/v1/projects"), XIAOYI, projectJson("引用投资方缺失", ",\"chainNodeId\":" + MISSING))))
                .isEqualTo(missing);
        assertThat(count("select count(*) from project where name = :v", "引用投资方缺失"))
                .isZero();

        // the registry is the city's: an investor 中阳 registered is one 孝义 may name (and reads)
        long shared = id(call(post("/api/v1/enterprises"), ZHONGYANG, "{\"name\":\"引用范围共享投资方有限公司\"}")
                .andExpect(status().isCreated()));
        call(get("/api/v1/enterprises/" + shared), XIAOYI, null).andExpect(status().isOk());
        long p = id(call(post("/api/v1/projects"), XIAOYI, projectJson("引用共享投资方", ",\"investors\":[" + shared + "]"))
                .andExpect(status().isCreated()));
        call(get("/api/v1/projects/" + p), XIAOYI, null)
                .andExpect(jsonPath("$.investors[0].id").value(shared));
    }

    @Test
    @DisplayName(
            "checklist #31: a leader of another county, a disabled one, a non-leader and a missing id get one field error")
    void onlyLeadersThePickerOffersAreAccepted() throws Exception {
        long otherCounty = accounts.id(accounts.create("refldrzy", "141129", Role.LEADER));
        long disabled = accounts.id(accounts.create("refldrdis", "141181", Role.LEADER));
        jdbc.sql("update app_user set enabled = false where id = :id")
                .param("id", disabled)
                .update();
        long notLeader = accounts.id(accounts.create("refstaff", "141181", Role.COUNTY_STAFF));
        String missing =
                answer(call(post("/api/v1/projects"), XIAOYI, projectJson("引用领导", ",\"leaderUserId\":" + MISSING)));
        assertThat(missing).startsWith("400").contains("\"leaderUserId\"");
        for (long leader : new long[] {otherCounty, disabled, notLeader}) {
            assertThat(answer(
                            call(post("/api/v1/projects"), XIAOYI, projectJson("引用领导", ",\"leaderUserId\":" + leader))))
                    .as("leader " + leader)
                    .isEqualTo(missing);
        }
        String trip = "{\"title\":\"引用领导出访\",\"regionId\":" + xiaoyi + ",\"leaderUserId\":%d,\"startDate\":"
                + "\"2025-03-01\",\"endDate\":\"2025-03-02\",\"cities\":\"深圳\"}";
        String tripMissing = answer(call(post("/api/v1/trips"), XIAOYI, trip.formatted(MISSING)));
        assertThat(tripMissing).startsWith("400").contains("\"leaderUserId\"");
        assertThat(answer(call(post("/api/v1/trips"), XIAOYI, trip.formatted(otherCounty))))
                .isEqualTo(tripMissing);
        assertThat(answer(call(post("/api/v1/trips"), XIAOYI, trip.formatted(disabled))))
                .isEqualTo(tripMissing);
        assertThat(count("select count(*) from project where name = :v", "引用领导"))
                .isZero();
        assertThat(count("select count(*) from trip where title = :v", "引用领导出访"))
                .isZero();

        // a city leader (above the county) is offered and accepted
        long cityLeader = accounts.id("leader");
        call(post("/api/v1/projects"), XIAOYI, projectJson("引用领导市级", ",\"leaderUserId\":" + cityLeader))
                .andExpect(status().isCreated());
    }

    @Test
    @DisplayName("a leader disabled later stays on the project as history, shown disabled, and is no longer offered")
    void aDisabledLeaderIsKeptOnItsProjectsButNotOffered() throws Exception {
        String name = accounts.create("refldrold", "141181", Role.LEADER);
        long leader = accounts.id(name);
        String display = jdbc.sql("select display_name from app_user where id = :id")
                .param("id", leader)
                .query(String.class)
                .single();
        long p = id(call(post("/api/v1/projects"), XIAOYI, projectJson("引用领导历史", ",\"leaderUserId\":" + leader))
                .andExpect(status().isCreated()));
        MockHttpSession session = session("xiaoyi");
        assertThat(page(session, "/projects/new")).contains(display);

        jdbc.sql("update app_user set enabled = false where id = :id")
                .param("id", leader)
                .update();
        call(get("/api/v1/projects/" + p), XIAOYI, null)
                .andExpect(jsonPath("$.leaderUserId").value(leader))
                .andExpect(jsonPath("$.leaderDisabled").value(true));
        assertThat(page(session, "/projects/new")).doesNotContain(display);
        assertThat(page(session, "/projects/" + p)).contains("data-testid=\"leader-disabled\"");
        // editing the project with the leader it has is fine; the link stays
        long version = count("select version from project where id = :v", p);
        call(
                        put("/api/v1/projects/" + p),
                        XIAOYI,
                        projectJson("引用领导历史改名", ",\"leaderUserId\":" + leader + ",\"version\":" + version))
                .andExpect(status().isOk());
        assertThat(count("select leader_user_id from project where id = :v", p)).isEqualTo(leader);
    }

    @Test
    @DisplayName(
            "checklist #31: linking a delegation, talk or event to another county's project is a 404 like a missing one")
    void activityLinksToAnotherCountysProjectAreNotFound() throws Exception {
        long delegation = id(call(
                        post("/api/v1/delegations"),
                        XIAOYI,
                        "{\"title\":\"引用来访\",\"regionId\":" + xiaoyi
                                + ",\"visitDate\":\"2025-03-01\",\"people\":3,\"hostName\":\"主持\",\"enterprises\":[\"引用来访企业\"]}")
                .andExpect(status().isCreated()));
        sameAsRead(
                call(
                        post("/api/v1/delegations/" + delegation + "/projects"),
                        XIAOYI,
                        "{\"projectId\":" + foreignProject + "}"),
                call(
                        post("/api/v1/delegations/" + delegation + "/projects"),
                        XIAOYI,
                        "{\"projectId\":" + MISSING + "}"));
        long event = id(call(
                        post("/api/v1/events"),
                        XIAOYI,
                        "{\"regionId\":" + xiaoyi + ",\"kind\":\"SIGNING\","
                                + "\"title\":\"引用签约仪式\",\"eventDate\":\"2025-07-01\",\"place\":\"孝义\"}")
                .andExpect(status().isCreated()));
        sameAsRead(
                call(post("/api/v1/events/" + event + "/projects"), XIAOYI, "{\"projectId\":" + foreignProject + "}"),
                call(post("/api/v1/events/" + event + "/projects"), XIAOYI, "{\"projectId\":" + MISSING + "}"));
        assertThat(count(
                        "select count(*) from activity_project where activity_id = :v and activity_type = 'DELEGATION'",
                        delegation))
                .isZero();
        assertThat(count("select count(*) from event_project where event_id = :v", event))
                .isZero();
        // on the page, the same inline error for both
        MockHttpSession session = session("xiaoyi");
        String code = jdbc.sql("select code from project where id = :id")
                .param("id", foreignProject)
                .query(String.class)
                .single();
        for (String c : new String[] {code, "P1900-99999"}) {
            var res = mvc.perform(post("/activities/delegations/" + delegation + "/projects")
                            .session(session)
                            .with(csrf())
                            .param("projectCode", c))
                    .andReturn();
            assertThat(res.getResponse().getStatus()).isEqualTo(302);
            assertThat(res.getFlashMap().get("linkErrors")).asString().contains("找不到该项目");
        }
    }

    @Test
    @DisplayName("checklist #31: a project form naming another county's project answers the 404 page of a missing one")
    void theProjectFormAnswersLikeARead() throws Exception {
        MockHttpSession session = session("xiaoyi");
        String read = webAnswer(
                mvc.perform(get("/projects/" + foreignProject).session(session).header("X-Request-Id", "same-id"))
                        .andReturn()
                        .getResponse());
        assertThat(read).startsWith("404");
        for (long ref : new long[] {foreignProject, MISSING}) {
            var res = mvc.perform(post("/projects")
                            .session(session)
                            .with(csrf())
                            .header("X-Request-Id", "same-id")
                            .param("name", "引用表单扩建")
                            .param("regionId", String.valueOf(xiaoyi))
                            .param("totalInvestment", "100")
                            .param("stage", "RESERVE")
                            .param("expansionOfId", String.valueOf(ref)))
                    .andReturn()
                    .getResponse();
            assertThat(webAnswer(res)).isEqualTo(read);
        }
        assertThat(count("select count(*) from project where name = :v", "引用表单扩建"))
                .isZero();
    }

    @Test
    @DisplayName("checklist #31: a chain target on a node of another chain, or on none, is a 404; nothing written")
    void aChainTargetNeedsANodeOfThatChain() throws Exception {
        var chains = jdbc.sql(
                        "select c.id, min(n.id) from chain c join chain_node n on n.chain_id = c.id group by c.id "
                                + "order by c.id limit 2")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list();
        assertThat(chains).hasSize(2);
        long chain = chains.get(0)[0];
        long otherNode = chains.get(1)[1];
        MockHttpSession session = session("city");
        for (long node : new long[] {otherNode, MISSING}) {
            mvc.perform(post("/chains/" + chain + "/targets")
                            .session(session)
                            .with(csrf())
                            .param("nodeId", String.valueOf(node))
                            .param("enterpriseName", "引用图谱越界企业"))
                    .andExpect(status().isNotFound());
        }
        assertThat(count("select count(*) from chain_target where enterprise_name = :v", "引用图谱越界企业"))
                .isZero();
        mvc.perform(post("/chains/" + chain + "/targets")
                        .session(session)
                        .with(csrf())
                        .param("nodeId", String.valueOf(chains.get(0)[1]))
                        .param("enterpriseName", "引用图谱本链企业"))
                .andExpect(status().is3xxRedirection());
    }

    private static String webAnswer(MockHttpServletResponse res) throws Exception {
        // the page's CSRF token is masked afresh for every response (and the logout form carries it): not part of the
        // answer
        return res.getStatus() + " "
                + res.getContentAsString(StandardCharsets.UTF_8)
                        .replaceAll("(name=\"_csrf\" (content|value)=\")[^\"]*", "$1")
                        .replaceAll("(type=\"hidden\" name=\"_csrf\" value=\")[^\"]*", "$1")
                        .replaceAll("(value=\")[^\"]*(\" name=\"_csrf\")", "$1$2");
    }

    private final Map<String, MockHttpSession> sessions = new HashMap<>();

    private MockHttpSession session(String user) throws Exception {
        var s = sessions.get(user);
        if (s == null) {
            s = (MockHttpSession) mvc.perform(formLogin().user(user).password("Yinfeng@2024"))
                    .andReturn()
                    .getRequest()
                    .getSession();
            sessions.put(user, s);
        }
        return s;
    }

    private String page(MockHttpSession session, String url) throws Exception {
        var r = mvc.perform(get(url).session(session)).andReturn().getResponse();
        assertThat(r.getStatus()).as(url).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }
}
