package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.BrowserTest;
import com.jayway.jsonpath.JsonPath;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * 中阳县's clerk in Chromium answers a share 孝义市 recorded: a dispute without a reason is refused on the list with
 * the message, the reason is then given, and after 孝义市's answer the clerk confirms it in a batch. The dashboard
 * says a figure waits for confirmation; the ledger page offers the back-fill option. Screenshots at 1440 and 390 px.
 */
class SplitCreditBrowserIT extends BrowserTest {

    private Page login(BrowserContext context, String user) {
        Page page = context.newPage();
        page.navigate(baseUrl() + "/login");
        page.fill("#username", user);
        page.fill("#password", "Yinfeng@2024");
        page.click("button[type=submit]");
        page.waitForURL(baseUrl() + "/");
        return page;
    }

    private void shot(Page page, String name, int width) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve(name + "-" + width + ".png"))
                .setFullPage(true));
    }

    @Test
    void theAttractingClerkDisputesThenConfirms() throws Exception {
        long xiaoyi = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        long zhongyang = jdbc.sql("select id from region where code = '141129'")
                .query(Long.class)
                .single();
        String created = mvc.perform(post("/api/v1/projects")
                        .header("Authorization", "Bearer demo-token-xiaoyi")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "高端铸造产业园二期", "regionId": %d, "attractingRegionId": %d, "attractingShare": 30,
                                 "totalInvestment": 36000, "contractAmount": 35000, "fundOrigin": "OUT_OF_PROVINCE",
                                 "stage": "SIGNED", "signedOn": "2023-08-08"}
                                """.formatted(xiaoyi, zhongyang)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        submitAndApprove(id, "Bearer demo-token-xiaoyi");

        var errors = new ArrayList<String>();
        for (int width : new int[] {1440, 390}) {
            var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 900));
            Page page = login(context, "zhongyang");
            page.onPageError(errors::add);
            page.navigate(baseUrl() + "/projects/credits?q=高端铸造");
            var row = page.locator("[data-testid=credit-" + id + "]");
            if (width == 1440) {
                assertThat(row.getAttribute("data-state")).isEqualTo("PENDING");
                row.locator("[data-testid=dispute]").click();
                assertThat(page.textContent("[data-testid=credit-error]")).contains("异议理由");
                page.fill("#note-" + id, "我县只协助对接一次，分成应为10%");
                page.locator("[data-testid=credit-" + id + "] [data-testid=dispute]")
                        .click();
                assertThat(page.textContent("[data-testid=flash]")).contains("已提出异议");
                page.navigate(baseUrl() + "/projects/credits?q=高端铸造");
                assertThat(page.locator("[data-testid=credit-" + id + "]").getAttribute("data-state"))
                        .isEqualTo("DISPUTED");
                assertThat(page.textContent("[data-testid=credit-" + id + "]")).contains("分成应为10%");
            }
            shot(page, "credits", width);
            page.navigate(baseUrl() + "/projects/" + id);
            assertThat(page.textContent("[data-testid=split-state]")).isEqualTo("有异议");
            shot(page, "project-split", width);
            page.navigate(baseUrl() + "/stats?region=141129&to=2023-12");
            assertThat(page.textContent("[data-testid=splits-note]")).contains("有异议的分成 1 个");
            shot(page, "dashboard-splits", width);
            page.navigate(baseUrl() + "/ledger?kind=projects");
            assertThat(page.isVisible("[data-testid=backfill]")).isTrue();
            shot(page, "ledger-backfill", width);
            context.close();
        }

        // the clerk confirms in a batch; the list and the dashboard follow
        var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
        Page page = login(context, "zhongyang");
        page.navigate(baseUrl() + "/projects/credits?q=高端铸造");
        page.check("[data-testid=credit-" + id + "] input[name=pick]");
        page.click("[data-testid=confirm-picked]");
        assertThat(page.textContent("[data-testid=flash]")).contains("已确认 1 个");
        page.navigate(baseUrl() + "/projects/credits?q=高端铸造&state=CONFIRMED");
        assertThat(page.locator("[data-testid=credit-" + id + "]").getAttribute("data-state"))
                .isEqualTo("CONFIRMED");
        context.close();
        assertThat(errors).isEmpty();
    }
}
