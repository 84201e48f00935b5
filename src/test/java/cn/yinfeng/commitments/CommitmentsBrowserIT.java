package cn.yinfeng.commitments;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Commitments in Chromium: the demo's board (履约率 by county drawn, the red list), a project's card with its kept,
 * short and pending commitments, and a county reporting a year's actual the way it is written on paper (1,234.5
 * 万元) after a mistyped year came back with its error and the rest of what was typed.
 */
class CommitmentsBrowserIT extends BrowserTest {

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

    /** 孝义's demo project with the jobs promise of 第八条. */
    private long demoProject() {
        return jdbc.sql("select project_id from project_commitment where kind = 'JOBS' and clause = '第八条' limit 1")
                .query(Long.class)
                .single();
    }

    @Test
    void theBoardDrawsTheCountiesAndListsTheProjectsBehind() {
        var errors = new ArrayList<String>();
        Page city = signedIn("city", 1440, errors);
        city.navigate(baseUrl() + "/commitments");
        city.waitForSelector("#commitmentChart svg");
        assertThat(city.textContent("[data-testid=commitment-counties]")).contains("孝义市", "中阳县", "合计");
        assertThat(city.textContent("[data-testid=red-list]")).contains("孝义市");
        assertThat(city.isVisible("[data-testid=behind-" + demoProject() + "]")).isTrue();
        shot(city, "commitments-1440");

        Page narrow = signedIn("city", 390, errors);
        narrow.navigate(baseUrl() + "/commitments");
        narrow.waitForSelector("#commitmentChart svg");
        shot(narrow, "commitments-390");
        assertThat(errors).isEmpty();
    }

    @Test
    void aCountyReadsItsProjectsCardAndReportsAYearAsWrittenOnPaper() {
        var errors = new ArrayList<String>();
        long project = demoProject();
        Page page = signedIn("xiaoyi", 1440, errors);
        page.navigate(baseUrl() + "/projects/" + project);
        page.waitForSelector("[data-testid=project-commitments]");
        String card = page.textContent("[data-testid=project-commitments]");
        assertThat(card).contains("固定资产投资", "未达约定", "已履约", "履约期内", "第五条");
        assertThat(page.textContent("[data-testid=commitment-rate]")).contains("履约率");
        shot(page, "project-commitments-1440");

        page.click("[data-testid=actual-add]");
        page.waitForSelector("[data-testid=actual-form]");
        page.selectOption("#kind", "OUTPUT");
        page.fill("#year", "今年");
        page.fill("#amount", "1,234.5万元");
        page.fill("#note", "统计局快报数");
        page.click("[data-testid=actual-save]");
        page.waitForSelector(".invalid-feedback");
        assertThat(page.textContent("body")).contains("“今年”不是年度");
        assertThat(page.inputValue("#amount")).isEqualTo("1,234.5万元");
        assertThat(page.inputValue("#note")).isEqualTo("统计局快报数");
        shot(page, "actual-form-error-1440");

        String year = String.valueOf(
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear());
        page.fill("#year", year);
        page.click("[data-testid=actual-save]");
        page.waitForURL("**/projects/" + project);
        page.waitForSelector("[data-testid=actual-OUTPUT-" + year + "]");
        assertThat(page.textContent("[data-testid=actual-OUTPUT-" + year + "]")).contains("1,234.50");

        Page narrow = signedIn("xiaoyi", 390, errors);
        narrow.navigate(baseUrl() + "/projects/" + project);
        narrow.waitForSelector("[data-testid=project-commitments]");
        shot(narrow, "project-commitments-390");
        narrow.click("[data-testid=commitment-add]");
        narrow.waitForSelector("[data-testid=commitment-form]");
        shot(narrow, "commitment-form-390");
        assertThat(errors).isEmpty();
    }

    @Test
    void theFiguresAreInTheStatisticsWithTheirListAndTheYearlySheetIsALedgerKind() {
        var errors = new ArrayList<String>();
        int year = java.time.LocalDate.now(clock.withZone(cn.yinfeng.projects.Projects.ZONE))
                .getYear();
        for (int width : new int[] {1440, 390}) {
            Page city = signedIn("city", width, errors);
            city.navigate(baseUrl() + "/stats?region=141181&to=" + year + "-12");
            assertThat(city.textContent("body")).contains("承诺履约率", "已履约承诺数", "达效项目数");
            shot(city, "stats-commitments-" + width);

            city.navigate(baseUrl() + "/stats/explain?region=141181&indicator=COMMITMENTS_KEPT&from=2000-01&to=" + year
                    + "-12");
            String list = city.textContent("body");
            assertThat(list).contains("合同承诺", "已履约");
            assertThat(list).containsAnyOf("未达约定", "未报送", "未到履约期限");
            shot(city, "explain-commitments-" + width);

            Page county = signedIn("xiaoyi", width, errors);
            county.navigate(baseUrl() + "/ledger?kind=actuals");
            assertThat(county.textContent("h2.h6")).contains("履约实际完成");
            assertThat(county.getAttribute("[data-testid=template]", "href")).contains("kind=actuals");
            shot(county, "ledger-actuals-" + width);
        }
        assertThat(errors).isEmpty();
    }
}
