package cn.yinfeng.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Review hand-offs reach the inbox: submit tells the city, return tells the submitter with the opinion, approve too. */
class ReviewNoticesIT extends IntegrationTest {

    private static final String ZHONGYANG = "Bearer demo-token-zhongyang";
    private static final String CITY = "Bearer demo-token-city";

    @Autowired
    Inbox inbox;

    @Autowired
    TaskEscalation tasks;

    private ResultActions call(MockHttpServletRequestBuilder r, String token, String json) throws Exception {
        return mvc.perform(r.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    private long user(String name) {
        return jdbc.sql("select id from app_user where username = :u")
                .param("u", name)
                .query(Long.class)
                .single();
    }

    private int version(long id) {
        return jdbc.sql("select version from project where id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    /** The zh texts of the REVIEW notes a user has that link to a project. */
    private List<String> notes(long user, long project) {
        return inbox.list(user, false, 0, 200, Locale.SIMPLIFIED_CHINESE).rows().stream()
                .filter(n -> n.kind().equals("REVIEW") && n.link().equals("/projects/" + project))
                .map(Inbox.Note::text)
                .toList();
    }

    private void review(long id, String token, String action, String opinion) throws Exception {
        call(
                        post("/api/v1/projects/" + id + "/reviews"),
                        token,
                        "{\"action\":\"" + action + "\"" + (opinion == null ? "" : ",\"opinion\":\"" + opinion + "\"")
                                + ",\"version\":" + version(id) + "}")
                .andExpect(status().isOk());
    }

    @Test
    void submitReturnAndApproveEachTellThePeopleWaiting() throws Exception {
        long region = jdbc.sql("select id from region where code = '141129'")
                .query(Long.class)
                .single();
        String created = call(
                        post("/api/v1/projects"),
                        ZHONGYANG,
                        "{\"name\":\"审核通知测试项目2037\",\"regionId\":" + region + ",\"totalInvestment\":3000}")
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        String code = JsonPath.read(created, "$.code");
        long city = user("city");
        long county = user("zhongyang");

        review(id, ZHONGYANG, "SUBMIT", null);
        assertThat(notes(city, id)).containsExactly("中阳县 提交了项目「审核通知测试项目2037」(" + code + ")，待审核");
        assertThat(notes(county, id)).isEmpty(); // the submitter is not told of their own step

        review(id, CITY, "RETURN", "投资额需附合同");
        assertThat(notes(county, id)).containsExactly("项目「审核通知测试项目2037」(" + code + ") 被退回：投资额需附合同");

        review(id, ZHONGYANG, "SUBMIT", null);
        review(id, CITY, "APPROVE", null);
        assertThat(notes(county, id)).contains("项目「审核通知测试项目2037」(" + code + ") 已审核通过");
        assertThat(notes(city, id)).hasSize(2);
    }

    @Test
    void aTaskDueWithinTwoDaysRemindsItsAssigneeOnce() {
        long talent = user("talent");
        long task = jdbc.sql("""
                insert into supervision_task (code, title, requirement, issuer_id, assignee_region_id,
                                              assignee_user_id, deadline, created_at)
                values ('DUE2037-1', '到期提醒测试', '请办理', :issuer, (select id from region where code = '141129'),
                        :u, current_date + 1, now())
                returning id
                """)
                .param("issuer", user("city"))
                .param("u", talent)
                .query(Long.class)
                .single();
        jdbc.sql("update supervision_task set deadline = :d where id = :id")
                .param(
                        "d",
                        java.time.LocalDate.now(clock.withZone(cn.yinfeng.projects.Projects.ZONE))
                                .plusDays(1))
                .param("id", task)
                .update();
        tasks.remindDueSoon(2);
        tasks.remindDueSoon(2);
        assertThat(inbox.list(talent, false, 0, 200, Locale.SIMPLIFIED_CHINESE).rows().stream()
                        .filter(n -> n.link().equals("/supervision/tasks/" + task))
                        .map(Inbox.Note::text))
                .singleElement()
                .asString()
                .startsWith("督办单 DUE2037-1 将于")
                .endsWith("请及时办理：到期提醒测试");
    }
}
