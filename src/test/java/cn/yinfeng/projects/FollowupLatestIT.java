package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The workbench lists the next step of each project's latest follow-up only: the latest is marked, exactly one per
 * project, and it moves with every new follow-up (a later one without a step clears the step that was due).
 */
class FollowupLatestIT extends IntegrationTest {

    private static final String XIAOYI = "Bearer demo-token-xiaoyi";

    private long followup(long project, LocalDate on, String step, LocalDate due) throws Exception {
        String body = "{\"date\":\"" + on + "\",\"content\":\"跟进标记测试：电话沟通\""
                + (step == null ? "" : ",\"nextStep\":\"" + step + "\",\"due\":\"" + due + "\"") + "}";
        String created = mvc.perform(post("/api/v1/projects/" + project + "/followups")
                        .header("Authorization", XIAOYI)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return ((Number) JsonPath.read(created, "$.id")).longValue();
    }

    private String latest(long project) {
        return jdbc.sql("select string_agg(id::text, ',') from project_followup where project_id = :p and latest")
                .param("p", project)
                .query(String.class)
                .single();
    }

    @Test
    void exactlyTheNewestFollowUpOfAProjectIsItsLatest() throws Exception {
        String created = mvc.perform(post("/api/v1/projects")
                        .header("Authorization", XIAOYI)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"跟进标记测试项目\",\"regionId\":" + regionByCode("141181")
                                + ",\"totalInvestment\":1200}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long project = ((Number) JsonPath.read(created, "$.id")).longValue();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));

        long first = followup(project, today.minusDays(10), "报送用地材料", today.minusDays(2));
        assertThat(latest(project)).isEqualTo(String.valueOf(first));
        long second = followup(project, today.minusDays(5), null, null);
        assertThat(latest(project)).isEqualTo(String.valueOf(second));
        long third = followup(project, today.minusDays(1), "组织专题会议", today.plusDays(3));
        assertThat(latest(project)).isEqualTo(String.valueOf(third));

        // across the whole ledger (the demo's follow-ups were marked by the migration): one latest per project,
        // and it is the newest
        assertThat(jdbc.sql("""
                        select count(*) from (
                          select project_id from project_followup group by project_id
                          having count(*) filter (where latest) <> 1
                              or max(id) <> max(id) filter (where latest)) bad
                        """).query(Long.class).single()).isZero();
    }
}
