package cn.yinfeng.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Activities through the API: counting rules, date rules, region isolation, conflicts; and the seed figures. */
class ActivitiesIT extends IntegrationTest {

    static final String XIAOYI = "Bearer demo-token-xiaoyi";
    static final String ZHONGYANG = "Bearer demo-token-zhongyang";
    static final String CITY = "Bearer demo-token-city";

    private ResultActions call(MockHttpServletRequestBuilder r, String token, String json) throws Exception {
        return mvc.perform(r.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    private long region(String code) {
        return jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    private long id(ResultActions r) throws Exception {
        return ((Number) JsonPath.read(r.andReturn().getResponse().getContentAsString(), "$.id")).longValue();
    }

    private String figures(String token, String regionCode, String from, String to) throws Exception {
        return call(
                        get("/api/v1/activities/figures?regionId=" + region(regionCode) + "&from=" + from + "&to="
                                + to),
                        token,
                        null)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private long fig(String json, String name) {
        return ((Number) JsonPath.read(json, "$." + name)).longValue();
    }

    private long trip(String token, String regionCode, String start, String end) throws Exception {
        return id(call(
                        post("/api/v1/trips"),
                        token,
                        "{\"title\":\"测试出访\",\"regionId\":" + region(regionCode)
                                + ",\"leaderName\":\"测试领导\",\"startDate\":\"" + start + "\",\"endDate\":\"" + end
                                + "\",\"cities\":\"深圳\"}")
                .andExpect(status().isCreated()));
    }

    @Test
    void demoReproducesTheSeedsActivityFigures() throws Exception {
        String f = figures(CITY, "141100", "2024-01-01", "2024-12-31");
        assertThat(fig(f, "trips")).isGreaterThan(50);
        assertThat(fig(f, "enterprisesVisited")).isGreaterThan(70);
        assertThat(fig(f, "delegations")).isEqualTo(11);
        assertThat(fig(f, "delegationEnterprises")).isEqualTo(26);
        assertThat(jdbc.sql("select count(*) from trip where region_id = :r and cities like '%重庆%江苏%上海%'")
                        .param("r", region("141130"))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from event where title like '岚县“长三角”%' and place = '上海'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void enterprisesVisitedCountEachEnterpriseOnce() throws Exception {
        String before = figures(XIAOYI, "141181", "2025-01-01", "2025-12-31");
        long a = trip(XIAOYI, "141181", "2025-03-01", "2025-03-03");
        long b = trip(XIAOYI, "141181", "2025-04-01", "2025-04-02");
        String visit = "{\"enterpriseName\":\"去重计数测试有限公司\",\"visitDate\":\"%s\"}";
        call(post("/api/v1/trips/" + a + "/visits"), XIAOYI, visit.formatted("2025-03-01"))
                .andExpect(status().isCreated());
        call(post("/api/v1/trips/" + a + "/visits"), XIAOYI, visit.formatted("2025-03-02"))
                .andExpect(status().isCreated());
        call(post("/api/v1/trips/" + b + "/visits"), XIAOYI, visit.formatted("2025-04-01"))
                .andExpect(status().isCreated());
        String after = figures(XIAOYI, "141181", "2025-01-01", "2025-12-31");
        assertThat(fig(after, "trips") - fig(before, "trips")).isEqualTo(2);
        assertThat(fig(after, "visits") - fig(before, "visits")).isEqualTo(3);
        assertThat(fig(after, "enterprisesVisited") - fig(before, "enterprisesVisited"))
                .isEqualTo(1);
    }

    @Test
    void aValueTheDatabaseRefusesIsA400SayingNothingWasSavedNotA500() throws Exception {
        long before = jdbc.sql("select count(*) from trip").query(Long.class).single();
        call(
                        post("/api/v1/trips"),
                        XIAOYI,
                        "{\"title\":\"超长带队人\",\"leaderName\":\"" + "带".repeat(101)
                                + "\",\"cities\":\"z\",\"startDate\":\"2025-03-01\",\"endDate\":\"2025-03-02\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("数据库拒绝了提交的内容")));
        assertThat(jdbc.sql("select count(*) from trip").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void datesAreCheckedAndFutureOnlyForPlanned() throws Exception {
        call(
                        post("/api/v1/trips"),
                        XIAOYI,
                        "{\"title\":\"x\",\"leaderName\":\"y\",\"cities\":\"z\",\"startDate\":"
                                + "\"2025-03-05\",\"endDate\":\"2025-03-01\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.endDate[0]").value("返回日期不能早于出发日期。"));
        call(
                        post("/api/v1/trips"),
                        XIAOYI,
                        "{\"title\":\"x\",\"leaderName\":\"y\",\"cities\":\"z\",\"startDate\":"
                                + "\"2099-03-01\",\"endDate\":\"2099-03-02\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.startDate").exists());
        call(
                        post("/api/v1/trips"),
                        XIAOYI,
                        "{\"title\":\"x\",\"leaderName\":\"y\",\"cities\":\"z\",\"startDate\":"
                                + "\"2099-03-01\",\"endDate\":\"2099-03-02\",\"status\":\"PLANNED\"}")
                .andExpect(status().isCreated());
        long t = trip(XIAOYI, "141181", "2025-05-01", "2025-05-03");
        call(
                        post("/api/v1/trips/" + t + "/visits"),
                        XIAOYI,
                        "{\"enterpriseName\":\"日期外企业\",\"visitDate\":\"2025-05-09\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.visitDate[0]").value("拜访日期须在行程日期（2025-05-01 至 2025-05-03）之内。"));
    }

    @Test
    void regionsAreIsolatedAndStaleEditsConflict() throws Exception {
        long t = trip(XIAOYI, "141181", "2025-06-01", "2025-06-02");
        call(get("/api/v1/trips/" + t), ZHONGYANG, null).andExpect(status().isNotFound());
        call(
                        post("/api/v1/trips"),
                        XIAOYI,
                        "{\"title\":\"越权\",\"regionId\":" + region("141129") + ",\"leaderName\":"
                                + "\"y\",\"cities\":\"z\",\"startDate\":\"2025-03-01\",\"endDate\":\"2025-03-01\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.regionId").exists());
        String edit = "{\"title\":\"%s\",\"regionId\":" + region("141181") + ",\"leaderName\":\"测试领导\",\"startDate\":"
                + "\"2025-06-01\",\"endDate\":\"2025-06-02\",\"cities\":\"深圳\",\"version\":0}";
        call(put("/api/v1/trips/" + t), XIAOYI, edit.formatted("第一次修改")).andExpect(status().isOk());
        call(put("/api/v1/trips/" + t), CITY, edit.formatted("第二次修改"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.current.title").value("第一次修改"));
    }

    private long negotiatingProject(String name, String extra) throws Exception {
        return id(call(
                        post("/api/v1/projects"),
                        XIAOYI,
                        "{\"name\":\"" + name + "\",\"regionId\":" + region("141181")
                                + ",\"totalInvestment\":8000,\"contractAmount\":8000,\"stage\":\"NEGOTIATING\"" + extra
                                + "}")
                .andExpect(status().isCreated()));
    }

    private long event(String date) throws Exception {
        return id(call(
                        post("/api/v1/events"),
                        XIAOYI,
                        "{\"regionId\":" + region("141181") + ",\"kind\":\"SIGNING\","
                                + "\"title\":\"测试签约仪式\",\"eventDate\":\"" + date + "\",\"place\":\"孝义\"}")
                .andExpect(status().isCreated()));
    }

    @Test
    void aProjectSignedAtOneCeremonyIsNotCountedAgainAtTheNext() throws Exception {
        String before = figures(XIAOYI, "141181", "2025-01-01", "2025-12-31");
        long project = negotiatingProject("重复签约测试项目", "");
        long first = event("2025-07-01");
        long second = event("2025-08-01");
        call(post("/api/v1/events/" + first + "/projects"), XIAOYI, "{\"projectId\":" + project + "}")
                .andExpect(jsonPath("$.projects[0].countsAs").value("SIGNING"))
                .andExpect(jsonPath("$.projects[0].amount").value(8000.0));
        // signing at the event recorded the project's signing on the event's date
        call(get("/api/v1/projects/" + project), XIAOYI, null)
                .andExpect(jsonPath("$.stage").value("SIGNED"))
                .andExpect(jsonPath("$.dates.signedOn").value("2025-07-01"));
        call(post("/api/v1/events/" + second + "/projects"), XIAOYI, "{\"projectId\":" + project + "}")
                .andExpect(jsonPath("$.projects[0].countsAs").value("RESIGNING"))
                .andExpect(jsonPath("$.projects[0].amount").value(0.0));
        String after = figures(XIAOYI, "141181", "2025-01-01", "2025-12-31");
        assertThat(fig(after, "projectsSignedAtEvents") - fig(before, "projectsSignedAtEvents"))
                .isEqualTo(1);
        assertThat(fig(after, "resignings") - fig(before, "resignings")).isEqualTo(1);
        assertThat(fig(after, "events") - fig(before, "events")).isEqualTo(2);
    }

    @Test
    void anExpansionCountsOnlyItsAddedAmount() throws Exception {
        long original = negotiatingProject("扩建测试原项目", "");
        long expansion = id(call(
                        post("/api/v1/projects"),
                        XIAOYI,
                        "{\"name\":\"扩建测试二期\",\"regionId\":"
                                + region("141181")
                                + ",\"totalInvestment\":20000,\"contractAmount\":3000,\"stage\":\"NEGOTIATING\","
                                + "\"expansionOfId\":" + original + "}")
                .andExpect(status().isCreated()));
        long ev = event("2025-09-01");
        call(post("/api/v1/events/" + ev + "/projects"), XIAOYI, "{\"projectId\":" + expansion + "}")
                .andExpect(jsonPath("$.projects[0].countsAs").value("EXPANSION"))
                .andExpect(jsonPath("$.projects[0].amount").value(3000.0));
    }

    @Test
    void anEventCannotListAProjectTheUserCannotSee() throws Exception {
        long hidden = jdbc.sql("select p.id from project p join region r on r.id = p.region_id where r.code = '141129' "
                        + "order by p.id limit 1")
                .query(Long.class)
                .single();
        long ev = event("2025-10-01");
        // answered like a read of it (checklist #31): the 404 of a missing project
        call(post("/api/v1/events/" + ev + "/projects"), XIAOYI, "{\"projectId\":" + hidden + "}")
                .andExpect(status().isNotFound());
    }

    @Test
    void aVisitBecomesAProjectLeadLinkedBack() throws Exception {
        long t = trip(XIAOYI, "141181", "2025-02-10", "2025-02-12");
        long visit = id(call(
                post("/api/v1/trips/" + t + "/visits"),
                XIAOYI,
                "{\"enterpriseName\":\"线索测试科技有限公司\",\"visitDate\":\"2025-02-11\"}"));
        long project = id(call(
                        post("/api/v1/trips/" + t + "/visits/" + visit + "/lead"),
                        XIAOYI,
                        "{\"projectName\":\"线索测试合作项目\",\"totalInvestment\":5000}")
                .andExpect(status().isCreated()));
        call(get("/api/v1/projects/" + project), XIAOYI, null)
                .andExpect(jsonPath("$.stage").value("NEGOTIATING"))
                .andExpect(jsonPath("$.investors[0].name").value("线索测试科技有限公司"));
        call(get("/api/v1/trips/" + t), XIAOYI, null)
                .andExpect(jsonPath("$.visits[0].projectId").value(project));
    }

    @Test
    void delegationsAndTalksLinkToVisibleProjectsOnly() throws Exception {
        long d = id(call(
                        post("/api/v1/delegations"),
                        XIAOYI,
                        "{\"title\":\"测试考察团\",\"regionId\":" + region("141181")
                                + ",\"visitDate\":\"2025-04-01\",\"hostName\":\"副市长\",\"enterprises\":[\"考察团测试企业\"]}")
                .andExpect(status().isCreated()));
        long own = negotiatingProject("考察团关联项目", "");
        call(post("/api/v1/delegations/" + d + "/projects"), XIAOYI, "{\"projectId\":" + own + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.projects[0].id").value(own));
        long hidden = jdbc.sql("select p.id from project p join region r on r.id = p.region_id where r.code = '141129' "
                        + "order by p.id limit 1")
                .query(Long.class)
                .single();
        call(post("/api/v1/delegations/" + d + "/projects"), XIAOYI, "{\"projectId\":" + hidden + "}")
                .andExpect(status().isNotFound()); // as a read of it (checklist #31)
        call(get("/api/v1/delegations/" + d), ZHONGYANG, null).andExpect(status().isNotFound());
        var session = (MockHttpSession) mvc.perform(SecurityMockMvcRequestBuilders.formLogin()
                        .user("xiaoyi")
                        .password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
        String page = mvc.perform(get("/activities/delegations/" + d).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("考察团关联项目").contains("/activities/delegations/" + d + "/projects");
    }

    @Test
    void staleDelegationAndEventEditsConflict() throws Exception {
        long d = id(call(
                post("/api/v1/delegations"),
                XIAOYI,
                "{\"title\":\"并发考察团\",\"regionId\":" + region("141181")
                        + ",\"visitDate\":\"2025-04-02\",\"hostName\":\"副市长\",\"enterprises\":[\"并发测试企业\"]}"));
        String edit = "{\"title\":\"%s\",\"visitDate\":\"2025-04-02\",\"hostName\":\"副市长\",\"version\":0}";
        call(put("/api/v1/delegations/" + d), XIAOYI, edit.formatted("改名一")).andExpect(status().isOk());
        call(put("/api/v1/delegations/" + d), XIAOYI, edit.formatted("改名二"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.current.title").value("改名一"));
        long project = negotiatingProject("活动改期测试项目", "");
        long ev = event("2025-11-01");
        call(post("/api/v1/events/" + ev + "/projects"), XIAOYI, "{\"projectId\":" + project + "}");
        long version = ((Number) JsonPath.read(
                        call(get("/api/v1/events/" + ev), XIAOYI, null)
                                .andReturn()
                                .getResponse()
                                .getContentAsString(),
                        "$.version"))
                .longValue();
        call(
                        put("/api/v1/events/" + ev),
                        XIAOYI,
                        "{\"title\":\"改期\",\"place\":\"孝义\",\"eventDate\":\"2025-11-02\"," + "\"version\":" + version
                                + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.eventDate").exists());
    }
}
