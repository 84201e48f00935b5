package cn.yinfeng.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.projects.Projects;
import com.jayway.jsonpath.JsonPath;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A change that raises a warning shows it on the very next read, without the scheduled evaluation: the projects
 * module publishes the change, supervision evaluates the project once the request's work is done.
 */
class WarningsOnChangeIT extends IntegrationTest {

    private static final String XIAOYI = "Bearer demo-token-xiaoyi";

    private ResultActions call(MockHttpServletRequestBuilder r, String json) throws Exception {
        return mvc.perform(r.header("Authorization", XIAOYI)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    /** The levels of the active warnings of a rule for a project, as the warnings API answers them now. */
    private List<Object> levels(String rule, long project) throws Exception {
        String body = call(get("/api/v1/warnings?rule=" + rule + "&size=500"), null)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonPath.read(body, "$.rows[?(@.subjectId == " + project + ")].level");
    }

    @Test
    void aCreateAndAnUpdateThatRaiseWarningsShowThemOnTheNextRead() throws Exception {
        long region = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        LocalDate signed = LocalDate.now(clock.withZone(Projects.ZONE)).minusMonths(12);
        String base = "\"name\":\"变更即评预警项目\",\"regionId\":" + region + ",\"totalInvestment\":12000";
        String created = call(
                        post("/api/v1/projects"), "{" + base + ",\"stage\":\"SIGNED\",\"signedOn\":\"" + signed + "\"}")
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        int version = JsonPath.read(created, "$.version");

        // signed a year ago and not started: red as soon as it is created; no contract amount, so no funds rule
        assertThat(levels("NOT_STARTED", id)).containsExactly("RED");
        assertThat(levels("FUNDS_BEHIND", id)).isEmpty();

        // the contract amount entered: a year of a 24-month schedule with nothing arrived is red at once
        call(put("/api/v1/projects/" + id), "{" + base + ",\"contractAmount\":12000,\"version\":" + version + "}")
                .andExpect(status().isOk());
        assertThat(levels("FUNDS_BEHIND", id)).containsExactly("RED");
    }
}
