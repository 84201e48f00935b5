package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The investment-lost page in Chromium: the demo's lost leads drawn by reason and by county, the table under the
 * chart the same figures, a reason's link narrowing the list; and a held project's page showing its reason with the
 * form that corrects it.
 */
class LossesBrowserIT extends BrowserTest {

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

    @Test
    void theCitySeesWhatEachReasonCostAndNarrowsTheListToOne() {
        var errors = new ArrayList<String>();
        Page city = signedIn("city", 1440, errors);
        city.navigate(baseUrl() + "/losses");
        city.waitForSelector("#lossReasonChart svg");
        city.waitForSelector("#lossRegionChart svg");
        assertThat(city.textContent("[data-testid=loss-by-reason]")).contains("能耗指标不足", "环境容量不足");
        shot(city, "losses-1440");

        city.click("[data-testid=loss-by-reason] a:text('能耗指标不足')");
        city.waitForURL("**reason=ENERGY**");
        String table = city.textContent("[data-testid=loss-table]");
        assertThat(table).contains("中阳钢铁精深加工项目").doesNotContain("锂电池正极材料一体化项目");

        city.navigate(baseUrl() + "/losses/reasons");
        assertThat(city.locator("[data-testid=reasons-table] tbody tr").count()).isGreaterThanOrEqualTo(10);
        shot(city, "loss-reasons-1440");

        Page narrow = signedIn("city", 390, errors);
        narrow.navigate(baseUrl() + "/losses");
        narrow.waitForSelector("#lossReasonChart svg");
        shot(narrow, "losses-390");
        narrow.navigate(baseUrl() + "/losses/reasons");
        shot(narrow, "loss-reasons-390");
        assertThat(errors).isEmpty();
    }

    @Test
    void aHeldProjectShowsItsReasonAndTheFormToCorrectIt() {
        long id = jdbc.sql("select id from project where name = '文水冷链物流园项目'")
                .query(Long.class)
                .single();
        var errors = new ArrayList<String>();
        Page city = signedIn("city", 1440, errors);
        city.navigate(baseUrl() + "/projects/" + id);
        assertThat(city.textContent("[data-testid=loss-reason]")).contains("用地指标不足", "国土空间规划");
        assertThat(city.inputValue("#explainReason")).isEqualTo("LAND");
        shot(city, "project-held-1440");

        Page narrow = signedIn("city", 390, errors);
        narrow.navigate(baseUrl() + "/projects/" + id);
        shot(narrow, "project-held-390");
        assertThat(errors).isEmpty();
    }
}
