package cn.yinfeng.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The problem list in Chromium: the demo's problems drawn by category with the overdue one marked, two ticked and
 * reminded; a county raising a problem from its project's page and finding it there and on the list.
 */
class ProblemsBrowserIT extends BrowserTest {

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

    private long demoProblem(String title) {
        return jdbc.sql("select id from supervision_task where kind = 'PROBLEM' and title = :t order by id limit 1")
                .param("t", title)
                .query(Long.class)
                .single();
    }

    @Test
    void theCitySeesTheProblemsByCategoryAndRemindsTheTickedOnes() {
        var errors = new ArrayList<String>();
        Page city = signedIn("city", 1440, errors);
        city.navigate(baseUrl() + "/supervision/problems");
        city.waitForSelector("#problemChart svg");
        String table = city.textContent("[data-testid=problems-table]");
        assertThat(table).contains("二期用地指标未落实", "110千伏专用线路接入", "国网吕梁供电公司", "分管副市长 刘市长");
        long overdue = demoProblem("110千伏专用线路接入");
        assertThat(city.textContent("[data-testid=problem-" + overdue + "]")).contains("已超期");
        assertThat(Integer.parseInt(
                        city.textContent("[data-testid=problem-overdue]").trim()))
                .isGreaterThanOrEqualTo(1);
        shot(city, "problems-1440");

        long funding = demoProblem("配套基础设施专项债资金");
        city.check("[data-testid=select-" + overdue + "]");
        city.check("[data-testid=select-" + funding + "]");
        assertThat(city.textContent("[data-testid=selected-count]")).contains("2");
        assertThat(city.getAttribute("[data-testid=export-selected]", "href"))
                .contains("ids=" + overdue, "ids=" + funding);
        city.click("[data-testid=remind-selected]");
        city.waitForURL("**/supervision/problems**");
        assertThat(city.textContent("body")).contains("已催办 2 个问题");

        city.navigate(baseUrl() + "/supervision/tasks/" + overdue);
        assertThat(city.textContent("[data-testid=task-events]")).contains("催办");
        assertThat(city.textContent("[data-testid=problem-unit]")).isEqualTo("国网吕梁供电公司");
        shot(city, "problem-1440");

        Page narrow = signedIn("city", 390, errors);
        narrow.navigate(baseUrl() + "/supervision/problems");
        narrow.waitForSelector("#problemChart svg");
        shot(narrow, "problems-390");
        narrow.navigate(baseUrl() + "/supervision/tasks/" + overdue);
        shot(narrow, "problem-390");
        assertThat(errors).isEmpty();
    }

    @Test
    void theCountyRaisesAProblemFromItsProjectsPage() {
        long project = jdbc.sql(
                        "select project_id from supervision_task where kind = 'PROBLEM' and title = :t order by id limit 1")
                .param("t", "二期用地指标未落实")
                .query(Long.class)
                .single();
        var errors = new ArrayList<String>();
        Page xiaoyi = signedIn("xiaoyi", 1440, errors);
        xiaoyi.navigate(baseUrl() + "/projects/" + project);
        xiaoyi.waitForSelector("[data-testid=project-problems]");
        assertThat(xiaoyi.textContent("[data-testid=project-problems]")).contains("二期用地指标未落实", "已办结");
        shot(xiaoyi, "project-problems-1440");

        xiaoyi.click("[data-testid=raise-problem]");
        xiaoyi.waitForSelector("[data-testid=problem-form]");
        // submitted half-filled: each missing field is named and what was typed stays
        xiaoyi.fill("#title", "施工用水临时接入");
        xiaoyi.click("[data-testid=problem-form] button[type=submit]");
        xiaoyi.waitForSelector("#category.is-invalid");
        assertThat(xiaoyi.inputValue("#title")).isEqualTo("施工用水临时接入");
        assertThat(xiaoyi.textContent("[data-testid=problem-form]")).contains("必填");
        shot(xiaoyi, "problem-form-errors-1440");

        xiaoyi.selectOption("#category", "FACTORS");
        xiaoyi.fill("#description", "项目施工需临时用水每日300吨，园区管网尚未接通。");
        xiaoyi.fill("#unit", "市水利局");
        xiaoyi.click("[data-testid=problem-form] button[type=submit]");
        xiaoyi.waitForURL("**/supervision/tasks/**");
        assertThat(xiaoyi.textContent("[data-testid=problem-category]")).isEqualTo("要素保障");
        assertThat(xiaoyi.textContent("[data-testid=problem-leader]")).isEqualTo("分管副市长 刘市长");

        xiaoyi.navigate(baseUrl() + "/supervision/problems?projectId=" + project);
        assertThat(xiaoyi.textContent("[data-testid=problems-table]")).contains("施工用水临时接入", "二期用地指标未落实");

        Page narrow = signedIn("xiaoyi", 390, errors);
        narrow.navigate(baseUrl() + "/supervision/problems/new?projectId=" + project);
        shot(narrow, "problem-form-390");
        assertThat(errors).isEmpty();
    }
}
