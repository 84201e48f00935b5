package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import cn.yinfeng.ledger.sheet.ClerkLedgerVariants;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * A county clerk uploads their own 推进表 in Chromium: the preview names the column it does not know (投资规模), the
 * clerk maps it to 总投资 on the page, the dry run runs again and the rows are committed. Screenshots of the preview
 * at 1440 and 390 px in target/screenshots.
 */
class LedgerMappingBrowserIT extends BrowserTest {

    @Test
    void theClerkMapsAnUnknownColumnOnThePreviewAndCommits() throws Exception {
        var errors = new ArrayList<String>();
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900))
                .newPage();
        page.onPageError(errors::add);
        page.onDialog(d -> d.accept());
        page.navigate(baseUrl() + "/login");
        page.fill("#username", "zhongyang");
        page.fill("#password", "Yinfeng@2024");
        page.click("button[type=submit]");
        page.waitForURL(baseUrl() + "/");

        page.navigate(baseUrl() + "/ledger?kind=projects");
        page.setInputFiles(
                "#file",
                new FilePayload(
                        "中阳县重点项目推进表.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        ClerkLedgerVariants.scaleColumn(
                                "中阳县", "-浏览器", "山东济宁重工铸造有限公司", "91370800MA3N6R4T5G", "91141129MA0L2B3C4W")));
        page.click("[data-testid=upload-form] button[type=submit]");
        page.waitForSelector("[data-testid=unknown-columns]");
        assertThat(page.textContent("[data-testid=import-summary]")).contains("拒绝 3");
        assertThat(page.textContent("[data-testid=import-rows]")).contains("未识别的列“投资规模（万元）”");
        assertThat(page.isDisabled("[data-testid=commit]"))
                .as("nothing importable yet")
                .isTrue();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("ledger-mapping-1440.png"))
                .setFullPage(true));

        page.selectOption("select[data-column='投资规模（万元）']", "totalInvestment");
        page.click("[data-testid=apply-mapping]");
        page.waitForSelector("[data-testid=import-summary]:has-text('新增 3')");
        assertThat(page.isVisible("[data-testid=unknown-columns]")).isFalse();
        assertThat(page.textContent("[data-testid=sheet-info]")).contains("投资规模（万元）");
        assertThat(page.locator("[data-testid=row-region]").allTextContents()).contains("中阳县");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("ledger-mapped-1440.png"))
                .setFullPage(true));
        page.setViewportSize(390, 844);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("ledger-mapped-390.png"))
                .setFullPage(true));
        page.setViewportSize(1440, 900);

        page.click("[data-testid=commit]");
        page.waitForSelector("[data-testid=import-summary].alert-success");
        assertThat(jdbc.sql(
                                "select count(*) from project p join region r on r.id = p.region_id "
                                        + "where p.name like '%-浏览器' and r.name = '中阳县' and p.total_investment in (8000, 25000, 3200)")
                        .query(Long.class)
                        .single())
                .isEqualTo(3);

        // the project page says how its origin was known, and that its type was not given
        long foundry = jdbc.sql("select id from project where name = '高端铸造产业园-浏览器'")
                .query(Long.class)
                .single();
        page.navigate(baseUrl() + "/projects/" + foundry);
        assertThat(page.textContent("[data-testid=fund-origin]"))
                .contains("国内省外")
                .contains("推定");
        assertThat(page.content()).contains("未填写");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("project-derived-1440.png"))
                .setFullPage(true));
        long coldChain = jdbc.sql("select id from project where name = '农产品冷链物流园-浏览器'")
                .query(Long.class)
                .single();
        page.navigate(baseUrl() + "/projects/" + coldChain + "/edit");
        assertThat(page.inputValue("#fundOrigin"))
                .as("unknown stays unknown on the form")
                .isEmpty();
        page.setViewportSize(390, 844);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("project-unknown-form-390.png"))
                .setFullPage(true));
        assertThat(errors).isEmpty();
    }
}
