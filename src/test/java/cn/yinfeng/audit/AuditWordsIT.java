package cn.yinfeng.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/**
 * The audit page and API in words: an action's name (the code beside it), the user's display name with the stored
 * user name, the server's own address as 本机 and a mapped IPv6 address as IPv4, a project target as a link, and
 * the changed fields as "字段: 旧 → 新" lines. Screenshots of the page at 1440 and 390 px come from AuditPageBrowserIT.
 */
class AuditWordsIT extends IntegrationTest {

    @Autowired
    AuditLog audit;

    @Test
    void thePageAndTheApiNameTheActionTheUserAndTheAddress() throws Exception {
        long adminId = jdbc.sql("select id from app_user where username = 'admin'")
                .query(Long.class)
                .single();
        String displayName = jdbc.sql("select display_name from app_user where id = :id")
                .param("id", adminId)
                .query(String.class)
                .single();
        String name = "charts-words-" + System.nanoTime();
        AuditActor actor = new AuditActor() {
            public Long userId() {
                return adminId;
            }

            public String username() {
                return name;
            }

            public Long regionId() {
                return null;
            }
        };
        audit.record(
                actor,
                name,
                "PROJECT_APPROVE",
                "project",
                7L,
                Outcome.SUCCESS,
                "name: 旧名 -> 新名; totalInvestment: 100 -> 120",
                "::1");
        audit.record(actor, name, "SOME_FUTURE_CODE", "widget", 3L, Outcome.SUCCESS, null, "::ffff:10.20.30.40");
        audit.record(actor, name, "USER_UPDATE", "user", adminId, Outcome.SUCCESS, null, "10.9.8.7");

        MockHttpSession admin =
                (MockHttpSession) mvc.perform(formLogin().user("admin").password("Yinfeng@2024"))
                        .andReturn()
                        .getRequest()
                        .getSession();
        String page = mvc.perform(get("/admin/audit")
                        .param("username", name)
                        .session(admin)
                        .header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page)
                .contains("审核通过项目", "PROJECT_APPROVE", "SOME_FUTURE_CODE")
                .contains(displayName, name)
                .contains("本机", "10.20.30.40")
                .contains("href=\"/projects/7\"", "项目")
                .doesNotContain(">::1<")
                .contains("名称</span>: <span>旧名</span> → <span>新名</span>")
                .contains("总投资（万元）</span>: <span>100</span> → <span>120</span>")
                .contains("data-testid=\"audit-page-number\"")
                .contains(displayName + " (" + adminId + ")");

        String csv = mvc.perform(
                        get("/admin/audit/export.csv").param("username", name).session(admin))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains("操作名称", "审核通过项目", "本机", "10.20.30.40");

        mvc.perform(get("/api/v1/audit")
                        .param("username", name)
                        .header("Authorization", "Bearer demo-token-admin")
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows.length()").value(3))
                .andExpect(jsonPath("$.rows[2].action").value("PROJECT_APPROVE"))
                .andExpect(jsonPath("$.rows[2].actionName").value("Project approved"))
                .andExpect(jsonPath("$.rows[2].address").value("This machine"))
                .andExpect(jsonPath("$.rows[2].userDisplayName").value(displayName))
                .andExpect(jsonPath("$.rows[2].targetLink").value("/projects/7"))
                .andExpect(jsonPath("$.rows[1].actionName").value("SOME_FUTURE_CODE"))
                .andExpect(jsonPath("$.rows[1].address").value("10.20.30.40"));
    }
}
