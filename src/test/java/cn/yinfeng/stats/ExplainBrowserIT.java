package cn.yinfeng.stats;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * A figure's records in Chromium as {@code city}, on the demo ledger (吕梁市 2024年1-10月): the list of 省外签约项目数,
 * 资金到位率 with its numerator and denominator, and 拜访企业数; the export button downloads the xlsx whose total row
 * is the figure the page shows. Screenshots at 1440 and 390 px in target/screenshots.
 */
class ExplainBrowserIT extends BrowserTest {

    static final String PERIOD = "region=141100&from=2024-01&to=2024-10&asOf=2026-01-01";

    @Test
    void cityReadsTheListsAndExportsTheOneItSees() throws Exception {
        var errors = new ArrayList<String>();
        for (int width : new int[] {1440, 390}) {
            var context = browser.newContext(
                    new Browser.NewContextOptions().setViewportSize(width, 900).setAcceptDownloads(true));
            Page page = context.newPage();
            page.onPageError(errors::add);
            page.navigate(baseUrl() + "/login");
            page.fill("#username", "city");
            page.fill("#password", "Yinfeng@2024");
            page.click("button[type=submit]");
            page.waitForURL(baseUrl() + "/");

            page.navigate(baseUrl() + "/stats/explain?" + PERIOD + "&indicator=SIGNED_OUT_PROVINCE_COUNT");
            assertThat(page.textContent("[data-testid=explain-items]")).contains("资金来源不属于本指标");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("explain-signed-" + width + ".png"))
                    .setFullPage(false));
            String shown = page.textContent("[data-testid=explain-total]").trim();
            Download download = page.waitForDownload(() -> page.click("[data-testid=explain-export-xlsx]"));
            assertThat(download.suggestedFilename()).endsWith(".xlsx").contains("省外签约项目数");
            BigDecimal total = null;
            try (var wb = new XSSFWorkbook(Files.newInputStream(download.path()))) {
                for (Row row : wb.getSheetAt(0)) {
                    if (row.getCell(0) != null
                            && row.getCell(0).getStringCellValue().equals("合计（即该数据）")) {
                        total = BigDecimal.valueOf(row.getCell(8).getNumericCellValue());
                    }
                }
                assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue())
                        .contains("省外签约项目数", "吕梁市", "第1版");
            }
            assertThat(total).isNotNull();
            assertThat(total).isEqualByComparingTo(new BigDecimal(shown));

            page.navigate(baseUrl() + "/stats/explain?" + PERIOD + "&indicator=FUNDS_RATE");
            assertThat(page.textContent("[data-testid=explain-numerator]")).isNotBlank();
            assertThat(page.locator("[data-testid=explain-items] tr[data-kind=FUND]")
                            .count())
                    .isPositive();
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("explain-funds-rate-" + width + ".png"))
                    .setFullPage(false));

            page.navigate(baseUrl() + "/stats/explain?" + PERIOD + "&indicator=VISITED");
            assertThat(page.locator("[data-testid=explain-items] tr[data-counted=true]")
                            .count())
                    .isEqualTo(Integer.parseInt(
                            page.textContent("[data-testid=explain-counted]").trim()));
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("explain-visited-" + width + ".png"))
                    .setFullPage(false));
            context.close();
        }
        assertThat(errors).isEmpty();
    }
}
