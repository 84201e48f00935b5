package cn.yinfeng.targets;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * The counting rules page in Chromium as {@code city}: the versions, the rules and the catalogue with its origin
 * filters, and the form that makes a new version; a wrong figure is named beside the others, what was typed kept.
 * Screenshots at 1440 and 390 px in target/screenshots.
 */
class RulesBrowserIT extends BrowserTest {

    @Test
    void cityReadsTheRulesAndTheFormNamesEveryProblem() {
        var errors = new ArrayList<String>();
        for (int width : new int[] {1440, 390}) {
            Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 900))
                    .newPage();
            page.onPageError(errors::add);
            page.navigate(baseUrl() + "/login");
            page.fill("#username", "city");
            page.fill("#password", "Yinfeng@2024");
            page.click("button[type=submit]");
            page.waitForURL(baseUrl() + "/");
            page.navigate(baseUrl() + "/rules?version=1");
            assertThat(page.textContent("[data-testid=rule-indicators]"))
                    .contains("省外签约项目数", "国内省外", "境外签约金额（万美元）", "万美元");
            assertThat(page.textContent("[data-testid=rule-versions]")).contains("第1版");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("rules-" + width + ".png"))
                    .setFullPage(true));
            // a figure's records: counted, and left out with the reason
            page.navigate(baseUrl() + "/stats/explain?region=141100&indicator=SIGNED_OUT_PROVINCE_COUNT&from=2024-01"
                    + "&to=2024-10&asOf=2026-01-01");
            assertThat(page.textContent("[data-testid=explain-items]")).contains("资金来源不属于本指标");
            assertThat(page.locator("[data-testid=explain-items] tr[data-counted=true]")
                            .count())
                    .isEqualTo(Integer.parseInt(
                            page.textContent("[data-testid=explain-counted]").trim()));
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("explain-" + width + ".png"))
                    .setFullPage(false));
            page.navigate(baseUrl() + "/rules?version=1");
            if (width == 1440) {
                page.fill("#code", "SIGNED_OUT_PROVINCE_2YI");
                page.fill("#nameZh", "2亿元以上省外签约项目数");
                page.fill("#minTotal", "两亿");
                page.click("[data-testid=indicator-form] button[type=submit]");
                page.waitForLoadState();
                assertThat(page.textContent("[data-testid=rule-errors]")).contains("请填写数字", "生效日期", "修改依据");
                assertThat(page.inputValue("#minTotal")).isEqualTo("两亿");
                assertThat(page.inputValue("#nameZh")).isEqualTo("2亿元以上省外签约项目数");
                page.screenshot(new Page.ScreenshotOptions()
                        .setPath(SHOTS.resolve("rules-errors-1440.png"))
                        .setFullPage(true));
            }
        }
        assertThat(errors).isEmpty();
    }
}
