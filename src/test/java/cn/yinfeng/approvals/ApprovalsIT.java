package cn.yinfeng.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.approvals.MilestoneClock.Status;
import cn.yinfeng.projects.Projects;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Approval milestones end to end: a step over its limit warns the project's 包联 leader and its county (and not the
 * other county), clears once done; every bad field at once; a stale edit is a 409; the city's steps and limits; the
 * counts per step equal the list behind them and the SQL status filters agree with {@link MilestoneClock}.
 */
class ApprovalsIT extends IntegrationTest {

    private static final String XIAOYI = "Bearer demo-token-xiaoyi";
    private static final String ZHONGYANG = "Bearer demo-token-zhongyang";
    private static final String CITY = "Bearer demo-token-city";
    private static final String LEADER = "Bearer demo-token-leader";

    @Autowired
    MilestoneList list;

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

    private long id(String sql, String param) {
        return jdbc.sql(sql).param("x", param).query(Long.class).single();
    }

    private long user(String username) {
        return id("select id from app_user where username = :x", username);
    }

    private long project(String token, String regionCode, String name) throws Exception {
        String json = "{\"name\":\"" + name + "\",\"regionId\":"
                + id("select id from region where code = :x", regionCode) + ",\"totalInvestment\":52000"
                + ",\"leaderUserId\":" + user("leader") + "}";
        return ((Number) JsonPath.read(
                        body(call(post("/api/v1/projects"), token, json).andExpect(status().isCreated())), "$.id"))
                .longValue();
    }

    private List<Map<String, Object>> activeWarnings(long projectId) {
        return jdbc.sql("select subject_key, region_id, owner_user_id, level, detail::text as detail from warning "
                        + "where rule_code = 'MILESTONE_OVERDUE' and subject_id = :p and cleared_at is null")
                .param("p", projectId)
                .query()
                .listOfRows();
    }

    @Test
    void aStepOverItsLimitWarnsTheLeaderAndTheCountyAndClearsWhenDone() throws Exception {
        long p = project(XIAOYI, "141181", "环评超时预警项目");
        long leader = user("leader");
        // accepted 31 days ago, a 30-day limit: overdue by one day
        String started = today().minusDays(31).toString();
        String created = body(call(
                        post("/api/v1/projects/" + p + "/milestones"),
                        XIAOYI,
                        "{\"step\":\"EIA\",\"unit\":\"吕梁市生态环境局\",\"startedOn\":\"" + started + "\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.limitDays").value(30))
                .andExpect(jsonPath("$.reading.status").value("OVERDUE"))
                .andExpect(jsonPath("$.reading.daysOver").value(1))
                .andExpect(jsonPath("$.reading.deadline")
                        .value(today().minusDays(1).toString())));
        long mid = ((Number) JsonPath.read(created, "$.id")).longValue();

        var warnings = activeWarnings(p);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).get("subject_key")).isEqualTo(p + ":EIA");
        assertThat(((Number) warnings.get(0).get("owner_user_id")).longValue()).isEqualTo(leader);
        assertThat(((Number) warnings.get(0).get("region_id")).longValue())
                .isEqualTo(id("select id from region where code = :x", "141181"));
        assertThat(warnings.get(0).get("level")).isEqualTo("YELLOW");
        assertThat((String) warnings.get(0).get("detail")).contains("吕梁市生态环境局").contains("环评");
        // the leader is told once, linked to the project
        long told = jdbc.sql("select count(*) from notification where user_id = :u and link = :l and kind = 'WARNING'")
                .param("u", leader)
                .param("l", "/projects/" + p)
                .query(Long.class)
                .single();
        assertThat(told).isEqualTo(1);

        // the county and the leader see it in their warnings; 中阳 does not
        assertThat(body(call(get("/api/v1/warnings?size=500"), XIAOYI, null))).contains("环评超时预警项目");
        assertThat(body(call(get("/api/v1/warnings?size=500"), ZHONGYANG, null)))
                .doesNotContain("环评超时预警项目");
        // the leader's workbench and the county's list show it overdue
        assertThat(body(call(get("/api/v1/milestones?status=OVERDUE&size=500"), XIAOYI, null)))
                .contains("环评超时预警项目");

        // 31 more days: red (beyond redDays 30)
        clock.advance(Duration.ofDays(31));
        call(
                        put("/api/v1/milestones/" + mid),
                        XIAOYI,
                        "{\"unit\":\"吕梁市生态环境局\",\"startedOn\":\"" + started + "\",\"note\":\"专家评审已安排\",\"version\":0}")
                .andExpect(status().isOk());
        assertThat(activeWarnings(p))
                .singleElement()
                .satisfies(w -> assertThat(w.get("level")).isEqualTo("RED"));

        // done: the warning clears and the step reads done late by the days past its deadline
        String done = today().minusDays(2).toString();
        call(
                        put("/api/v1/milestones/" + mid),
                        XIAOYI,
                        "{\"unit\":\"吕梁市生态环境局\",\"startedOn\":\"" + started + "\",\"doneOn\":\"" + done
                                + "\",\"version\":1}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reading.status").value("DONE_LATE"))
                .andExpect(jsonPath("$.reading.daysOver").value(30));
        assertThat(activeWarnings(p)).isEmpty();
    }

    @Test
    void everyBadFieldIsReportedAtOnceAndNothingIsWritten() throws Exception {
        long p = project(XIAOYI, "141181", "审批节点校验项目");
        String future = today().plusDays(3).toString();
        call(
                        post("/api/v1/projects/" + p + "/milestones"),
                        XIAOYI,
                        "{\"step\":\"NO_SUCH\",\"unit\":\" \",\"startedOn\":\"" + future + "\",\"doneOn\":\""
                                + today().minusDays(40) + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.step[0]").value("审批环节“NO_SUCH”不在市级清单中或已停用，请从列表中选择。"))
                .andExpect(jsonPath("$.errors.unit").exists())
                .andExpect(jsonPath("$.errors.startedOn[0]").value(org.hamcrest.Matchers.containsString("晚于今天")))
                .andExpect(jsonPath("$.errors.doneOn[0]").value(org.hamcrest.Matchers.containsString("早于受理日期")));
        // neither date: no deadline to count
        call(post("/api/v1/projects/" + p + "/milestones"), XIAOYI, "{\"step\":\"EIA\",\"unit\":\"市生态环境局\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.plannedOn[0]").value(org.hamcrest.Matchers.containsString("至少填一项")));
        assertThat(jdbc.sql("select count(*) from project_milestone where project_id = :p")
                        .param("p", p)
                        .query(Long.class)
                        .single())
                .isZero();

        // a second EIA on the same project is refused, naming the step
        String ok = "{\"step\":\"EIA\",\"unit\":\"市生态环境局\",\"plannedOn\":\"" + today().plusDays(30) + "\"}";
        call(post("/api/v1/projects/" + p + "/milestones"), XIAOYI, ok).andExpect(status().isCreated());
        call(post("/api/v1/projects/" + p + "/milestones"), XIAOYI, ok)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.step[0]").value("本项目已登记“环评”环节，请在原记录上修改。"));
    }

    @Test
    void aStaleEditIsAConflictAndOtherCountiesCanNeitherReadNorWrite() throws Exception {
        long p = project(XIAOYI, "141181", "审批节点并发项目");
        String created = body(call(
                        post("/api/v1/projects/" + p + "/milestones"),
                        XIAOYI,
                        "{\"step\":\"PLANNING\",\"unit\":\"孝义市自然资源局\",\"plannedOn\":\"" + today().plusDays(20) + "\"}")
                .andExpect(status().isCreated()));
        long mid = ((Number) JsonPath.read(created, "$.id")).longValue();
        String edit = "{\"unit\":\"孝义市自然资源局\",\"plannedOn\":\"" + today().plusDays(25) + "\",\"version\":0}";
        call(put("/api/v1/milestones/" + mid), XIAOYI, edit).andExpect(status().isOk());
        call(put("/api/v1/milestones/" + mid), XIAOYI, edit).andExpect(status().isConflict());
        call(delete("/api/v1/milestones/" + mid + "?version=0"), XIAOYI, null).andExpect(status().isConflict());

        call(get("/api/v1/milestones/" + mid), ZHONGYANG, null).andExpect(status().isNotFound());
        call(get("/api/v1/projects/" + p + "/milestones"), ZHONGYANG, null).andExpect(status().isNotFound());
        call(put("/api/v1/milestones/" + mid), ZHONGYANG, edit.replace("0}", "1}"))
                .andExpect(status().isNotFound());
        // the city reads it; the leader (not a writer) cannot change it
        call(get("/api/v1/milestones/" + mid), CITY, null).andExpect(status().isOk());
        call(put("/api/v1/milestones/" + mid), LEADER, edit.replace("0}", "1}")).andExpect(status().isForbidden());

        call(delete("/api/v1/milestones/" + mid + "?version=1"), XIAOYI, null).andExpect(status().isNoContent());
        assertThat(auditRows("MILESTONE_DELETE", "xiaoyi", "SUCCESS")).isPositive();
    }

    @Test
    void theCityEditsStepsAndANewLimitAppliesToStepsRecordedFromThen() throws Exception {
        String code = "WATER" + (System.nanoTime() % 100000);
        call(
                        post("/api/v1/approval-steps"),
                        XIAOYI,
                        "{\"code\":\"" + code + "\",\"name\":\"取水许可x\",\"nameEn\":\"W\"," + "\"limitDays\":20}")
                .andExpect(status().isForbidden());
        call(
                        post("/api/v1/approval-steps"),
                        CITY,
                        "{\"code\":\"" + code + "\",\"name\":\"取水许可" + code
                                + "\",\"nameEn\":\"Water permit\",\"limitDays\":0}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.limitDays[0]").value("办理时限须在 1 到 3650 天之间，填写的是 0。"));
        call(
                        post("/api/v1/approval-steps"),
                        CITY,
                        "{\"code\":\"" + code + "\",\"name\":\"取水许可" + code
                                + "\",\"nameEn\":\"Water permit\",\"limitDays\":20}")
                .andExpect(status().isCreated());

        long p = project(XIAOYI, "141181", "审批时限变更项目");
        String started = today().minusDays(5).toString();
        call(
                        post("/api/v1/projects/" + p + "/milestones"),
                        XIAOYI,
                        "{\"step\":\"" + code + "\",\"unit\":\"市水务局\",\"startedOn\":\"" + started + "\"}")
                .andExpect(jsonPath("$.reading.deadline")
                        .value(today().plusDays(15).toString()));

        call(
                        put("/api/v1/approval-steps/" + code),
                        CITY,
                        "{\"name\":\"取水许可" + code + "\",\"nameEn\":\"Water permit\",\"limitDays\":3,\"version\":0}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.limitDays").value(3));
        call(
                        put("/api/v1/approval-steps/" + code),
                        CITY,
                        "{\"name\":\"取水许可" + code + "\",\"nameEn\":\"Water permit\",\"limitDays\":4,\"version\":0}")
                .andExpect(status().isConflict());
        // the recorded step keeps its 20 days: not overdue, no warning
        call(get("/api/v1/projects/" + p + "/milestones"), XIAOYI, null)
                .andExpect(jsonPath("$[0].limitDays").value(20))
                .andExpect(jsonPath("$[0].reading.status").value("IN_PROGRESS"));
        assertThat(activeWarnings(p)).isEmpty();
    }

    @Test
    void theCountsPerStepEqualTheListAndTheSqlStatusesAgreeWithTheClock() throws Exception {
        // the demo's milestones plus those of the other tests: whatever is there, the figures must add up
        var summary = body(call(get("/api/v1/milestones/summary"), CITY, null).andExpect(status().isOk()));
        long total = ((Number) JsonPath.read(summary, "$.total")).longValue();
        long overdue = ((Number) JsonPath.read(summary, "$.overdue")).longValue();
        assertThat(total).isPositive();
        String all = body(call(get("/api/v1/milestones?size=500"), CITY, null));
        assertThat(((Number) JsonPath.read(all, "$.total")).longValue()).isEqualTo(total);
        String late = body(call(get("/api/v1/milestones?status=OVERDUE&size=500"), CITY, null));
        assertThat(((Number) JsonPath.read(late, "$.total")).longValue()).isEqualTo(overdue);
        assertThat(overdue).isPositive();

        // each status filter returns exactly the rows whose reading in Java has that status
        List<String> statuses = JsonPath.read(all, "$.rows[*].reading.status");
        for (Status s : Status.values()) {
            String filtered = body(call(get("/api/v1/milestones?size=500&status=" + s), CITY, null));
            List<String> got = JsonPath.read(filtered, "$.rows[*].reading.status");
            assertThat(got).as(s.name()).allMatch(s.name()::equals);
            assertThat(got.size())
                    .as(s.name())
                    .isEqualTo(statuses.stream().filter(s.name()::equals).count());
        }

        // 中阳 sees only its own counties' steps
        String zhongyang = body(call(get("/api/v1/milestones?size=500"), ZHONGYANG, null));
        List<String> counties = JsonPath.read(zhongyang, "$.rows[*].regionName");
        assertThat(counties).isNotEmpty().allMatch(c -> c.contains("中阳"));
    }

    @Test
    void theExportListsEveryStepOfTheFilterWithItsTotalRow() throws Exception {
        byte[] xlsx = mvc.perform(get("/api/v1/milestones/export?regionId="
                                + id("select id from region where code = :x", "141181"))
                        .header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        String listed = body(call(
                get("/api/v1/milestones/summary?regionId=" + id("select id from region where code = :x", "141181")),
                XIAOYI,
                null));
        long total = ((Number) JsonPath.read(listed, "$.total")).longValue();
        try (var wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheets = wb.getSheets().toList();
            List<Row> rows = sheets.get(0).read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("审批节点办理情况");
            assertThat(rows.get(2).getCellText(3)).isEqualTo("审批环节");
            assertThat(rows.size() - 3).isEqualTo(total);
            List<Row> bySteps = sheets.get(1).read();
            Row totalRow = bySteps.get(bySteps.size() - 1);
            assertThat(totalRow.getCellText(0)).isEqualTo("合计");
            assertThat(Long.parseLong(totalRow.getCellText(2))).isEqualTo(total);
        }

        // the rows ticked on the page: exactly those two
        List<Number> ids = JsonPath.read(body(call(get("/api/v1/milestones?size=2"), XIAOYI, null)), "$.rows[*].id");
        byte[] picked = mvc.perform(get("/api/v1/milestones/export?ids=" + ids.get(0) + "&ids=" + ids.get(1))
                        .header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var wb = new ReadableWorkbook(new ByteArrayInputStream(picked))) {
            assertThat(wb.getFirstSheet().read()).hasSize(3 + 2);
        }
    }
}
