package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.yinfeng.IntegrationTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The UI in Debian's Chromium, driven by Playwright (no browser download). Skipped only on a machine without
 * /usr/bin/chromium and outside CI; in CI a missing Chromium fails the build.
 */
class BrowserIT extends IntegrationTest {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path SHOTS = Paths.get("target/screenshots");

    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void launch() throws Exception {
        boolean ci = System.getenv("CI") != null;
        if (!Files.isExecutable(CHROMIUM)) {
            Assumptions.assumeTrue(ci, "no /usr/bin/chromium on this machine (install chromium); skipped outside CI");
            throw new IllegalStateException("CI needs /usr/bin/chromium: .ci/run installs it");
        }
        Files.createDirectories(SHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--disable-quic")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    private Page newPage(int width, int height, List<String> errors) {
        var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        Page page = context.newPage();
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                errors.add(m.text());
            }
        });
        page.onPageError(errors::add);
        return page;
    }

    private void signIn(Page page, String user) {
        page.navigate(baseUrl() + "/login");
        page.fill("#username", user);
        page.fill("#password", "Yinfeng@2024");
        page.click("button[type=submit]");
        page.waitForURL(baseUrl() + "/");
    }

    @Test
    void signsInSeesChineseHomeAndSwitchesToEnglish() throws Exception {
        var errors = new ArrayList<String>();
        Page page = newPage(1280, 800, errors);
        page.navigate(baseUrl() + "/login");
        assertThat(page.textContent("h1")).isEqualTo("账号登录");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("login-zh.png")));

        signIn(page, "xiaoyi");
        assertThat(page.textContent("[data-testid=home-region]")).isEqualTo("孝义市");
        assertThat(page.textContent("[data-testid=home-roles]")).contains("县区工作人员");
        assertThat(page.textContent("h1")).contains("您好");
        // Chinese glyphs are drawn, not boxes: the heading has real width in a CJK font
        double width = ((Number) page.evaluate("() => document.querySelector('h1').getBoundingClientRect().width"))
                .doubleValue();
        assertThat(width).isGreaterThan(100);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("home-zh.png")).setFullPage(true));

        page.click("[data-testid=lang-en]");
        page.waitForSelector("text=Welcome");
        assertThat(page.textContent("h1")).startsWith("Welcome");
        assertThat(page.textContent("[data-testid=home-roles]")).contains("County staff");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("home-en.png")).setFullPage(true));

        // the choice sticks across pages
        page.navigate(baseUrl() + "/account");
        assertThat(page.textContent("h1")).isEqualTo("My account");
        assertThat(errors).isEmpty();
    }

    @Test
    void wrongPasswordShowsAChineseMessage() {
        var errors = new ArrayList<String>();
        Page page = newPage(1280, 800, errors);
        page.navigate(baseUrl() + "/login");
        page.fill("#username", "zhongyang");
        page.fill("#password", "not-the-password");
        page.click("button[type=submit]");
        assertThat(page.textContent("[data-testid=login-error]")).contains("用户名、密码或动态验证码错误");
    }

    @Test
    void adminPagesRenderOnAPhone() throws Exception {
        var errors = new ArrayList<String>();
        Page page = newPage(390, 844, errors);
        signIn(page, "admin");
        page.navigate(baseUrl() + "/admin/users");
        assertThat(page.locator("[data-testid=users-table] tbody tr").count()).isGreaterThanOrEqualTo(6);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("users-phone.png")).setFullPage(true));
        page.navigate(baseUrl() + "/admin/audit");
        assertThat(page.locator("[data-testid=audit-table] tbody tr").count()).isGreaterThan(0);
        page.click("text=校验日志完整性");
        assertThat(page.textContent("[data-testid=verify-result]")).contains("日志完整");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("audit-phone.png")).setFullPage(true));
        assertThat(errors).isEmpty();
    }

    @Test
    void countyCreatesAProjectSignsAndSubmitsItAndTheCityApprovesIt() throws Exception {
        var errors = new ArrayList<String>();
        Page county = newPage(1280, 900, errors);
        signIn(county, "xiaoyi");
        county.navigate(baseUrl() + "/projects/new");
        county.fill("#name", "浏览器测试氢能装备项目");
        county.fill("#totalInvestment", "25000");
        county.fill("#contractAmount", "24000.50");
        county.fill("#newInvestorName", "浏览器测试氢能装备有限公司");
        county.click("[data-testid=project-form] button[type=submit]");
        county.waitForSelector("[data-testid=project-name]");
        assertThat(county.textContent("[data-testid=project-stage]")).isEqualTo("储备");

        // a skipped stage is an error the user sees
        county.selectOption("#advStage", "STARTED");
        county.click("[data-testid=advance-form] button[type=submit]");
        assertThat(county.textContent("[data-testid=action-errors]")).contains("不能跳过阶段").contains("洽谈");

        county.selectOption("#advStage", "NEGOTIATING");
        county.click("[data-testid=advance-form] button[type=submit]");
        county.waitForSelector("text=洽谈");
        county.selectOption("#advStage", "SIGNED");
        county.click("[data-testid=advance-form] button[type=submit]");
        assertThat(county.textContent("[data-testid=project-stage]")).isEqualTo("签约");
        county.click("[data-testid=submit-review]");
        assertThat(county.textContent("[data-testid=project-review]")).isEqualTo("待审核");
        String url = county.url();
        county.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("project-submitted.png")).setFullPage(true));

        Page city = newPage(1280, 900, errors);
        signIn(city, "city");
        city.navigate(url);
        city.fill("textarea[name=opinion]", "材料齐全，同意。");
        city.click("[data-testid=approve]");
        assertThat(city.textContent("[data-testid=project-review]")).isEqualTo("已通过");
        assertThat(city.textContent("[data-testid=timeline]")).contains("材料齐全，同意。");
        city.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("project-approved.png")).setFullPage(true));

        long id = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
        assertThat(jdbc.sql("select contract_amount from project_approved where project_id = :id and valid_to is null")
                .param("id", id).query(java.math.BigDecimal.class).single()).isEqualByComparingTo("24000.50");
        assertThat(errors).isEmpty();
    }

    @Test
    void ledgerListKanbanAndChainsRender() {
        var errors = new ArrayList<String>();
        Page page = newPage(1366, 900, errors);
        signIn(page, "city");
        page.navigate(baseUrl() + "/projects?band=10000");
        page.waitForSelector("[data-testid=totals]");
        assertThat(page.locator("[data-testid=projects-table] tbody tr").count()).isEqualTo(20);
        assertThat(page.textContent("[data-testid=totals]")).contains("个项目").contains("亿元");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("projects-list.png")).setFullPage(true));
        page.click("[data-testid=next-page]");
        page.waitForURL(url -> url.contains("cursor="));
        page.waitForSelector("[data-testid=projects-table] tbody tr");
        assertThat(page.locator("[data-testid=projects-table] tbody tr").count()).isGreaterThan(0);
        page.navigate(baseUrl() + "/projects/kanban");
        assertThat(page.textContent("[data-testid=kanban]")).contains("储备").contains("达产");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("projects-kanban.png")));
        page.navigate(baseUrl() + "/chains");
        assertThat(page.textContent("main")).contains("氢能").contains("985").contains("千亿级");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("chains.png")).setFullPage(true));
        page.navigate(baseUrl() + "/projects/duplicates");
        assertThat(page.textContent("[data-testid=duplicates-table]")).contains("针状焦");
        page.navigate(baseUrl() + "/enterprises?q=迪诺思");
        assertThat(page.textContent("[data-testid=enterprises-table]")).contains("山西迪诺思新能源科技有限公司");
        assertThat(errors).isEmpty();
    }

    @Test
    void recordsATripWithTwoVisitsAndTurnsOneIntoAProjectLead() throws Exception {
        var errors = new ArrayList<String>();
        Page page = newPage(1280, 900, errors);
        signIn(page, "xiaoyi");
        page.navigate(baseUrl() + "/activities/trips/new");
        page.fill("#title", "浏览器测试：赴苏州考察新材料企业");
        page.fill("#leaderName", "孝义市副市长");
        page.fill("#startDate", "2025-03-10");
        page.fill("#endDate", "2025-03-12");
        page.fill("#cities", "苏州");
        page.click("[data-testid=trip-form] button[type=submit]");
        page.waitForSelector("[data-testid=trip-title]");
        for (String name : new String[] {"浏览器测试苏州新材料有限公司", "浏览器测试昆山精密有限公司"}) {
            page.fill("#enterpriseName", name);
            page.fill("#visitDate", "2025-03-11");
            page.click("[data-testid=visit-form] button[type=submit]");
            page.waitForSelector("text=" + name);
        }
        assertThat(page.locator("[data-testid=visits] li").count()).isEqualTo(2);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("trip.png")).setFullPage(true));
        page.locator("[data-testid=to-lead]").first().click();
        page.waitForSelector("[data-testid=project-name]");
        assertThat(page.textContent("[data-testid=project-stage]")).isEqualTo("洽谈");
        assertThat(page.textContent("main")).contains("浏览器测试苏州新材料有限公司");

        page.navigate(baseUrl() + "/activities?month=2025-03");
        assertThat(page.textContent("[data-testid=activities-table]")).contains("赴苏州考察新材料企业");
        page.navigate(baseUrl() + "/activities?month=2024-05");
        assertThat(page.textContent("[data-testid=activity-figures]")).isNotBlank();
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("activities.png")).setFullPage(true));
        assertThat(errors).isEmpty();
    }

    @Test
    void dashboardDrawsItsChartsAndTheReportPrints() throws Exception {
        var errors = new ArrayList<String>();
        Page page = newPage(1440, 1000, errors);
        signIn(page, "leader");
        page.navigate(baseUrl() + "/stats?region=141100&to=2024-10");
        page.waitForSelector("#dashboard[data-charts-ready=true]");
        for (String chart : new String[] {"trend", "ranking", "chains", "funnel", "bands"}) {
            assertThat(page.locator("#chart-" + chart + " canvas").count()).as(chart).isGreaterThan(0);
        }
        assertThat(page.textContent("[data-testid=kpi-SIGNED_COUNT]")).isEqualTo("117");
        assertThat(page.textContent("[data-testid=kpi-SIGNED_AMOUNT]")).startsWith("941.5");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard.png")).setFullPage(true));
        page.navigate(baseUrl() + "/stats?region=141100&to=2024-10&screen=true");
        page.waitForSelector("#dashboard[data-charts-ready=true]");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard-screen.png")));
        page.navigate(baseUrl() + "/stats/report?region=141100&to=2024-10");
        assertThat(page.textContent("[data-testid=briefing]")).startsWith("1-10月份，全市招商引资签约项目117个，签约金额941.5亿元");
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("report-print.png")).setFullPage(true));
        assertThat(errors).isEmpty();
    }

    @Test
    void uploadsALedgerPreviewsItAndCommits() throws Exception {
        var errors = new ArrayList<String>();
        Page page = newPage(1280, 900, errors);
        page.onDialog(d -> d.accept());
        signIn(page, "xiaoyi");
        page.navigate(baseUrl() + "/ledger");
        page.setInputFiles("#file", new com.microsoft.playwright.options.FilePayload("孝义台账.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", browserLedger()));
        page.click("[data-testid=upload-form] button[type=submit]");
        page.waitForSelector("[data-testid=import-summary]");
        assertThat(page.textContent("[data-testid=import-summary]")).contains("预览").contains("新增 1");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("import-preview.png")).setFullPage(true));
        page.click("[data-testid=commit]");
        page.waitForSelector("text=已提交");
        assertThat(page.textContent("[data-testid=import-summary]")).contains("新增 1");
        assertThat(jdbc.sql("select count(*) from project where name = '浏览器导入测试项目'").query(Long.class).single())
                .isEqualTo(1);
        assertThat(errors).isEmpty();
    }

    @Test
    void picksAKindUploadsTripsPreviewsAndCommits() throws Exception {
        var errors = new ArrayList<String>();
        Page page = newPage(1280, 900, errors);
        page.onDialog(d -> d.accept());
        signIn(page, "xiaoyi");
        page.navigate(baseUrl() + "/ledger");
        page.selectOption("[data-testid=kind]", "trips");
        page.click("[data-testid=switch-kind]");
        page.waitForSelector("[data-testid=upload-form] input[name=kind][value=trips]",
                new Page.WaitForSelectorOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("import-kinds.png")).setFullPage(true));
        var out = new java.io.ByteArrayOutputStream();
        var wb = new org.dhatim.fastexcel.Workbook(out, "test", "1.0");
        var ws = wb.newWorksheet("外出招商");
        String[] header = {"出访事项", "带队领导", "开始日期", "结束日期", "前往城市", "区域"};
        String[] row = {"浏览器导入测试赴杭州招商", "浏览器测试带队人", "2018-05-06", "2018-05-08", "杭州", "孝义市"};
        String[] bad = {"浏览器导入越权出访", "浏览器测试带队人", "2018-05-06", "2018-05-08", "杭州", "中阳县"};
        for (int c = 0; c < header.length; c++) {
            ws.value(0, c, header[c]);
            ws.value(1, c, row[c]);
            ws.value(2, c, bad[c]);
        }
        wb.finish();
        page.setInputFiles("#file", new com.microsoft.playwright.options.FilePayload("外出招商.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out.toByteArray()));
        page.click("[data-testid=upload-form] button[type=submit]");
        page.waitForSelector("[data-testid=import-summary]");
        assertThat(page.textContent("[data-testid=import-summary]")).contains("新增 1").contains("拒绝 1");
        assertThat(page.textContent("[data-testid=import-rows]")).contains("区域：中阳县不在您的管辖范围内");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("import-trips-preview.png")).setFullPage(true));
        page.click("[data-testid=commit]");
        page.waitForSelector("text=已提交");
        assertThat(jdbc.sql("select count(*) from trip where title = '浏览器导入测试赴杭州招商'").query(Long.class).single())
                .isEqualTo(1);
        page.click("text=浏览器导入测试赴杭州招商");
        page.waitForSelector("text=杭州");
        assertThat(errors).isEmpty();
    }

    static byte[] browserLedger() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        var wb = new org.dhatim.fastexcel.Workbook(out, "test", "1.0");
        var ws = wb.newWorksheet("台账");
        String[] header = {"项目名称", "落地区域", "总投资（万元）", "阶段"};
        String[] row = {"浏览器导入测试项目", "孝义市", "2.5亿", "洽谈"};
        String[] bad = {"浏览器导入越权项目", "中阳县", "100", "洽谈"};
        for (int c = 0; c < header.length; c++) {
            ws.value(0, c, header[c]);
            ws.value(1, c, row[c]);
            ws.value(2, c, bad[c]);
        }
        wb.finish();
        return out.toByteArray();
    }
}
