package cn.yinfeng.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.projects.Projects;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A project's problem (问题清单) from the county that raises it to the unit and leader who answer it and back: its
 * round trip through the task steps, who sees it, every bad field reported at once, reminders, and the meeting's
 * export and counts equal to the list behind them.
 */
class ProblemsIT extends IntegrationTest {

    private static final String XIAOYI = "Bearer demo-token-xiaoyi";
    private static final String ZHONGYANG = "Bearer demo-token-zhongyang";
    private static final String CITY = "Bearer demo-token-city";
    private static final String LEADER = "Bearer demo-token-leader";

    private ResultActions call(MockHttpServletRequestBuilder r, String token, String json) throws Exception {
        return mvc.perform(r.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    private String body(ResultActions r) throws Exception {
        return r.andReturn().getResponse().getContentAsString();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Projects.ZONE));
    }

    private long region(String code) {
        return jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    private long root() {
        return jdbc.sql("select id from region where parent_id is null")
                .query(Long.class)
                .single();
    }

    private long user(String username) {
        return jdbc.sql("select id from app_user where username = :u")
                .param("u", username)
                .query(Long.class)
                .single();
    }

    private long unread(long userId, String messageKey) {
        return jdbc.sql("select count(*) from notification where user_id = :u and message = :m and read_at is null")
                .param("u", userId)
                .param("m", messageKey)
                .query(Long.class)
                .single();
    }

    private long project(String token, String regionCode, String name) throws Exception {
        String json = "{\"name\":\"" + name + "\",\"regionId\":" + region(regionCode) + ",\"totalInvestment\":36000"
                + ",\"leaderUserId\":" + user("leader") + "}";
        return ((Number) JsonPath.read(
                        body(call(post("/api/v1/projects"), token, json).andExpect(status().isCreated())), "$.id"))
                .longValue();
    }

    private String problemJson(long project, String category, long sentTo, String unit, LocalDate deadline) {
        return "{\"projectId\":" + project + ",\"category\":\"" + category + "\",\"title\":\"用地报批组卷未完成\","
                + "\"description\":\"需新增建设用地126亩，县级指标已用完，请求市级调剂。\",\"regionId\":" + sentTo
                + ",\"unit\":\"" + unit + "\",\"leaderUserId\":" + user("leader") + ",\"deadline\":\"" + deadline
                + "\"}";
    }

    private long raise(String token, String json) throws Exception {
        return ((Number) JsonPath.read(
                        body(call(post("/api/v1/problems"), token, json).andExpect(status().isCreated())), "$.id"))
                .longValue();
    }

    private long version(long id) {
        return jdbc.sql("select version from supervision_task where id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    @Test
    void aProblemGoesToTheCityIsAnsweredSentBackAnsweredAgainAndClosedByTheCounty() throws Exception {
        long p = project(XIAOYI, "141181", "问题清单往返项目");
        long leaderBefore = unread(user("leader"), "inbox.problemRaised");
        long cityBefore = unread(user("city"), "inbox.problemRaised");
        long id = raise(XIAOYI, problemJson(p, "LAND", root(), "市自然资源局", today().plusDays(10)));

        // the leader and the city's staff are told; 中阳 neither sees nor answers it
        assertThat(unread(user("leader"), "inbox.problemRaised")).isEqualTo(leaderBefore + 1);
        assertThat(unread(user("city"), "inbox.problemRaised")).isEqualTo(cityBefore + 1);
        call(get("/api/v1/tasks/" + id), ZHONGYANG, null).andExpect(status().isNotFound());
        assertThat(body(call(get("/api/v1/problems?size=500"), ZHONGYANG, null)))
                .doesNotContain("问题清单往返项目");

        String task = body(call(get("/api/v1/tasks/" + id), XIAOYI, null).andExpect(status().isOk()));
        assertThat((String) JsonPath.read(task, "$.kind")).isEqualTo("PROBLEM");
        assertThat((String) JsonPath.read(task, "$.category")).isEqualTo("LAND");
        assertThat((String) JsonPath.read(task, "$.assigneeUnit")).isEqualTo("市自然资源局");
        assertThat((String) JsonPath.read(task, "$.code")).startsWith("WT" + today().getYear());
        assertThat(((Number) JsonPath.read(task, "$.projectRegionId")).longValue())
                .isEqualTo(region("141181"));

        // the county that raised it cannot answer it (it went to the city); the city's staff can
        call(post("/api/v1/tasks/" + id + "/responses"), XIAOYI, "{\"text\":\"x\",\"version\":0}")
                .andExpect(status().isForbidden());
        call(post("/api/v1/tasks/" + id + "/responses"), CITY, "{\"text\":\"已纳入全市年度用地计划\",\"version\":0}")
                .andExpect(status().isOk());
        assertThat(unread(user("xiaoyi"), "inbox.problemResponded")).isPositive();
        // not solved yet: sent back with the reason
        call(
                        post("/api/v1/tasks/" + id + "/review"),
                        XIAOYI,
                        "{\"accept\":false,\"text\":\"请明确报批时间\",\"version\":" + version(id) + "}")
                .andExpect(status().isOk());
        // the leader answers for the units under them
        call(
                        post("/api/v1/tasks/" + id + "/responses"),
                        LEADER,
                        "{\"text\":\"11月底前完成组卷报批\",\"version\":" + version(id) + "}")
                .andExpect(status().isOk());
        // the list shows the latest answer beside the problem
        String listed = body(call(get("/api/v1/problems?projectId=" + p), XIAOYI, null));
        assertThat((List<String>) JsonPath.read(listed, "$.rows[*].answer")).containsExactly("11月底前完成组卷报批");
        assertThat((List<String>) JsonPath.read(listed, "$.rows[*].status")).containsExactly("RESPONDED");
        // only the one who raised it closes it; a stale version is a conflict
        call(post("/api/v1/tasks/" + id + "/review"), CITY, "{\"accept\":true,\"version\":" + version(id) + "}")
                .andExpect(status().isForbidden());
        call(post("/api/v1/tasks/" + id + "/review"), XIAOYI, "{\"accept\":true,\"version\":0}")
                .andExpect(status().isConflict());
        call(
                        post("/api/v1/tasks/" + id + "/review"),
                        XIAOYI,
                        "{\"accept\":true,\"text\":\"已解决\",\"version\":" + version(id) + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACCEPTED"));

        String events = body(call(get("/api/v1/tasks/" + id + "/events"), XIAOYI, null));
        assertThat((List<String>) JsonPath.read(events, "$[*].kind"))
                .containsExactly("CREATED", "RESPONDED", "SENT_BACK", "RESPONDED", "ACCEPTED");
        assertThat((List<String>) JsonPath.read(events, "$[*].text")).contains("已纳入全市年度用地计划", "请明确报批时间", "11月底前完成组卷报批");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'PROBLEM_RAISE' and target_id = :id")
                        .param("id", String.valueOf(id))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // the leader sees it among their own
        assertThat(body(call(get("/api/v1/problems?mine=true&size=500"), LEADER, null)))
                .contains("问题清单往返项目");
    }

    @Test
    void everyBadFieldIsNamedAtOnceAndNothingIsWritten() throws Exception {
        long before = jdbc.sql("select count(*) from supervision_task where kind = 'PROBLEM'")
                .query(Long.class)
                .single();
        call(post("/api/v1/problems"), XIAOYI, "{}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.projectId").exists())
                .andExpect(jsonPath("$.errors.category").exists())
                .andExpect(jsonPath("$.errors.title").exists())
                .andExpect(jsonPath("$.errors.description").exists())
                .andExpect(jsonPath("$.errors.regionId").exists())
                .andExpect(jsonPath("$.errors.unit").exists())
                .andExpect(jsonPath("$.errors.leaderUserId").exists())
                .andExpect(jsonPath("$.errors.deadline").exists());

        long p = project(XIAOYI, "141181", "问题清单校验项目");
        // a category as a clerk writes it, sent sideways to another county, a past deadline, a non-leader
        String json = "{\"projectId\":" + p + ",\"category\":\"土地\",\"title\":\"用地\",\"description\":\"用地\","
                + "\"regionId\":" + region("141129") + ",\"unit\":\"市自然资源局\",\"leaderUserId\":" + user("xiaoyi")
                + ",\"deadline\":\"" + today().minusDays(1) + "\"}";
        call(post("/api/v1/problems"), XIAOYI, json)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.category[0]").value("问题类别“土地”不在清单中，请从用地、资金、审批、要素保障、政策、其他中选择。"))
                .andExpect(jsonPath("$.errors.regionId[0]").value("只能提交给项目所在的孝义市或其上级。"))
                .andExpect(jsonPath("$.errors.leaderUserId[0]").value("请从列表中选择责任领导。"))
                .andExpect(jsonPath("$.errors.deadline[0]").value("办理时限不能早于今天。"));

        // another county's project is not found for 中阳 (its pipeline is not shown either)
        call(post("/api/v1/problems"), ZHONGYANG, problemJson(p, "LAND", root(), "市自然资源局", today().plusDays(5)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.projectId[0]").value("关联项目不存在或不在您的管辖范围内。"));
        assertThat(jdbc.sql("select count(*) from supervision_task where kind = 'PROBLEM'")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void remindersReachTheOwnersOfOpenProblemsOnly() throws Exception {
        long p = project(XIAOYI, "141181", "问题清单催办项目");
        long open = raise(XIAOYI, problemJson(p, "FACTORS", root(), "国网吕梁供电公司", today().plusDays(3)));
        long answered = raise(XIAOYI, problemJson(p, "APPROVAL", root(), "市行政审批服务管理局", today().plusDays(3)));
        call(post("/api/v1/tasks/" + answered + "/responses"), CITY, "{\"text\":\"已受理\",\"version\":0}")
                .andExpect(status().isOk());
        long leaderBefore = unread(user("leader"), "inbox.problemReminded");

        call(post("/api/v1/problems/reminders"), CITY, "{\"ids\":[" + open + "," + answered + "]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reminded").value(1));
        assertThat(unread(user("leader"), "inbox.problemReminded")).isEqualTo(leaderBefore + 1);
        String events = body(call(get("/api/v1/tasks/" + open + "/events"), CITY, null));
        assertThat((List<String>) JsonPath.read(events, "$[*].kind")).containsExactly("CREATED", "REMINDED");
        // 中阳 cannot see them, so it reminds nobody
        call(post("/api/v1/problems/reminders"), ZHONGYANG, "{\"ids\":[" + open + "]}")
                .andExpect(jsonPath("$.reminded").value(0));
        call(post("/api/v1/problems/reminders"), CITY, "{\"ids\":[]}").andExpect(status().isBadRequest());
    }

    @Test
    void theMeetingsSheetAndTheCountsAreTheListBehindThem() throws Exception {
        long p = project(XIAOYI, "141181", "问题清单导出项目");
        long a = raise(XIAOYI, problemJson(p, "LAND", root(), "市自然资源局", today().plusDays(8)));
        raise(XIAOYI, problemJson(p, "FUNDING", region("141181"), "孝义市财政局", today().plusDays(8)));
        call(post("/api/v1/tasks/" + a + "/responses"), CITY, "{\"text\":\"已调剂指标\",\"version\":0}")
                .andExpect(status().isOk());

        String list = body(call(get("/api/v1/problems?size=500"), CITY, null));
        String summary = body(call(get("/api/v1/problems/summary"), CITY, null));
        int total = JsonPath.read(list, "$.total");
        List<Integer> perCategory = JsonPath.read(summary, "$.byCategory[*].open");
        List<Integer> responded = JsonPath.read(summary, "$.byCategory[*].responded");
        List<Integer> closed = JsonPath.read(summary, "$.byCategory[*].closed");
        int counted = 0;
        for (int i = 0; i < perCategory.size(); i++) {
            counted += perCategory.get(i) + responded.get(i) + closed.get(i);
        }
        assertThat(counted).isEqualTo(total);
        int land = JsonPath.read(body(call(get("/api/v1/problems?category=LAND&size=1"), CITY, null)), "$.total");
        String landCounts = body(call(get("/api/v1/problems/summary?category=LAND"), CITY, null));
        assertThat((int) JsonPath.read(landCounts, "$.total")).isEqualTo(land);

        // 孝义 sees its own problems, including the one it kept in the county
        String xiaoyi = body(call(get("/api/v1/problems?projectId=" + p), XIAOYI, null));
        assertThat((List<String>) JsonPath.read(xiaoyi, "$.rows[*].unit")).contains("孝义市财政局", "市自然资源局");

        byte[] file = mvc.perform(get("/api/v1/problems/export?projectId=" + p).header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var wb = new ReadableWorkbook(new ByteArrayInputStream(file))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("项目调度会问题清单");
            assertThat(rows.get(1).getCellText(0)).contains("共 2 个问题", "未解决 2 个");
            assertThat(rows.get(2).getCellText(7)).isEqualTo("责任单位");
            List<Row> problems = rows.subList(3, rows.size());
            assertThat(problems).hasSize(2);
            assertThat(problems.stream().map(r -> r.getCellText(4))).containsExactly("用地", "资金");
            assertThat(problems.get(0).getCellText(11)).isEqualTo("已调剂指标");
            assertThat(problems.get(0).getCellText(8)).isEqualTo("分管副市长 刘市长");
        }
    }

    @Test
    void theCountyRaisesAProblemFromThePageAndSeesItOnTheProjectAndTheList() throws Exception {
        long p = project(XIAOYI, "141181", "问题清单页面项目");
        MockHttpSession session =
                (MockHttpSession) mvc.perform(formLogin().user("xiaoyi").password("Yinfeng@2024"))
                        .andReturn()
                        .getRequest()
                        .getSession();
        String form = mvc.perform(
                        get("/supervision/problems/new?projectId=" + p).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(form).contains("问题清单页面项目", "市自然资源局", "分管副市长 刘市长");
        // a blank form keeps what was typed and names each field
        String again = mvc.perform(post("/supervision/problems")
                        .session(session)
                        .with(csrf())
                        .param("projectId", String.valueOf(p))
                        .param("title", "供水管网接入")
                        .param("regionId", String.valueOf(root()))
                        .param("leaderUserId", String.valueOf(user("leader"))))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(again).contains("value=\"供水管网接入\"", "is-invalid");
        mvc.perform(post("/supervision/problems")
                        .session(session)
                        .with(csrf())
                        .param("projectId", String.valueOf(p))
                        .param("category", "FACTORS")
                        .param("title", "供水管网接入")
                        .param("description", "园区供水管网未延伸至项目地块")
                        .param("regionId", String.valueOf(root()))
                        .param("unit", "市水利局")
                        .param("leaderUserId", String.valueOf(user("leader")))
                        .param("deadline", today().plusDays(20).toString()))
                .andExpect(status().is3xxRedirection());
        String card = mvc.perform(get("/supervision/problems/project/" + p).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(card).contains("供水管网接入", "市水利局", "项目问题（1）");
        String page = mvc.perform(get("/supervision/problems?q=问题清单页面项目").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("供水管网接入", "要素保障", "data-testid=\"problem-total\">1<");
    }
}
