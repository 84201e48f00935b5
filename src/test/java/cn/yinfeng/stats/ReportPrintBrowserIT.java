package cn.yinfeng.stats;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Media;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The monthly report as it leaves the screen: printed, every one of its 12 columns is inside the A4 landscape
 * page, its header rows repeat with the region and period; on screen at 1440 px the county names stay on one line.
 */
class ReportPrintBrowserIT extends BrowserTest {

    /** A4 landscape (297 mm) less the 10 mm side margins, in CSS pixels at 96 per inch. */
    private static final int A4_LANDSCAPE_CONTENT = (int) ((297 - 20) / 25.4 * 96);

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
    void everyColumnPrintsOnA4LandscapeAndNamesStayOnOneLine() throws Exception {
        var errors = new ArrayList<String>();
        Page screen = signedIn("city", 1440, errors);
        screen.navigate(baseUrl() + "/stats/report?region=141100&to=2024-10");
        screen.waitForSelector("[data-testid=report-table]");
        // each unit's name on one line: its cell is no taller than a header-free data row of numbers
        Object tallest = screen.evaluate("() => Math.max(...[...document.querySelectorAll("
                + "'[data-testid=report-table] tbody td:first-child')].map(td => td.getBoundingClientRect().height))");
        Object numberCell = screen.evaluate("() => document.querySelector("
                + "'[data-testid=report-table] tbody td:nth-child(2)').getBoundingClientRect().height");
        assertThat(((Number) tallest).doubleValue()).isLessThanOrEqualTo(((Number) numberCell).doubleValue() + 1);
        screen.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("report-1440.png"))
                .setFullPage(true));

        Page print = signedIn("city", A4_LANDSCAPE_CONTENT, errors);
        print.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        print.navigate(baseUrl() + "/stats/report?region=141100&to=2024-10");
        print.waitForSelector("[data-testid=report-table]");
        assertThat(print.isVisible("[data-testid=print-header]")).isTrue();
        assertThat(print.textContent("[data-testid=print-header]"))
                .contains("吕梁市")
                .contains("2024年1-10月");
        assertThat(print.isVisible(".sidebar")).isFalse();
        // the last column (完成率) ends inside the page, and so does the table
        Object right = print.evaluate(
                "() => Math.max(...[...document.querySelectorAll("
                        + "'[data-testid=report-table] th, [data-testid=report-table] td')].map(c => c.getBoundingClientRect().right))");
        assertThat(((Number) right).doubleValue()).isLessThanOrEqualTo(A4_LANDSCAPE_CONTENT);
        assertThat(print.textContent("[data-testid=report-table] thead"))
                .contains("年度目标")
                .contains("完成率");
        print.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("report-print-a4-landscape.png"))
                .setFullPage(true));
        // and Chromium's own print makes an A4 landscape PDF of it
        byte[] pdf = print.pdf(new Page.PdfOptions().setPreferCSSPageSize(true));
        Files.write(SHOTS.resolve("report.pdf"), pdf);
        String head = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(head).startsWith("%PDF");
        // A4 landscape media box: 842 x 595 points
        assertThat(head).containsPattern("/MediaBox \\[0 0 84[12](\\.[0-9]+)? 59[45](\\.[0-9]+)?\\]");
        assertThat(errors).isEmpty();
    }
}
