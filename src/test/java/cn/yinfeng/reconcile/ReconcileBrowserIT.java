package cn.yinfeng.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * A text with an origin claim, a completion share and an unmapped value checked in Chromium: the share is marked,
 * the unmapped value is listed with its reason and counted in 无法核对, the 查看记录 link opens the figure's
 * explanation. Screenshots at 1440 and 390 px in target/screenshots.
 */
class ReconcileBrowserIT extends BrowserTest {

    static final String TEXT =
            "1-10月份，全市签约项目117个，签约金额941.5亿元，完成年度目标的85.2%；" + "其中签约省外投资项目42个，新建标准化厂房12个。\n\n全市签约外资项目3个，合同外资1.2亿美元。";

    @Test
    void theResultListsTheShareAndTheUnmappedValueAtBothWidths() throws Exception {
        for (int width : new int[] {1440, 390}) {
            var errors = new ArrayList<String>();
            Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 900))
                    .newPage();
            page.onPageError(errors::add);
            page.navigate(baseUrl() + "/login");
            page.fill("#username", "city");
            page.fill("#password", "Yinfeng@2024");
            page.click("button[type=submit]");
            page.waitForURL(baseUrl() + "/");

            page.navigate(baseUrl() + "/reconcile");
            page.fill("#text", TEXT);
            page.fill("#date", "2024-11-05");
            page.click("[data-testid=check]");
            page.waitForSelector("[data-testid=reconcile-result]");
            String result = page.textContent("[data-testid=reconcile-result]");
            assertThat(result).contains("完成年度目标").contains("未识别的指标");
            assertThat(page.locator("[data-testid=completion]").count()).isEqualTo(1);
            assertThat(page.getAttribute("a:has-text('查看记录') >> nth=0", "href"))
                    .startsWith("/stats/explain?region=141100&indicator=SIGNED_COUNT&from=2024-01&to=2024-10")
                    .endsWith("asOf=2024-11-05");
            assertThat(page.textContent("[data-testid=count-cannot]")).doesNotContain("无法核对 0");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("reconcile-result-" + width + ".png"))
                    .setFullPage(true));
            assertThat(errors).isEmpty();
            page.context().close();
        }
    }
}
