package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The registry's proposal pages in Chromium at 1440 and 390 px: a county proposes a change of the city's entry on
 * the entry's page, the city reviews it on the proposals list and accepts it. Screenshots in target/screenshots.
 */
class ProposalPagesBrowserIT extends BrowserTest {

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

    @Test
    void aCountyProposesAndTheCityAcceptsOnThePages() throws Exception {
        long entry = jdbc.sql("select e.id from enterprise e left join region r on r.id = e.created_region_id "
                        + "where (r.code = '141100' or e.created_region_id is null) and e.merged_into_id is null "
                        + "order by e.id limit 1")
                .query(Long.class)
                .single();
        var errors = new ArrayList<String>();
        Page county = signedIn("xiaoyi", 1440, errors);
        county.navigate(baseUrl() + "/enterprises/" + entry);
        assertThat(county.textContent("[data-testid=propose-only]")).contains("市级审核");
        county.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("enterprise-propose-only.png")));
        county.fill("#industry", "浏览器测试建议行业");
        county.click("form[novalidate] button[type=submit]");
        county.waitForURL(u -> u.contains("/enterprises/proposals/"));
        assertThat(county.textContent("[data-testid=proposal-status]")).contains("待审核");
        county.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("proposal-county-1440.png"))
                .setFullPage(true));

        for (int width : new int[] {1440, 390}) {
            Page city = signedIn("city", width, errors);
            city.navigate(baseUrl() + "/enterprises/proposals?status=PENDING");
            assertThat(city.isVisible("[data-testid=proposals-table]")).isTrue();
            city.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("proposals-" + width + ".png"))
                    .setFullPage(true));
            city.click("[data-testid=proposals-table] tbody tr:first-child a.btn");
            city.waitForURL(u -> u.matches(".*/enterprises/proposals/\\d+"));
            city.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("proposal-" + width + ".png"))
                    .setFullPage(true));
        }
        Page city = signedIn("city", 1440, errors);
        city.navigate(county.url());
        city.fill("#reason", "核实无误");
        city.click("#decision button.btn-danger");
        city.waitForLoadState();
        assertThat(city.textContent("[data-testid=proposal-status]")).contains("已采纳");
        assertThat(jdbc.sql("select industry from enterprise where id = :id")
                        .param("id", entry)
                        .query(String.class)
                        .single())
                .isEqualTo("浏览器测试建议行业");
        assertThat(errors).isEmpty();
    }
}
