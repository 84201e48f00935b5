package cn.yinfeng.stats;

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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The statistics page (with its rankings), a project's card and the monthly report as they leave the screen, in
 * Chromium as {@code city} on the demo ledger (吕梁市 2024年1-10月): printed on A4 the dashboard keeps its charts (SVG
 * redrawn at the print size), every page has a print header with the region, the period and the print time, no cell
 * ends beyond the printable width and Chromium's own print makes an A4 PDF; on a 390 px phone neither the report
 * (one card per unit) nor the dashboard scrolls sideways. Screenshots and PDFs in target/screenshots.
 */
class StatsPrintBrowserIT extends BrowserTest {

    static final String DASHBOARD = "/stats?region=141100&to=2024-10";
    static final String REPORT = "/stats/report?region=141100&to=2024-10";

    /** A4 portrait (210 mm) less the 10 mm side margins, in CSS pixels at 96 per inch. */
    static final int A4_PORTRAIT_CONTENT = (int) ((210 - 20) / 25.4 * 96);

    static final String PRINTED_AT = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}";
    static final String A4_PORTRAIT_BOX = "/MediaBox \\[0 0 59[45](\\.[0-9]+)? 84[12](\\.[0-9]+)?\\]";

    private final List<String> errors = new ArrayList<>();
    private final List<BrowserContext> contexts = new ArrayList<>();

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    private Page signedIn(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        contexts.add(context);
        Page page = context.newPage();
        page.onPageError(errors::add);
        page.navigate(baseUrl() + "/login");
        page.fill("#username", "city");
        page.fill("#password", "Yinfeng@2024");
        page.click("button[type=submit]");
        page.waitForURL(baseUrl() + "/");
        return page;
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }

    /** The rightmost edge of the cells (th, td, dt, dd) inside a selector, in CSS pixels. */
    private static double rightmostCell(Page page, String scope) {
        return number(page.evaluate(
                "s => Math.max(0, ...[...document.querySelectorAll(s)].flatMap(e => [...e.querySelectorAll('th, td, dt, dd')])"
                        + ".filter(c => c.getClientRects().length).map(c => c.getBoundingClientRect().right))",
                scope));
    }

    private static void shot(Page page, String name) {
        page.screenshot(
                new Page.ScreenshotOptions().setPath(SHOTS.resolve(name)).setFullPage(true));
    }

    private static String pdf(Page page, String name) throws Exception {
        byte[] pdf = page.pdf(new Page.PdfOptions().setPreferCSSPageSize(true));
        Files.write(SHOTS.resolve(name), pdf);
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("%PDF");
        return text;
    }

    @Test
    void theDashboardPrintsItsChartsAndRankingsOnA4Portrait() throws Exception {
        Page print = signedIn(A4_PORTRAIT_CONTENT, 1000);
        print.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        print.navigate(baseUrl() + DASHBOARD);
        print.waitForSelector("#dashboard[data-charts-ready=true]");
        print.waitForTimeout(300);

        // every chart is drawn: an svg with a size, as wide as its box
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> charts = (List<Map<String, Object>>) print.evaluate(
                "() => [...document.querySelectorAll('#dashboard .chart')].map(c => { const s = c.querySelector('svg');"
                        + " const r = s ? s.getBoundingClientRect() : {width: 0, height: 0};"
                        + " return {id: c.id, width: r.width, height: r.height, box: c.clientWidth}; })");
        assertThat(charts).hasSize(5).allSatisfy(c -> {
            assertThat(number(c.get("width"))).as("%s width", c.get("id")).isPositive();
            assertThat(number(c.get("height"))).as("%s height", c.get("id")).isPositive();
            assertThat(number(c.get("width")))
                    .as("%s fills its box", c.get("id"))
                    .isCloseTo(number(c.get("box")), org.assertj.core.data.Offset.offset(2.0));
        });
        // a fixed print height (62 mm for the trend, print.css) for the charts not sized to their labels
        assertThat(number(
                        print.evaluate("() => document.getElementById('chart-trend').getBoundingClientRect().height")))
                .isCloseTo(62 / 25.4 * 96, org.assertj.core.data.Offset.offset(2.0));
        // the ranking chart still names every county of the ranking table
        @SuppressWarnings("unchecked")
        List<String> counties = (List<String>) print.evalOnSelectorAll(
                "[data-testid=ranking-table] tbody tr td:nth-child(2)", "tds => tds.map(td => td.textContent.trim())");
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>)
                print.evalOnSelectorAll("#chart-ranking svg text", "ts => ts.map(t => t.textContent.trim())");
        assertThat(counties).hasSizeGreaterThanOrEqualTo(13);
        assertThat(labels).containsAll(counties);

        assertThat(print.isVisible("[data-testid=print-header]")).isTrue();
        assertThat(print.textContent("[data-testid=print-header]"))
                .contains("吕梁市")
                .contains("2024年1-10月")
                .contains("打印时间");
        assertThat(print.textContent("[data-testid=print-header] time").trim()).matches(PRINTED_AT);
        assertThat(print.isVisible(".sidebar")).isFalse();
        assertThat(print.isVisible("header.navbar")).isFalse();
        assertThat(print.locator("#dashboard .btn").count()).isPositive();
        assertThat((Boolean) print.evaluate("() => [...document.querySelectorAll('#dashboard .btn')]"
                        + ".every(b => !b.getClientRects().length)"))
                .isTrue();
        // the tables (indicators, rankings) end inside the page: no column cut
        assertThat(rightmostCell(print, "[data-testid=ranking-table]")).isLessThanOrEqualTo(A4_PORTRAIT_CONTENT);
        assertThat(rightmostCell(print, "[data-testid=indicator-table]")).isLessThanOrEqualTo(A4_PORTRAIT_CONTENT);
        assertThat(print.evaluate(
                        "() => getComputedStyle(document.querySelector('[data-testid=ranking-table] thead')).display"))
                .isEqualTo("table-header-group");
        shot(print, "stats-print-a4.png");
        print.locator("[data-testid=ranking]")
                .screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                        .setPath(SHOTS.resolve("stats-print-ranking.png")));
        assertThat(pdf(print, "stats.pdf")).containsPattern(A4_PORTRAIT_BOX);
        assertThat(errors).isEmpty();
    }

    @Test
    void chartsRedrawWhenPrintingStartsAndEnds() {
        Page page = signedIn(1440, 900);
        page.navigate(baseUrl() + DASHBOARD);
        page.waitForSelector("#dashboard[data-charts-ready=true]");
        page.waitForTimeout(300);
        String size = "() => { const c = document.getElementById('chart-trend'); const s = c.querySelector('svg');"
                + " return [c.clientWidth, c.clientHeight, s.getBoundingClientRect().width, s.getBoundingClientRect().height]; }";
        @SuppressWarnings("unchecked")
        List<Number> screen = (List<Number>) page.evaluate(size);
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        page.waitForTimeout(300);
        @SuppressWarnings("unchecked")
        List<Number> printed = (List<Number>) page.evaluate(size);
        assertThat(printed.get(1).doubleValue()).isNotEqualTo(screen.get(1).doubleValue());
        assertThat(printed.get(2).doubleValue())
                .isCloseTo(printed.get(0).doubleValue(), org.assertj.core.data.Offset.offset(2.0));
        assertThat(printed.get(3).doubleValue())
                .isCloseTo(printed.get(1).doubleValue(), org.assertj.core.data.Offset.offset(2.0));
        assertThat(page.evaluate(
                        "() => echarts.getInstanceByDom(document.getElementById('chart-trend')).getOption().animation"))
                .isEqualTo(false);
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));
        page.waitForTimeout(300);
        @SuppressWarnings("unchecked")
        List<Number> back = (List<Number>) page.evaluate(size);
        assertThat(back.get(2).doubleValue())
                .isCloseTo(screen.get(2).doubleValue(), org.assertj.core.data.Offset.offset(2.0));
        assertThat(back.get(3).doubleValue())
                .isCloseTo(screen.get(3).doubleValue(), org.assertj.core.data.Offset.offset(2.0));
        assertThat(errors).isEmpty();
    }

    @Test
    void aProjectsCardPrintsOnA4PortraitWithEveryCellInside() throws Exception {
        long id = jdbc.sql(
                        "select project_id from project_fund group by project_id order by count(*) desc, project_id limit 1")
                .query(Long.class)
                .single();
        String region = jdbc.sql("select r.name from project p join region r on r.id = p.region_id where p.id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        Page screen = signedIn(1440, 900);
        screen.navigate(baseUrl() + "/projects/" + id);
        screen.waitForSelector("[data-testid=project-name]");
        assertThat(screen.isVisible("[data-testid=print-header]")).isFalse();
        shot(screen, "project-1440.png");

        Page print = signedIn(A4_PORTRAIT_CONTENT, 1000);
        print.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        print.navigate(baseUrl() + "/projects/" + id);
        print.waitForSelector("[data-testid=project-name]");
        print.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        assertThat(print.isVisible("[data-testid=print-header]")).isTrue();
        assertThat(print.textContent("[data-testid=print-header]"))
                .contains(region)
                .contains("项目卡片");
        assertThat(print.textContent("[data-testid=print-header] time").trim()).matches(PRINTED_AT);
        assertThat(print.isVisible(".sidebar")).isFalse();
        assertThat(print.isVisible(".breadcrumb")).isFalse();
        assertThat(
                        (Boolean)
                                print.evaluate(
                                        "() => [...document.querySelectorAll('section .btn, section form')].every(b => !b.getClientRects().length)"))
                .isTrue();
        assertThat(print.isVisible("[data-testid=funds]")).isTrue();
        assertThat(rightmostCell(print, "section.project-card")).isLessThanOrEqualTo(A4_PORTRAIT_CONTENT);
        // nothing at all sticks out of the page
        assertThat(number(print.evaluate("() => document.documentElement.scrollWidth")))
                .isLessThanOrEqualTo(A4_PORTRAIT_CONTENT);
        shot(print, "project-print-a4.png");
        assertThat(pdf(print, "project.pdf")).containsPattern(A4_PORTRAIT_BOX);
        assertThat(errors).isEmpty();
    }

    @Test
    void onAPhoneTheReportIsOneCardPerUnitAndNothingScrollsSideways() {
        Page phone = signedIn(390, 844);
        phone.navigate(baseUrl() + REPORT);
        phone.waitForSelector("[data-testid=report-cards]");
        assertThat(number(phone.evaluate("() => document.documentElement.scrollWidth")))
                .isLessThanOrEqualTo(390);
        assertThat(phone.isVisible("[data-testid=report-table]")).isFalse();
        assertThat(phone.isVisible("[data-testid=report-card][data-unit=孝义市]")).isTrue();
        String inTable =
                (String) phone.evaluate("() => [...document.querySelectorAll('[data-testid=report-table] tbody tr')]"
                        + ".find(tr => tr.cells[0].textContent.trim() === '孝义市').cells[2].textContent.trim()");
        assertThat(inTable).isNotBlank();
        assertThat(phone.textContent("[data-testid=report-card][data-unit=孝义市] [data-col=SIGNED_AMOUNT]")
                        .trim())
                .isEqualTo(inTable);
        assertThat(phone.textContent("[data-testid=report-card][data-unit=孝义市] .card-header")
                        .trim())
                .isEqualTo("孝义市");
        assertThat(phone.locator("[data-testid=report-card][data-unit=孝义市] dt").count())
                .isEqualTo(11);
        assertThat(phone.getAttribute("[data-testid=report-card][data-unit=total]", "class"))
                .contains("report-card-total");
        // every card's values sit inside the screen, and labels do not wrap a character per line
        assertThat(rightmostCell(phone, "[data-testid=report-cards]")).isLessThanOrEqualTo(390);
        Object narrowest =
                phone.evaluate("() => Math.min(...[...document.querySelectorAll('[data-testid=report-card] dt')]"
                        + ".map(d => d.getBoundingClientRect().width))");
        assertThat(number(narrowest)).isGreaterThan(80);
        shot(phone, "report-390.png");
        phone.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("report-390-viewport.png")));
        // printed, it is the table again and never the cards
        phone.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        assertThat(phone.isVisible("[data-testid=report-cards]")).isFalse();
        assertThat(phone.isVisible("[data-testid=report-table]")).isTrue();
        phone.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));

        phone.navigate(baseUrl() + DASHBOARD);
        phone.waitForSelector("#dashboard[data-charts-ready=true]");
        phone.waitForTimeout(500);
        assertThat(number(phone.evaluate("() => document.documentElement.scrollWidth")))
                .isLessThanOrEqualTo(390);
        Object widest = phone.evaluate("() => Math.max(...[...document.querySelectorAll('#dashboard .chart svg')]"
                + ".map(s => s.getBoundingClientRect().right))");
        assertThat(number(widest)).isLessThanOrEqualTo(390);
        assertThat(rightmostCell(phone, "[data-testid=ranking-table]")).isLessThanOrEqualTo(390);
        assertThat(rightmostCell(phone, "[data-testid=indicator-table]")).isLessThanOrEqualTo(390);
        shot(phone, "stats-390.png");
        phone.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("stats-390-viewport.png")));
        assertThat(phone.evaluate("() => echarts.getInstanceByDom(document.getElementById('chart-trend'))"
                        + ".getOption().xAxis[0].axisLabel.rotate"))
                .as("month labels slant on a phone")
                .isEqualTo(40);
        phone.locator("[data-testid=ranking]")
                .screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                        .setPath(SHOTS.resolve("stats-390-ranking.png")));
        phone.locator("[data-testid=indicator-table]")
                .screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                        .setPath(SHOTS.resolve("stats-390-indicators.png")));
        // no header stands one character a line: each is at most two lines of the table's type
        Object tallestHeader = phone.evaluate(
                "() => Math.max(...[...document.querySelectorAll("
                        + "'[data-testid=ranking-table] th, [data-testid=indicator-table] th')].map(th => th.getBoundingClientRect().height))");
        assertThat(number(tallestHeader)).isLessThan(50);

        Page wide = signedIn(1440, 900);
        wide.navigate(baseUrl() + REPORT);
        wide.waitForSelector("[data-testid=report-table]");
        assertThat(wide.isVisible("[data-testid=report-cards]")).isFalse();
        wide.navigate(baseUrl() + DASHBOARD);
        wide.waitForSelector("#dashboard[data-charts-ready=true]");
        wide.waitForTimeout(500);
        shot(wide, "stats-1440.png");
        assertThat(errors).isEmpty();
    }
}
