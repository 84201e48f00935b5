package cn.yinfeng.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Media;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A clerk publishes a county's month and the report page then offers its 简报: the checked text with the check's
 * verdict, the Word file and the PDF (which opens in the browser); on a 390 px phone the page does not scroll
 * sideways, and the preview is left out of print. 临县 2024-09, a month no other test publishes.
 */
class BriefingBrowserIT extends BrowserTest {

    private static final String REPORT = "/stats/report?region=141124&to=2024-09";

    private Page signedIn(BrowserContext context, List<String> errors) {
        Page page = context.newPage();
        page.onPageError(errors::add);
        page.navigate(baseUrl() + "/login");
        page.fill("#username", "city");
        page.fill("#password", "Yinfeng@2024");
        page.click("button[type=submit]");
        page.waitForURL(baseUrl() + "/");
        return page;
    }

    @Test
    void publishedMonthOffersItsCheckedBriefing() throws Exception {
        var errors = new ArrayList<String>();
        try (BrowserContext wide = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900))) {
            Page page = signedIn(wide, errors);
            page.navigate(baseUrl() + REPORT);
            page.waitForSelector("[data-testid=report-table]");
            assertThat(page.locator("[data-testid=briefing-preview]").count()).isZero();
            assertThat(page.locator("[data-testid=briefing-pdf]").count()).isZero();

            page.onDialog(dialog -> dialog.accept());
            page.click("form[action$='/stats/report/publish'] button[type=submit]");
            page.waitForSelector("[data-testid=briefing-preview]");
            assertThat(page.textContent("[data-testid=briefing-check]")).contains("逐一相符");
            String preview = page.textContent("[data-testid=briefing-preview]");
            assertThat(preview).contains("第1期").contains("1-9月份，临县招商引资签约项目").contains("近期需关注");
            assertThat(page.locator("[data-testid=briefing-problems]").count()).isZero();
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("briefing-report-1440.png"))
                    .setFullPage(true));

            // the PDF opens inline; the Word file downloads
            var pdf = page.request().get(baseUrl() + page.getAttribute("[data-testid=briefing-pdf]", "href"));
            assertThat(pdf.status()).isEqualTo(200);
            assertThat(pdf.headers().get("content-type")).isEqualTo("application/pdf");
            assertThat(pdf.headers().get("content-disposition")).startsWith("inline");
            assertThat(new String(pdf.body(), 0, 4, StandardCharsets.ISO_8859_1))
                    .isEqualTo("%PDF");
            Files.write(SHOTS.resolve("briefing-linxian-2024-09.pdf"), pdf.body());
            assertThat(page.getAttribute("[data-testid=briefing-pdf]", "target"))
                    .isEqualTo("_blank");
            var docx = page.request().get(baseUrl() + page.getAttribute("[data-testid=briefing-docx]", "href"));
            assertThat(docx.status()).isEqualTo(200);
            assertThat(docx.headers().get("content-disposition")).startsWith("attachment");

            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
            assertThat(page.isVisible("[data-testid=briefing-preview]")).isFalse();
            assertThat(page.isVisible("[data-testid=report-table]")).isTrue();
        }
        try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844))) {
            Page page = signedIn(phone, errors);
            page.navigate(baseUrl() + REPORT);
            page.waitForSelector("[data-testid=briefing-preview]");
            Object scroll = page.evaluate("() => document.documentElement.scrollWidth");
            assertThat(((Number) scroll).intValue()).isLessThanOrEqualTo(390);
            // each button's words on one line: no button taller than the 查询 button beside the month
            Object tallest = page.evaluate("() => Math.max(...[...document.querySelectorAll('.report-actions .btn')]"
                    + ".map(b => b.getBoundingClientRect().height))");
            Object search = page.evaluate("() => document.querySelector('form[action$=\"/stats/report\"] button')"
                    + ".getBoundingClientRect().height");
            assertThat(((Number) tallest).doubleValue()).isLessThanOrEqualTo(((Number) search).doubleValue() + 1);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("briefing-report-390.png"))
                    .setFullPage(true));
        }
        assertThat(errors).isEmpty();
    }
}
