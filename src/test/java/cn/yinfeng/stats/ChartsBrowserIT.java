package cn.yinfeng.stats;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's charts read in Chromium as {@code city} on the demo ledger (吕梁市 2024年1-10月), at 1440 and 390
 * px and in 大屏 mode: the ranking chart draws every county of the ranking table as a label (horizontal bars,
 * interval 0), the pie's texts stay inside their box, and in 大屏 mode the chart text is light. The charts render to
 * SVG, so the test reads their text nodes. Screenshots in target/screenshots.
 */
class ChartsBrowserIT extends BrowserTest {

    static final String PAGE = "/stats?region=141100&to=2024-10";

    @Test
    void everyCountyIsLabelledThePieIsWholeAndTheBigScreenIsLight() {
        var errors = new ArrayList<String>();
        for (boolean screen : new boolean[] {false, true}) {
            for (int width : new int[] {1440, 390}) {
                var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 900));
                Page page = context.newPage();
                page.onPageError(errors::add);
                page.navigate(baseUrl() + "/login");
                page.fill("#username", "city");
                page.fill("#password", "Yinfeng@2024");
                page.click("button[type=submit]");
                page.waitForURL(baseUrl() + "/");
                page.navigate(baseUrl() + PAGE + (screen ? "&screen=true" : ""));
                page.waitForSelector("#dashboard[data-charts-ready=true]");
                page.waitForTimeout(800); // let the SVG settle after the first animation frame

                @SuppressWarnings("unchecked")
                List<String> counties = (List<String>) page.evalOnSelectorAll(
                        "[data-testid=ranking-table] tbody tr td:nth-child(2)",
                        "tds => tds.map(td => td.textContent.trim())");
                assertThat(counties).hasSizeGreaterThanOrEqualTo(13);
                @SuppressWarnings("unchecked")
                List<String> texts = (List<String>)
                        page.evalOnSelectorAll("#chart-ranking svg text", "ts => ts.map(t => t.textContent.trim())");
                assertThat(texts).as("ranking labels at %d px", width).containsAll(counties);
                Object interval = page.evaluate("() => echarts.getInstanceByDom(document.getElementById("
                        + "'chart-ranking')).getOption().yAxis[0].axisLabel.interval");
                assertThat(((Number) interval).intValue()).isZero();

                // every text of the pie (labels, legend) lies inside the chart's box: nothing is cut
                Object outside = page.evaluate("() => { const box = document.getElementById('chart-chains')"
                        + ".getBoundingClientRect(); return [...document.querySelectorAll('#chart-chains svg text')]"
                        + ".filter(t => t.textContent.trim()).filter(t => { const r = t.getBoundingClientRect();"
                        + " return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1"
                        + " || r.bottom > box.bottom + 1; }).map(t => t.textContent); }");
                assertThat((List<?>) outside)
                        .as("pie texts outside at %d px", width)
                        .isEmpty();
                Object legend = page.evaluate("() => [...document.querySelectorAll('#chart-chains svg text')]"
                        + ".map(t => t.textContent).filter(s => s.includes('%')).length");
                assertThat(((Number) legend).intValue()).isPositive();

                if (screen) {
                    @SuppressWarnings("unchecked")
                    List<String> fills = (List<String>) page.evalOnSelectorAll(
                            "#chart-ranking svg text, #chart-trend svg text, #chart-bands svg text",
                            "ts => ts.filter(t => t.textContent.trim()).map(t => t.getAttribute('fill') || '')");
                    assertThat(fills)
                            .isNotEmpty()
                            .allSatisfy(f ->
                                    assertThat(lightness(f)).as("fill %s", f).isGreaterThan(0.7));
                }
                page.screenshot(new Page.ScreenshotOptions()
                        .setPath(SHOTS.resolve("dashboard" + (screen ? "-screen-" : "-") + width + ".png"))
                        .setFullPage(true));
                page.locator("#dashboard > .row.g-3")
                        .screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                                .setPath(SHOTS.resolve(
                                        "dashboard-charts" + (screen ? "-screen-" : "-") + width + ".png")));
                context.close();
            }
        }
        assertThat(errors).isEmpty();
    }

    /** Relative lightness 0..1 of a fill such as {@code #f1f5f9} or {@code rgb(241,245,249)}; 0 if unreadable. */
    static double lightness(String fill) {
        String f = fill.trim();
        int r;
        int g;
        int b;
        if (f.startsWith("#") && f.length() == 7) {
            r = Integer.parseInt(f.substring(1, 3), 16);
            g = Integer.parseInt(f.substring(3, 5), 16);
            b = Integer.parseInt(f.substring(5, 7), 16);
        } else if (f.startsWith("rgb")) {
            String[] p = f.substring(f.indexOf('(') + 1, f.indexOf(')')).split(",");
            r = Integer.parseInt(p[0].trim());
            g = Integer.parseInt(p[1].trim());
            b = Integer.parseInt(p[2].trim());
        } else {
            return 0;
        }
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    }
}
