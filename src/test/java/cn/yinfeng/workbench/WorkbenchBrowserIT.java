package cn.yinfeng.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Home is each role's workbench: the county sees what came back with the reviewer's opinion and its drafts, the
 * city its review queue by county, the leader key figures and own projects (on a phone too), the talent office its
 * campaigns; each item links to its work.
 */
class WorkbenchBrowserIT extends BrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    private long[] created(String name) throws Exception {
        long region = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        String body = mvc.perform(post("/api/v1/projects")
                        .header("Authorization", "Bearer demo-token-xiaoyi")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"regionId\":" + region
                                + ",\"totalInvestment\":9000,\"stage\":\"NEGOTIATING\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var node = JSON.readTree(body);
        return new long[] {node.get("id").asLong(), node.get("version").asLong()};
    }

    private long review(long id, String token, String action, long version, String opinion) throws Exception {
        String body = mvc.perform(post("/api/v1/projects/" + id + "/reviews")
                        .header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"" + action + "\",\"version\":" + version
                                + (opinion == null ? "" : ",\"opinion\":\"" + opinion + "\"") + "}"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JSON.readTree(body).get("version").asLong();
    }

    @Test
    void eachRoleSeesItsWorkAndEachItemOpensIt() throws Exception {
        created("工作台测试草稿项目");
        long[] returned = created("工作台测试退回项目");
        long v = review(returned[0], "Bearer demo-token-xiaoyi", "SUBMIT", returned[1], null);
        review(returned[0], "Bearer demo-token-city", "RETURN", v, "请补充投资协议扫描件");
        long[] waiting = created("工作台测试待审项目");
        review(waiting[0], "Bearer demo-token-xiaoyi", "SUBMIT", waiting[1], null);

        var errors = new ArrayList<String>();
        Page county = signedIn("xiaoyi", 1440, errors);
        assertThat(county.textContent("[data-testid=wb-returned]"))
                .contains("工作台测试退回项目")
                .contains("请补充投资协议扫描件");
        assertThat(county.textContent("[data-testid=wb-drafts]")).contains("工作台测试草稿项目");
        assertThat(county.textContent("[data-testid=wb-drafts]")).doesNotContain("工作台测试退回项目");
        assertThat(county.textContent("[data-testid=wb-waiting]")).contains("工作台测试待审项目");
        assertThat(county.locator("[data-testid=wb-review]").count()).isZero();
        // the return reached the county's inbox with the opinion, and the note opens the project
        assertThat(county.textContent("[data-testid=wb-inbox]"))
                .contains("工作台测试退回项目")
                .contains("请补充投资协议扫描件");
        county.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("workbench-county-1440.png"))
                .setFullPage(true));
        // the returned one opens its form, to be changed
        county.click("[data-testid=wb-returned] a:has-text('工作台测试退回项目')");
        county.waitForURL(baseUrl() + "/projects/" + returned[0] + "/edit");

        Page city = signedIn("city", 1440, errors);
        String queue = city.textContent("[data-testid=wb-review]");
        assertThat(queue).contains("孝义市");
        long waitingInCity = jdbc.sql("select count(*) from project where review_status = 'SUBMITTED'")
                .query(Long.class)
                .single();
        assertThat(queue).contains("（" + waitingInCity + "）");
        // the submission reached the city's reviewers
        assertThat(city.textContent("[data-testid=wb-inbox]")).contains("工作台测试待审项目");
        city.click("[data-testid=wb-inbox] a:has-text('工作台测试待审项目')");
        city.waitForURL(baseUrl() + "/projects/" + waiting[0]);
        city.navigate(baseUrl() + "/");
        city.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("workbench-city-1440.png"))
                .setFullPage(true));

        String ownProject = jdbc.sql("""
                        select p.name from project p join app_user u on u.id = p.leader_user_id
                         where u.username = 'leader' order by p.total_investment desc, p.id limit 1
                        """).query(String.class).single();
        Page leader = signedIn("leader", 390, errors);
        assertThat(leader.textContent("[data-testid=wb-figure-SIGNED_COUNT]")).isNotBlank();
        assertThat(leader.textContent("[data-testid=wb-own]")).contains(ownProject);
        leader.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("workbench-leader-390.png"))
                .setFullPage(true));
        // a figure opens the records it counted
        leader.click("[data-testid=wb-figure-SIGNED_COUNT]");
        leader.waitForURL(u -> u.contains("/stats/explain"));

        Page talent = signedIn("talent", 1440, errors);
        assertThat(talent.locator("[data-testid=wb-campaigns]").count()).isEqualTo(1);
        assertThat(talent.locator("[data-testid=wb-returned]").count()).isZero();
        talent.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("workbench-talent-1440.png"))
                .setFullPage(true));
        assertThat(errors).isEmpty();
    }
}
