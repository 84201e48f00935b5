package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.Media;
import com.microsoft.playwright.options.SelectOption;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.junit.jupiter.api.Test;

/**
 * The UI in Debian's Chromium, driven by Playwright (no browser download). Skipped only on a machine without
 * /usr/bin/chromium and outside CI; in CI a missing Chromium fails the build.
 */
class BrowserIT extends BrowserTest {

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
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("home-zh.png"))
                .setFullPage(true));

        page.click("[data-testid=lang-en]");
        page.waitForSelector("text=Welcome");
        assertThat(page.textContent("h1")).startsWith("Welcome");
        assertThat(page.textContent("[data-testid=home-roles]")).contains("County staff");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("home-en.png"))
                .setFullPage(true));

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
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("users-phone.png"))
                .setFullPage(true));
        page.navigate(baseUrl() + "/admin/audit");
        assertThat(page.locator("[data-testid=audit-table] tbody tr").count()).isGreaterThan(0);
        page.click("text=校验日志完整性");
        assertThat(page.textContent("[data-testid=verify-result]")).contains("日志完整");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("audit-phone.png"))
                .setFullPage(true));
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
        assertThat(county.textContent("[data-testid=action-errors]"))
                .contains("不能跳过阶段")
                .contains("洽谈");

        county.selectOption("#advStage", "NEGOTIATING");
        county.click("[data-testid=advance-form] button[type=submit]");
        county.waitForSelector("text=洽谈");
        county.selectOption("#advStage", "SIGNED");
        county.click("[data-testid=advance-form] button[type=submit]");
        assertThat(county.textContent("[data-testid=project-stage]")).isEqualTo("签约");
        county.click("[data-testid=submit-review]");
        assertThat(county.textContent("[data-testid=project-review]")).isEqualTo("待审核");
        String url = county.url();
        county.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("project-submitted.png"))
                .setFullPage(true));

        Page city = newPage(1280, 900, errors);
        signIn(city, "city");
        city.navigate(url);
        city.fill("textarea[name=opinion]", "材料齐全，同意。");
        city.click("[data-testid=approve]");
        assertThat(city.textContent("[data-testid=project-review]")).isEqualTo("已通过");
        assertThat(city.textContent("[data-testid=timeline]")).contains("材料齐全，同意。");
        city.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("project-approved.png"))
                .setFullPage(true));

        long id = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
        assertThat(jdbc.sql("select contract_amount from project_approved where project_id = :id and valid_to is null")
                        .param("id", id)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("24000.50");
        assertThat(errors).isEmpty();
    }

    @Test
    void ledgerListKanbanAndChainsRender() {
        var errors = new ArrayList<String>();
        Page page = newPage(1366, 900, errors);
        signIn(page, "city");
        page.navigate(baseUrl() + "/projects?band=10000");
        page.waitForSelector("[data-testid=totals]");
        assertThat(page.locator("[data-testid=projects-table] tbody tr").count())
                .isEqualTo(20);
        assertThat(page.textContent("[data-testid=totals]")).contains("个项目").contains("亿元");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("projects-list.png"))
                .setFullPage(true));
        page.click("[data-testid=next-page]");
        page.waitForURL(url -> url.contains("cursor="));
        page.waitForSelector("[data-testid=projects-table] tbody tr");
        assertThat(page.locator("[data-testid=projects-table] tbody tr").count())
                .isGreaterThan(0);
        page.navigate(baseUrl() + "/projects/kanban");
        assertThat(page.textContent("[data-testid=kanban]")).contains("储备").contains("达产");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("projects-kanban.png")));
        page.navigate(baseUrl() + "/chains");
        assertThat(page.textContent("main")).contains("氢能").contains("985").contains("千亿级");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("chains.png"))
                .setFullPage(true));
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
        page.screenshot(
                new Page.ScreenshotOptions().setPath(SHOTS.resolve("trip.png")).setFullPage(true));
        page.locator("[data-testid=to-lead]").first().click();
        page.waitForSelector("[data-testid=project-name]");
        assertThat(page.textContent("[data-testid=project-stage]")).isEqualTo("洽谈");
        assertThat(page.textContent("main")).contains("浏览器测试苏州新材料有限公司");

        page.navigate(baseUrl() + "/activities?month=2025-03");
        assertThat(page.textContent("[data-testid=activities-table]")).contains("赴苏州考察新材料企业");
        page.navigate(baseUrl() + "/activities?month=2024-05");
        assertThat(page.textContent("[data-testid=activity-figures]")).isNotBlank();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("activities.png"))
                .setFullPage(true));
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
            assertThat(page.locator("#chart-" + chart + " svg").count())
                    .as(chart)
                    .isGreaterThan(0);
        }
        assertThat(page.textContent("[data-testid=kpi-SIGNED_COUNT]")).isEqualTo("117");
        assertThat(page.textContent("[data-testid=kpi-SIGNED_AMOUNT]")).startsWith("941.5");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("dashboard.png"))
                .setFullPage(true));
        page.navigate(baseUrl() + "/stats?region=141100&to=2024-10&screen=true");
        page.waitForSelector("#dashboard[data-charts-ready=true]");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard-screen.png")));
        page.navigate(baseUrl() + "/stats/report?region=141100&to=2024-10");
        assertThat(page.textContent("[data-testid=briefing]")).startsWith("1-10月份，全市招商引资签约项目117个，签约金额941.5亿元");
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("report-print.png"))
                .setFullPage(true));
        assertThat(errors).isEmpty();
    }

    @Test
    void uploadsALedgerPreviewsItAndCommits() throws Exception {
        var errors = new ArrayList<String>();
        Page page = newPage(1280, 900, errors);
        page.onDialog(d -> d.accept());
        signIn(page, "xiaoyi");
        page.navigate(baseUrl() + "/ledger");
        page.setInputFiles(
                "#file",
                new FilePayload(
                        "孝义台账.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        browserLedger()));
        page.click("[data-testid=upload-form] button[type=submit]");
        page.waitForSelector("[data-testid=import-summary]");
        assertThat(page.textContent("[data-testid=import-summary]"))
                .contains("预览")
                .contains("新增 1");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("import-preview.png"))
                .setFullPage(true));
        page.click("[data-testid=commit]");
        page.waitForSelector("text=已提交");
        assertThat(page.textContent("[data-testid=import-summary]")).contains("新增 1");
        assertThat(jdbc.sql("select count(*) from project where name = '浏览器导入测试项目'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(errors).isEmpty();
    }

    @Test
    void pastesTheSeedSeesVerdictsAndSavesTheCheck() throws Exception {
        var errors = new ArrayList<String>();
        Page page = newPage(1440, 1000, errors);
        signIn(page, "city");
        page.navigate(baseUrl() + "/reconcile");
        String seed = new String(
                getClass().getResourceAsStream("/reconcile/00-seed.txt").readAllBytes(), StandardCharsets.UTF_8);
        page.fill("#text", seed);
        page.selectOption("#region", "141100");
        page.click("[data-testid=check]");
        page.waitForSelector("[data-testid=reconcile-result]");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("reconcile-seed.png"))
                .setFullPage(true));
        System.out.println("RECONCILE " + page.textContent("[data-testid=count-agrees]") + " "
                + page.textContent("[data-testid=count-disagrees]") + " "
                + page.textContent("[data-testid=count-cannot]")
                + " " + page.locator("tr[data-verdict]").allTextContents());
        assertThat(page.locator("mark[data-verdict=AGREES]").count()).isGreaterThanOrEqualTo(5);
        assertThat(page.textContent("[data-testid=count-disagrees]")).isNotBlank();
        assertThat(page.locator("tr[data-verdict=AGREES]").allTextContents())
                .anyMatch(t -> t.contains("941.5亿元"))
                .anyMatch(t -> t.contains("117个"));
        page.click("[data-testid=save]");
        page.waitForSelector("[data-testid=flash]");
        assertThat(page.textContent("[data-testid=flash]")).contains("已保存");
        assertThat(page.locator("mark[data-verdict=AGREES]").count()).isGreaterThanOrEqualTo(5);
        page.navigate(baseUrl() + "/reconcile");
        assertThat(page.textContent("[data-testid=saved-table]")).contains("奋勇争先");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("reconcile-list.png"))
                .setFullPage(true));
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
        page.waitForSelector(
                "[data-testid=upload-form] input[name=kind][value=trips]",
                new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED));
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("import-kinds.png"))
                .setFullPage(true));
        var out = new ByteArrayOutputStream();
        var wb = new Workbook(out, "test", "1.0");
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
        page.setInputFiles(
                "#file",
                new FilePayload(
                        "外出招商.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        out.toByteArray()));
        page.click("[data-testid=upload-form] button[type=submit]");
        page.waitForSelector("[data-testid=import-summary]");
        assertThat(page.textContent("[data-testid=import-summary]"))
                .contains("新增 1")
                .contains("拒绝 1");
        assertThat(page.textContent("[data-testid=import-rows]")).contains("区域：中阳县不在您的管辖范围内");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("import-trips-preview.png"))
                .setFullPage(true));
        page.click("[data-testid=commit]");
        page.waitForSelector("text=已提交");
        assertThat(jdbc.sql("select count(*) from trip where title = '浏览器导入测试赴杭州招商'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        page.click("text=浏览器导入测试赴杭州招商");
        page.waitForSelector("text=杭州");
        assertThat(errors).isEmpty();
    }

    static byte[] browserLedger() throws Exception {
        var out = new ByteArrayOutputStream();
        var wb = new Workbook(out, "test", "1.0");
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

    @Test
    void talentOfficeRecordsACampaignATalentAndATrainingClass() throws Exception {
        var errors = new ArrayList<String>();
        Page page = newPage(1280, 900, errors);
        signIn(page, "talent");
        page.navigate(baseUrl() + "/talent/campaigns/new");
        page.fill("#name", "浏览器测试：2025年春季高校引才");
        page.fill("#startDate", "2025-03-03");
        page.fill("#endDate", "2025-03-21");
        page.fill("#cities", "太原、西安");
        page.fill("#universities", "山西大学、西北大学");
        page.click("[data-testid=talent-form] button[type=submit]");
        page.waitForSelector("[data-testid=record-title]");
        page.fill("#institution", "中阳县人民医院");
        page.fill("#positionTitle", "临床医师");
        page.fill("#openings", "3");
        page.click("[data-testid=position-form] button[type=submit]");
        page.waitForSelector("[data-testid=positions] >> text=临床医师");
        String campaignUrl = page.url();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("talent-campaign.png"))
                .setFullPage(true));

        page.navigate(baseUrl() + "/talent/talents/new");
        page.fill("#name", "浏览器测试人才");
        page.selectOption("#degree", "MASTER");
        page.fill("#employer", "中阳县人民医院");
        page.fill("#introducedOn", "2025-03-25");
        page.fill("#idNumber", "141129199501011234");
        page.selectOption("#campaignId", campaignUrl.substring(campaignUrl.lastIndexOf('/') + 1));
        page.click("[data-testid=talent-form] button[type=submit]");
        // a wrong check character is shown under the field
        assertThat(page.textContent(".invalid-feedback")).contains("身份证号不正确");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("talent-form-error.png"))
                .setFullPage(true));
        String first17 = "14112919950101123";
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * w[i];
        }
        String id = first17 + "10X98765432".charAt(sum % 11);
        page.fill("#idNumber", id);
        page.fill("#phone", "13812345678");
        page.fill("#birthYear", "1995");
        page.click("[data-testid=talent-form] button[type=submit]");
        page.waitForSelector("[data-testid=record-title]");
        assertThat(page.textContent("[data-testid=id-number]")).isEqualTo("1411**********" + id.substring(14));
        assertThat(page.textContent("[data-testid=phone]")).isEqualTo("138****5678");
        assertThat(page.content()).doesNotContain(id);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("talent-talent.png"))
                .setFullPage(true));
        page.click("[data-testid=reveal]");
        page.waitForSelector("text=" + id);
        assertThat(page.textContent("[data-testid=phone]")).isEqualTo("13812345678");

        page.navigate(baseUrl() + "/talent/classes/new");
        page.fill("#name", "浏览器测试第5期中青班");
        page.selectOption("#kind", "ZHONGQING");
        page.fill("#term", "5");
        page.fill("#partner", "北京航空航天大学");
        page.fill("#startDate", "2025-04-07");
        page.fill("#endDate", "2025-04-11");
        page.click("[data-testid=talent-form] button[type=submit]");
        page.waitForSelector("[data-testid=record-title]");
        page.fill("#names", "浏览器测试人才、学员乙、学员丙");
        page.fill("#unit", "中阳县人民医院");
        page.click("[data-testid=participant-form] button[type=submit]");
        page.waitForSelector("[data-testid=participants] >> text=学员丙");
        page.fill("#topic", "县域经济高质量发展");
        page.fill("#sessionDate", "2025-04-08");
        page.click("[data-testid=session-form] button[type=submit]");
        page.waitForSelector("[data-testid=sessions] >> text=县域经济高质量发展");
        assertThat(page.textContent("[data-testid=sessions]")).contains("3/3");
        // the participant who is an introduced talent links to the record
        assertThat(page.locator("[data-testid=participants] a").count()).isEqualTo(1);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("talent-class.png"))
                .setFullPage(true));

        page.navigate(baseUrl() + "/talent/talents?q=浏览器测试人才");
        assertThat(page.textContent("[data-testid=talents-table]")).contains("1411**********");
        page.navigate(baseUrl() + "/talent/talents?year=2024&sort=degree&dir=asc&lang=en");
        assertThat(page.textContent("h1")).isEqualTo("Introduced talents");
        assertThat(page.locator("[data-testid=talents-table] tbody tr").count()).isEqualTo(20);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("talent-list-en.png"))
                .setFullPage(true));
        page.navigate(baseUrl() + "/talent/talents?lang=zh_CN");
        page.navigate(baseUrl() + "/talent?region=141129&year=2024");
        page.waitForSelector("#talent-dashboard[data-charts-ready=true]");
        assertThat(page.locator("#chart-degree svg").count()).isGreaterThan(0);
        assertThat(page.locator("#chart-monthly canvas").count()).isGreaterThan(0);
        assertThat(page.textContent("[data-testid=kpi-postgraduates]")).isEqualTo("143");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("talent-dashboard.png"))
                .setFullPage(true));
        assertThat(errors).isEmpty();
    }

    @Test
    void aTaskReachesTheCountyInboxIsAnsweredAndClosed() throws Exception {
        var errors = new ArrayList<String>();
        Page city = newPage(1440, 1000, errors);
        signIn(city, "city");
        // the board, with its chart once warnings have been evaluated
        city.navigate(baseUrl() + "/supervision");
        city.click("[data-testid=evaluate]");
        city.waitForSelector("#warningChart svg");
        city.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("supervision-board.png"))
                .setFullPage(true));
        // issue a task to 孝义; an empty title is an inline error first
        city.navigate(baseUrl() + "/supervision/tasks/new");
        city.selectOption("#regionId", new SelectOption().setLabel("孝义市"));
        city.fill("#requirement", "请于一周内组织企业现场办公并回复进展");
        city.click("[data-testid=task-form] button[type=submit]");
        assertThat(city.textContent("#title ~ .invalid-feedback")).contains("此项必填");
        city.fill("#title", "浏览器督办测试");
        city.click("[data-testid=task-form] button[type=submit]");
        city.waitForSelector("[data-testid=task-status]");
        String taskUrl = city.url();

        Page county = newPage(1280, 900, errors);
        signIn(county, "xiaoyi");
        county.waitForSelector("[data-testid=unread]");
        assertThat(Integer.parseInt(county.textContent("[data-testid=unread]").trim()))
                .isPositive();
        county.click("[data-testid=inbox-link]");
        county.waitForSelector("[data-testid=inbox-list]");
        county.screenshot(
                new Page.ScreenshotOptions().setPath(SHOTS.resolve("inbox.png")).setFullPage(true));
        county.locator("[data-testid=inbox-list] a", new Page.LocatorOptions().setHasText("浏览器督办测试"))
                .first()
                .click();
        county.waitForSelector("[data-testid=respond-form]");
        county.fill("[data-testid=respond-form] #text", "已于本周三组织现场办公，企业提出的用电问题已协调");
        county.click("[data-testid=respond-form] button[type=submit]");
        county.waitForSelector("[data-testid=task-status]");
        assertThat(county.textContent("[data-testid=task-status]")).isEqualTo("已回复待审核");

        city.navigate(taskUrl);
        city.click("[data-testid=review-form] button[value=true]");
        city.waitForSelector("[data-testid=task-status]");
        assertThat(city.textContent("[data-testid=task-status]")).isEqualTo("已办结");
        assertThat(city.locator("[data-testid=task-events] li").count()).isEqualTo(3);
        city.screenshot(
                new Page.ScreenshotOptions().setPath(SHOTS.resolve("task.png")).setFullPage(true));
        assertThat(errors).isEmpty();
    }
}
