package cn.yinfeng.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * City staff change a stage's days on the warning-rules page and see them kept; an invalid value stays in its input
 * with the message under it. The project page shows its stage deadline, the county's workbench what is due soon.
 */
class WarningRulesBrowserIT extends BrowserTest {

    @Autowired
    Warnings warnings;

    private String before;

    @BeforeEach
    void remember() {
        before = jdbc.sql("select params::text from warning_rule where code = 'STAGE_STALLED'")
                .query(String.class)
                .single();
    }

    @AfterEach
    void restore() {
        jdbc.sql("update warning_rule set params = cast(:p as jsonb) where code = 'STAGE_STALLED'")
                .param("p", before)
                .update();
        warnings.evaluate();
    }

    private Page signedIn(String user, int width, List<String> errors) {
        return signedIn(user, "Yinfeng@2024", width, errors);
    }

    private Page signedIn(String user, String password, int width, List<String> errors) {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 900))
                .newPage();
        page.onPageError(errors::add);
        page.navigate(baseUrl() + "/login");
        page.fill("#username", user);
        page.fill("#password", password);
        page.click("button[type=submit]");
        page.waitForURL(baseUrl() + "/");
        return page;
    }

    private void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    @Test
    void cityStaffChangeAStagesDaysAndAnInvalidValueStaysAtItsField() throws Exception {
        var errors = new ArrayList<String>();
        Page city = signedIn("city", 1440, errors);
        city.navigate(baseUrl() + "/supervision/rules");
        String started = city.inputValue("#STAGE_STALLED-param_STARTED");
        String changed = String.valueOf(Integer.parseInt(started) + 1);
        shot(city, "warning-rules-1440");

        city.fill("#STAGE_STALLED-param_STARTED", changed);
        city.click("[data-testid=save-STAGE_STALLED]");
        city.waitForURL("**/supervision/rules#rule-STAGE_STALLED");
        assertThat(city.inputValue("#STAGE_STALLED-param_STARTED")).isEqualTo(changed);
        assertThat(city.textContent("body")).contains("预警规则已保存");

        city.fill("#STAGE_STALLED-param_SIGNED", "-3");
        city.click("[data-testid=save-STAGE_STALLED]");
        city.waitForSelector("[data-testid=rules-errors]");
        assertThat(city.inputValue("#STAGE_STALLED-param_SIGNED")).isEqualTo("-3");
        assertThat(city.getAttribute("#STAGE_STALLED-param_SIGNED", "class")).contains("is-invalid");
        assertThat(city.textContent("#STAGE_STALLED-param_SIGNED + .invalid-feedback"))
                .contains("“签约阶段最长天数”须在 1 到 3650 之间");
        shot(city, "warning-rules-error-1440");
        assertThat(jdbc.sql("select params ->> 'SIGNED' from warning_rule where code = 'STAGE_STALLED'")
                        .query(String.class)
                        .single())
                .isNotEqualTo("-3");

        Page narrow = signedIn("city", 390, errors);
        narrow.navigate(baseUrl() + "/supervision/rules");
        shot(narrow, "warning-rules-390");
        assertThat(errors).isEmpty();
    }

    @Test
    void theProjectPageShowsItsStageDeadlineAndTheWorkbenchWhatIsDueSoon() throws Exception {
        // 岚县, where no other test makes projects: the card shows the six nearest deadlines of the county, and
        // in the shared database 孝义市 has many projects made today
        long region = regionByCode("141127");
        String clerk = accounts.create("deadline", "141127", cn.yinfeng.accounts.Role.COUNTY_STAFF);
        String body = mvc.perform(post("/api/v1/projects")
                        .header("Authorization", "Bearer " + accounts.token(clerk))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"期限测试浏览器项目2030\",\"regionId\":" + region
                                + ",\"totalInvestment\":9000,\"stage\":\"NEGOTIATING\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = JsonMapper.builder().build().readTree(body).get("id").asLong();
        // five days left for the new project: 洽谈 may last five days
        jdbc.sql("update warning_rule set params = jsonb_set(params, '{NEGOTIATING}', '5') where code = "
                        + "'STAGE_STALLED'")
                .update();

        var errors = new ArrayList<String>();
        for (int width : new int[] {1440, 390}) {
            Page county = signedIn(clerk, cn.yinfeng.accounts.TestAccounts.PASSWORD, width, errors);
            assertThat(county.textContent("[data-testid=wb-deadlines]")).contains("期限测试浏览器项目2030");
            shot(county, "workbench-deadlines-" + width);
            county.navigate(baseUrl() + "/projects/" + id);
            county.waitForSelector("[data-testid=stage-deadline]");
            assertThat(county.textContent("[data-testid=stage-deadline]")).contains("本阶段期限：还剩 5 天（洽谈 5 天）");
            shot(county, "project-deadline-" + width);
        }
        assertThat(errors).isEmpty();
    }
}
