package cn.yinfeng.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Approval milestones in Chromium: the demo's overdue steps on the overview (drawn per step), on the county's
 * workbench and on the project's card; a county recording a step with a mistyped order of dates, finding its typing
 * kept beside the error, then saving it; the city's steps editor refusing a limit of zero.
 */
class ApprovalsBrowserIT extends BrowserTest {

    private Page signedIn(String user, int width, List<String> errors) {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 900))
                .newPage();
        page.onPageError(errors::add);
        page.navigate(baseUrl() + "/login");
        page.fill("#username", user);
        page.fill("#password", "Yinfeng@2024");
        page.click("button[type=submit]");
        page.waitForURL(baseUrl() + "/");
        return page;
    }

    private void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    /** The demo project of 孝义 whose 环评 is overdue. */
    private long demoProject() {
        return jdbc.sql("select project_id from project_milestone where step_code = 'EIA' and unit = '吕梁市生态环境局' "
                        + "and note like '报告书已受理%' order by id limit 1")
                .query(Long.class)
                .single();
    }

    @Test
    void theOverdueStepsShowOnTheOverviewTheWorkbenchAndTheProject() {
        var errors = new ArrayList<String>();
        Page xiaoyi = signedIn("xiaoyi", 1440, errors);
        assertThat(xiaoyi.textContent("[data-testid=wb-milestones]")).contains("环评", "吕梁市生态环境局", "超时 15 天");
        shot(xiaoyi, "workbench-milestones-1440");

        xiaoyi.navigate(baseUrl() + "/approvals");
        xiaoyi.waitForSelector("#milestoneChart svg");
        assertThat(xiaoyi.textContent("[data-testid=milestones-table]"))
                .contains("超时 15 天", "超时 10 天办结", "临近时限", "（按计划）")
                .doesNotContain("中阳县");
        assertThat(xiaoyi.textContent("[data-testid=step-EIA]")).contains("环评");
        shot(xiaoyi, "approvals-1440");
        // tick two rows: the export takes exactly those
        var boxes = xiaoyi.locator("[data-row-select]");
        String first = boxes.nth(0).getAttribute("data-row-select");
        String second = boxes.nth(1).getAttribute("data-row-select");
        boxes.nth(0).check();
        boxes.nth(1).check();
        assertThat(xiaoyi.textContent("[data-testid=selected-count]")).contains("2");
        assertThat(xiaoyi.getAttribute("[data-testid=export-selected]", "href"))
                .contains("ids=" + first, "ids=" + second);

        xiaoyi.navigate(baseUrl() + "/projects/" + demoProject());
        xiaoyi.waitForSelector("[data-testid=project-milestones]");
        assertThat(xiaoyi.textContent("[data-testid=milestone-EIA]")).contains("超时 15 天");
        assertThat(xiaoyi.textContent("[data-testid=milestone-LAND_PRE]")).contains("按时办结");
        assertThat(xiaoyi.textContent("[data-testid=milestones-overdue]")).contains("1");
        shot(xiaoyi, "project-milestones-1440");

        Page narrow = signedIn("xiaoyi", 390, errors);
        narrow.navigate(baseUrl() + "/approvals");
        narrow.waitForSelector("#milestoneChart svg");
        shot(narrow, "approvals-390");
        narrow.navigate(baseUrl() + "/projects/" + demoProject());
        narrow.waitForSelector("[data-testid=project-milestones]");
        shot(narrow, "project-milestones-390");
        assertThat(errors).isEmpty();
    }

    @Test
    void aCountyRecordsAStepAndAMistakeKeepsWhatWasTyped() {
        var errors = new ArrayList<String>();
        long project = demoProject();
        Page page = signedIn("xiaoyi", 1440, errors);
        page.navigate(baseUrl() + "/projects/" + project);
        page.click("[data-testid=milestone-add]");
        page.waitForSelector("[data-testid=milestone-form]");
        // steps already recorded cannot be chosen again
        assertThat(page.isDisabled("#step option[value=EIA]")).isTrue();
        page.selectOption("#step", "COMPLETION");
        page.fill("#unit", "孝义市住房和城乡建设局 ");
        page.fill("#startedOn", "2026-11-20");
        page.fill("#doneOn", "2026-11-02");
        page.fill("#note", "联合验收");
        page.click("[data-testid=milestone-save]");
        page.waitForSelector(".invalid-feedback");
        assertThat(page.textContent("body")).contains("办结日期 2026-11-02 早于受理日期 2026-11-20");
        assertThat(page.inputValue("#startedOn")).isEqualTo("2026-11-20");
        assertThat(page.inputValue("#note")).isEqualTo("联合验收");
        assertThat(page.inputValue("#step")).isEqualTo("COMPLETION");
        shot(page, "milestone-form-error-1440");

        page.fill("#doneOn", "");
        page.click("[data-testid=milestone-save]");
        page.waitForURL("**/projects/" + project);
        page.waitForSelector("[data-testid=milestone-COMPLETION]");
        assertThat(page.textContent("[data-testid=milestone-COMPLETION]")).contains("孝义市住房和城乡建设局");

        Page narrow = signedIn("xiaoyi", 390, errors);
        narrow.navigate(baseUrl() + "/projects/" + project);
        narrow.waitForSelector("[data-testid=milestone-edit-COMPLETION]");
        narrow.click("[data-testid=milestone-edit-COMPLETION]");
        narrow.waitForSelector("[data-testid=milestone-form]");
        assertThat(narrow.inputValue("#startedOn")).isEqualTo("2026-11-20");
        shot(narrow, "milestone-form-390");
        narrow.onDialog(d -> d.accept());
        narrow.click("[data-testid=milestone-delete]");
        narrow.waitForURL("**/projects/" + project);
        assertThat(errors).isEmpty();
    }

    @Test
    void theCityEditsTheLimitsAndAZeroLimitIsRefusedInline() {
        var errors = new ArrayList<String>();
        Page city = signedIn("city", 1440, errors);
        city.navigate(baseUrl() + "/approvals/steps");
        assertThat(city.inputValue("input[form=r-LAND_PRE][name=name]")).isEqualTo("用地预审");
        assertThat(city.inputValue("input[form=r-EIA][name=limitDays]")).isEqualTo("30");
        String code = "SOIL" + (System.nanoTime() % 10000);
        city.fill("#new-code", code);
        city.fill("#new-name", "水土保持" + code);
        city.fill("#new-name-en", "Soil conservation");
        city.fill("#new-limit", "0");
        city.click("[data-testid=step-new] button[type=submit]");
        assertThat(city.textContent("[data-testid=step-new]")).contains("办理时限须在 1 到 3650 天之间");
        assertThat(city.inputValue("#new-name")).isEqualTo("水土保持" + code);
        shot(city, "approval-steps-error-1440");
        city.fill("#new-limit", "20");
        city.click("[data-testid=step-new] button[type=submit]");
        city.waitForURL("**/approvals/steps");
        assertThat(city.inputValue("input[form=r-" + code + "][name=name]")).isEqualTo("水土保持" + code);
        assertThat(city.inputValue("input[form=r-" + code + "][name=limitDays]"))
                .isEqualTo("20");

        Page narrow = signedIn("city", 390, errors);
        narrow.navigate(baseUrl() + "/approvals/steps");
        shot(narrow, "approval-steps-390");
        assertThat(errors).isEmpty();
    }
}
