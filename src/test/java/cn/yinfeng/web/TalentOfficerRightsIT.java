package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.TestAccounts;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The talent office's rights (checklist #8, least privilege): the role × endpoint matrix extended to every
 * investment page, API and export — all 403 for the talent-only user {@code talent} (中阳县人才办) while the same
 * requests still answer county staff of the same region and city staff — and the talent module and the shared
 * pages answering 200. A user holding TALENT_OFFICER together with COUNTY_STAFF keeps the county rights.
 */
class TalentOfficerRightsIT extends IntegrationTest {

    private final Map<String, MockHttpSession> sessions = new HashMap<>();

    private long zhongyangProject() {
        return jdbc.sql("select p.id from project p join region r on r.id = p.region_id where r.code = '141129' "
                        + "order by p.id limit 1")
                .query(Long.class)
                .single();
    }

    /** Every investment page and page export, by GET. */
    private List<String> investmentPages() {
        long p = zhongyangProject();
        return List.of(
                "/projects",
                "/projects/totals",
                "/projects/kanban",
                "/projects/mine",
                "/projects/duplicates",
                "/projects/new",
                "/projects/" + p,
                "/projects/" + p + "/edit",
                "/projects/export",
                "/projects/export?format=csv",
                "/projects/funds/export",
                "/enterprises",
                "/enterprises/new",
                "/enterprises/export",
                "/chains",
                "/activities",
                "/activities/leaders",
                "/activities/trips/new",
                "/activities/delegations/new",
                "/activities/export",
                "/stats",
                "/stats/data",
                "/stats/report",
                "/stats/report.xlsx",
                "/targets",
                "/ledger",
                "/ledger/template.xlsx",
                "/supervision",
                "/supervision/mine",
                "/supervision/tasks",
                "/supervision/tasks/new",
                "/reconcile");
    }

    /** Every investment API and API export, by GET. */
    private List<String> investmentApi() {
        long p = zhongyangProject();
        return List.of(
                "/api/v1/projects",
                "/api/v1/projects/totals",
                "/api/v1/projects/kanban",
                "/api/v1/projects/duplicates",
                "/api/v1/projects/" + p,
                "/api/v1/projects/" + p + "/funds",
                "/api/v1/projects/" + p + "/transitions",
                "/api/v1/projects/" + p + "/followups",
                "/api/v1/projects/" + p + "/timeline",
                "/api/v1/projects/" + p + "/files",
                "/api/v1/projects/export",
                "/api/v1/funds/export",
                "/api/v1/enterprises",
                "/api/v1/enterprises/export",
                "/api/v1/activities",
                "/api/v1/activities/figures",
                "/api/v1/activities/export",
                "/api/v1/chains",
                "/api/v1/stats/summary",
                "/api/v1/stats/dashboard",
                "/api/v1/stats/ranking",
                "/api/v1/stats/report",
                "/api/v1/targets",
                "/api/v1/indicators",
                "/api/v1/ledger/projects/template",
                "/api/v1/ledger/funds/template",
                "/api/v1/ledger/enterprises/template",
                "/api/v1/ledger/trips/template",
                "/api/v1/ledger/delegations/template",
                "/api/v1/warnings",
                "/api/v1/warning-rules",
                "/api/v1/tasks",
                "/api/v1/reconcile/checks");
    }

    @Test
    @DisplayName("checklist #8: every investment page and page export answers 403 to the talent office")
    void everyInvestmentPageIsRefusedToTheTalentOffice() throws Exception {
        for (String page : investmentPages()) {
            assertThat(status(get(page).session(session("talent"))))
                    .as("%s as talent", page)
                    .isEqualTo(403);
            // the refusal is the role's, not the path's: county staff of the same region and the city still pass
            for (String user : List.of("zhongyang", "city")) {
                assertThat(status(get(page).session(session(user))))
                        .as("%s as %s", page, user)
                        .isNotIn(401, 403, 404);
            }
        }
    }

    @Test
    @DisplayName(
            "checklist #8: every investment API, API export and ledger import kind answers 403 to the talent office")
    void everyInvestmentApiIsRefusedToTheTalentOffice() throws Exception {
        for (String path : investmentApi()) {
            var r = response(get(path).header("Authorization", "Bearer demo-token-talent"));
            assertThat(r.getStatus()).as("%s as talent", path).isEqualTo(403);
            assertThat(r.getContentAsString(StandardCharsets.UTF_8))
                    .as(path)
                    .contains("\"status\":403")
                    .doesNotContain("中阳县");
            for (String user : List.of("zhongyang", "city")) {
                assertThat(status(get(path).header("Authorization", "Bearer demo-token-" + user)))
                        .as("%s as %s", path, user)
                        .isNotIn(401, 403, 404);
            }
        }
    }

    @Test
    @DisplayName("checklist #8: state changes of investment work are refused to the talent office (page and API)")
    void investmentChangesAreRefusedToTheTalentOffice() throws Exception {
        long p = zhongyangProject();
        long projects =
                jdbc.sql("select count(*) from project").query(Long.class).single();
        for (String page : List.of(
                "/projects",
                "/projects/" + p + "/followups",
                "/projects/" + p + "/funds",
                "/projects/" + p + "/submit",
                "/enterprises",
                "/activities/trips",
                "/ledger/preview",
                "/targets",
                "/supervision/evaluate",
                "/supervision/tasks",
                "/stats/report/publish",
                "/reconcile/check")) {
            assertThat(status(post(page).session(session("talent")).with(csrf()).param("name", "人才办越权项目")))
                    .as("POST %s as talent", page)
                    .isEqualTo(403);
        }
        for (String path : List.of(
                "/api/v1/projects",
                "/api/v1/projects/" + p + "/funds",
                "/api/v1/trips",
                "/api/v1/enterprises",
                "/api/v1/warnings/evaluate",
                "/api/v1/tasks",
                "/api/v1/ledger/funds/preview",
                "/api/v1/stats/aggregates/refresh",
                "/api/v1/reconcile")) {
            assertThat(status(post(path)
                            .header("Authorization", "Bearer demo-token-talent")
                            .contentType("application/json")
                            .content("{\"name\":\"人才办越权项目\"}")))
                    .as("POST %s as talent", path)
                    .isEqualTo(403);
        }
        assertThat(jdbc.sql("select count(*) from project").query(Long.class).single())
                .isEqualTo(projects);
    }

    @Test
    @DisplayName("checklist #8: the talent module and the shared pages answer the talent office")
    void theTalentModuleAndSharedPagesAnswerTheTalentOffice() throws Exception {
        for (String page : List.of(
                "/",
                "/account",
                "/inbox",
                "/inbox/badge",
                "/talent",
                "/talent/campaigns",
                "/talent/talents",
                "/talent/classes",
                "/talent/partnerships",
                "/talent/care",
                "/talent/studios",
                "/talent/campaigns/new",
                "/talent/talents/new",
                "/talent/talents/export",
                "/talent/talents/export?format=csv",
                "/talent/talents/export/full")) {
            assertThat(status(get(page).session(session("talent"))))
                    .as("%s as talent", page)
                    .isEqualTo(200);
        }
        for (String path : List.of(
                "/api/v1/me",
                "/api/v1/regions",
                "/api/v1/tokens",
                "/api/v1/inbox",
                "/api/v1/inbox/unread",
                "/api/v1/talent/figures?from=2024-01-01&to=2024-12-31",
                "/api/v1/talent/campaigns",
                "/api/v1/talent/talents",
                "/api/v1/talent/classes",
                "/api/v1/talent/partnerships",
                "/api/v1/talent/care",
                "/api/v1/talent/studios",
                "/api/v1/talent/talents/export")) {
            assertThat(status(get(path).header("Authorization", "Bearer demo-token-talent")))
                    .as("%s as talent", path)
                    .isEqualTo(200);
        }
    }

    @Test
    @DisplayName("checklist #8: the menu and the workbench show the talent office its own module only")
    void theMenuAndWorkbenchHideInvestmentWorkFromTheTalentOffice() throws Exception {
        String home = page("talent", "/");
        assertThat(home)
                .contains("href=\"/talent\"")
                .doesNotContain("href=\"/projects\"")
                .doesNotContain("href=\"/ledger\"")
                .doesNotContain("href=\"/supervision\"")
                .doesNotContain("href=\"/stats\"")
                .doesNotContain("href=\"/targets\"")
                .doesNotContain("href=\"/enterprises\"")
                .doesNotContain("href=\"/activities\"");
        String talentPage = page("talent", "/talent/talents");
        assertThat(talentPage).doesNotContain("href=\"/projects\"").doesNotContain("href=\"/supervision/tasks\"");
        // other roles keep their menu
        assertThat(page("zhongyang", "/"))
                .contains("href=\"/projects\"")
                .contains("href=\"/ledger\"")
                .contains("href=\"/talent\"");
    }

    @Test
    @DisplayName("checklist #8: TALENT_OFFICER with another role keeps that role's rights; refusals are audited")
    void aSecondRoleKeepsItsRightsAndRefusalsAreAudited() throws Exception {
        String both = accounts.create("tboth", "141129", Role.TALENT_OFFICER);
        jdbc.sql("insert into user_role (user_id, role) values (:u, 'COUNTY_STAFF')")
                .param("u", accounts.id(both))
                .update();
        String token = "Bearer " + accounts.token(both);
        assertThat(status(get("/api/v1/projects").header("Authorization", token)))
                .isEqualTo(200);
        assertThat(status(get("/api/v1/talent/talents").header("Authorization", token)))
                .isEqualTo(200);

        String only = accounts.create("tonly", "141129", Role.TALENT_OFFICER);
        long before = auditRows("ACCESS_DENIED", only, "DENIED");
        assertThat(status(get("/api/v1/funds/export").header("Authorization", "Bearer " + accounts.token(only))))
                .isEqualTo(403);
        var s = (MockHttpSession) mvc.perform(formLogin().user(only).password(TestAccounts.PASSWORD))
                .andReturn()
                .getRequest()
                .getSession();
        assertThat(status(get("/projects/funds/export").session(s))).isEqualTo(403);
        assertThat(auditRows("ACCESS_DENIED", only, "DENIED")).isEqualTo(before + 2);
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return response(request).getStatus();
    }

    private MockHttpServletResponse response(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private String page(String user, String url) throws Exception {
        var r = response(get(url).session(session(user)));
        assertThat(r.getStatus()).as(url + " as " + user).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

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
}
