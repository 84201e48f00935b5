package cn.yinfeng.targets;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The targets page in Chromium as {@code city}: 1019.6亿 typed for 孝义市 in 2033 and saved, the value shown in 亿元
 * and the completion column beside it; screenshots at 1440 and 390 px in target/screenshots.
 */
class TargetsBrowserIT extends BrowserTest {

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
    void cityTypesATargetInYiAndSeesItWithTheCompletion() {
        long xiaoyi = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        var errors = new ArrayList<String>();
        Page page = signedIn("city", 1440, errors);
        page.navigate(baseUrl() + "/targets?regionId=" + xiaoyi + "&year=2033");
        page.fill("#t_SIGNED_AMOUNT", "1019.6亿");
        page.fill("#t_SIGNED_COUNT", "一百");
        page.click("[data-testid=save]");
        page.waitForLoadState();
        assertThat(page.textContent("[data-testid=problems]")).contains("未保存");
        assertThat(page.inputValue("#t_SIGNED_COUNT")).isEqualTo("一百");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("targets-errors-1440.png"))
                .setFullPage(true));
        page.fill("#t_SIGNED_COUNT", "120项");
        page.click("[data-testid=save]");
        page.waitForURL(u -> u.contains("year=2033"));
        assertThat(page.textContent("[data-testid=flash]")).contains("目标已保存");
        assertThat(page.inputValue("#t_SIGNED_AMOUNT")).isEqualTo("1019.6");
        assertThat(page.inputValue("select[name=u_SIGNED_AMOUNT]")).isEqualTo("YI");
        // switching the unit converts the figure, exactly
        page.selectOption("select[name=u_SIGNED_AMOUNT]", "WAN");
        assertThat(page.inputValue("#t_SIGNED_AMOUNT")).isEqualTo("10196000");
        assertThat(jdbc.sql("select value from target where region_id = :r and year = 2033 "
                                + "and indicator_code = 'SIGNED_AMOUNT'")
                        .param("r", xiaoyi)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("10196000");
        assertThat(page.textContent("thead")).contains("完成率");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("targets-1440.png"))
                .setFullPage(true));

        for (int width : new int[] {1440, 390}) {
            Page p = signedIn("city", width, errors);
            p.navigate(baseUrl() + "/targets");
            int year = jdbc.sql("select extract(year from max(m.month))::int from stats_project_month m join region r "
                            + "on r.id = m.region_id where r.code = '141100' and m.event = 'SIGNED'")
                    .query(Integer.class)
                    .single();
            assertThat(p.textContent("[data-testid=months]")).contains(year + "年1-");
            // the demo's year, with the city's targets
            p.navigate(baseUrl() + "/targets?year=2024");
            assertThat(p.textContent("[data-testid=months]")).contains("2024年1-12月");
            assertThat(p.textContent("[data-code=SIGNED_AMOUNT] [data-col=completion]"))
                    .endsWith("%");
            p.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("targets-city-2024-" + width + ".png"))
                    .setFullPage(true));
        }
        assertThat(errors).isEmpty();
    }
}
