package cn.yinfeng.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;

/**
 * The warning rules are edited by the city through the API and the page: a stale version is a 409, every invalid
 * number is named at once, each change is audited, a county user cannot change them; and the stage deadline a
 * project's page shows follows the rule.
 */
class WarningRulesIT extends IntegrationTest {

    static final String CITY = "Bearer demo-token-city";
    static final String XIAOYI = "Bearer demo-token-xiaoyi";

    @Autowired
    Warnings warnings;

    private String before;

    @BeforeEach
    void remember() {
        before = params();
    }

    /** The suite shares one database: the rule goes back to what it was. */
    @AfterEach
    void restore() {
        jdbc.sql("update warning_rule set params = cast(:p as jsonb) where code = 'STAGE_STALLED'")
                .param("p", before)
                .update();
        clock.reset();
        warnings.evaluate();
    }

    private String params() {
        return jdbc.sql("select params::text from warning_rule where code = 'STAGE_STALLED'")
                .query(String.class)
                .single();
    }

    private long version() {
        return jdbc.sql("select version from warning_rule where code = 'STAGE_STALLED'")
                .query(Long.class)
                .single();
    }

    private int negotiating() {
        return jdbc.sql("select (params ->> 'NEGOTIATING')::int from warning_rule where code = 'STAGE_STALLED'")
                .query(Integer.class)
                .single();
    }

    private String body(long version, int negotiating) {
        return "{\"level\":\"YELLOW\",\"enabled\":true,\"version\":" + version + ",\"params\":{\"RESERVE\":180,"
                + "\"NEGOTIATING\":" + negotiating
                + ",\"SIGNED\":90,\"REGISTERED\":90,\"STARTED\":365,\"redFactor\":2}}";
    }

    private int putRule(String token, String json) throws Exception {
        return mvc.perform(put("/api/v1/warning-rules/STAGE_STALLED")
                        .header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .andReturn()
                .getResponse()
                .getStatus();
    }

    private MockHttpSession session(String user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin().user(user).password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
    }

    @Test
    void theCityChangesARuleAndAStaleVersionIsRefused() throws Exception {
        long v = version();
        long audits = auditRows("WARNING_RULE_UPDATE", "city", "SUCCESS");
        String json = mvc.perform(get("/api/v1/warning-rules/STAGE_STALLED").header("Authorization", CITY))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(((Number) JsonPath.read(json, "$.version")).longValue()).isEqualTo(v);

        assertThat(putRule(CITY, body(v, 44))).isEqualTo(200);
        assertThat(negotiating()).isEqualTo(44);
        assertThat(version()).isEqualTo(v + 1);
        assertThat(auditRows("WARNING_RULE_UPDATE", "city", "SUCCESS")).isEqualTo(audits + 1);
        String detail = jdbc.sql("select detail from audit_log where action = 'WARNING_RULE_UPDATE' order by id desc"
                        + " limit 1")
                .query(String.class)
                .single();
        assertThat(detail).contains("阶段长期未推进").contains("洽谈=44").contains("→");

        // the same old version again: someone changed it meanwhile
        assertThat(putRule(CITY, body(v, 30))).isEqualTo(409);
        assertThat(negotiating()).isEqualTo(44);

        // a county user cannot change the rules
        assertThat(putRule(XIAOYI, body(v + 1, 30))).isEqualTo(403);
        assertThat(negotiating()).isEqualTo(44);
    }

    @Test
    void everyInvalidNumberIsNamedAtOnceAndNothingIsSaved() throws Exception {
        String before = params();
        String answer = mvc.perform(put("/api/v1/warning-rules/STAGE_STALLED")
                        .header("Authorization", CITY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"level\":\"YELLOW\",\"enabled\":true,\"version\":" + version()
                                + ",\"params\":{\"RESERVE\":-1,\"NEGOTIATING\":\"\",\"SIGNED\":90,\"REGISTERED\":90,"
                                + "\"STARTED\":365,\"redFactor\":2}}"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(answer).contains("param_RESERVE").contains("param_NEGOTIATING");
        assertThat(params()).isEqualTo(before);

        // the page: both messages at their fields, what was typed kept
        MockHttpSession city = session("city");
        String page = mvc.perform(post("/supervision/rules/STAGE_STALLED")
                        .session(city)
                        .with(csrf())
                        .param("version", String.valueOf(version()))
                        .param("level", "YELLOW")
                        .param("enabled", "true")
                        .param("param_RESERVE", "-7")
                        .param("param_NEGOTIATING", "")
                        .param("param_SIGNED", "90")
                        .param("param_REGISTERED", "90")
                        .param("param_STARTED", "365")
                        .param("param_redFactor", "2"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("有 2 处需要修改")
                .contains("“储备阶段最长天数”须在 1 到 3650 之间")
                .contains("“洽谈阶段最长天数”不能为空")
                .contains("value=\"-7\"");
        assertThat(params()).isEqualTo(before);

        // a stale version through the page is the 409 page
        assertThat(mvc.perform(post("/supervision/rules/STAGE_STALLED")
                                .session(city)
                                .with(csrf())
                                .param("version", String.valueOf(version() - 1))
                                .param("level", "YELLOW")
                                .param("enabled", "true")
                                .param("param_RESERVE", "180")
                                .param("param_NEGOTIATING", "45")
                                .param("param_SIGNED", "90")
                                .param("param_REGISTERED", "90")
                                .param("param_STARTED", "365")
                                .param("param_redFactor", "2"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(409);
    }

    @Test
    void aCountyUserReadsTheRulesButCannotSaveThem() throws Exception {
        MockHttpSession xiaoyi = session("xiaoyi");
        String page = mvc.perform(get("/supervision/rules").session(xiaoyi))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("data-testid=\"rules-readonly\"")
                .doesNotContain("data-testid=\"save-STAGE_STALLED\"");
        assertThat(mvc.perform(post("/supervision/rules/STAGE_STALLED")
                                .session(xiaoyi)
                                .with(csrf())
                                .param("version", String.valueOf(version()))
                                .param("level", "YELLOW")
                                .param("param_NEGOTIATING", "10"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void theStageDeadlineOfAProjectFollowsTheRule() throws Exception {
        String created = mvc.perform(post("/api/v1/projects")
                        .header("Authorization", XIAOYI)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"期限测试洽谈项目2030\",\"regionId\":" + regionByCode("141181")
                                + ",\"totalInvestment\":12000,\"stage\":\"NEGOTIATING\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        clock.advance(Duration.ofDays(10));
        int days = negotiating();
        MockHttpSession xiaoyi = session("xiaoyi");
        assertThat(box(xiaoyi, id)).contains("本阶段期限：还剩 " + (days - 10) + " 天（洽谈 " + days + " 天）");

        assertThat(putRule(CITY, body(version(), 8))).isEqualTo(200);
        assertThat(box(xiaoyi, id)).contains("本阶段期限：已超期 2 天（洽谈 8 天）");

        // another county sees no deadline of this project
        assertThat(box(session("zhongyang"), id)).doesNotContain("本阶段期限");

        // once submitted, the review deadline is shown too
        mvc.perform(post("/api/v1/projects/" + id + "/reviews")
                        .header("Authorization", XIAOYI)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"SUBMIT\",\"version\":" + projectVersion(id) + "}"))
                .andExpect(status().isOk());
        int review = jdbc.sql("select (params ->> 'days')::int from warning_rule where code = 'REVIEW_WAITING'")
                .query(Integer.class)
                .single();
        // the review's time is the one the review recorded (not this test's moved clock): due that day plus the days
        java.time.LocalDate submitted = jdbc.sql("select cast(max(at) at time zone 'Asia/Shanghai' as date) from "
                        + "project_review where project_id = :p and action = 'SUBMIT'")
                .param("p", id)
                .query(java.time.LocalDate.class)
                .single();
        assertThat(box(xiaoyi, id))
                .contains("审核期限：")
                .contains("（提交后 " + review + " 天内审核）")
                .contains("截止 " + submitted.plusDays(review));
    }

    private String box(MockHttpSession session, long id) throws Exception {
        return mvc.perform(get("/supervision/deadlines/project/" + id).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
