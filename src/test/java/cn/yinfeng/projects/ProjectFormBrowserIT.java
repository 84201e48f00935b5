package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The project form as a county clerk meets it: a mistake brings the form back with everything typed and the message
 * at the field; the parent of an expansion is found by typing its name, not its id; the origin of funds is never
 * chosen for the user; the timeline shows Beijing time.
 */
class ProjectFormBrowserIT extends BrowserTest {

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

    private long idOf(Page page) {
        String url = page.url();
        return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
    }

    @Test
    void aWrongCreditCodeKeepsWhatWasTypedAndTheParentIsPickedBySearch() throws Exception {
        var errors = new ArrayList<String>();
        Page county = signedIn("xiaoyi", 1440, errors);

        county.navigate(baseUrl() + "/projects/new");
        county.fill("#name", "表单回显测试焦化一期");
        county.fill("#totalInvestment", "120000");
        county.click("[data-testid=project-form] button[type=submit]");
        county.waitForSelector("[data-testid=project-name]");
        long parent = idOf(county);

        county.navigate(baseUrl() + "/projects/new");
        // the required fields say so
        assertThat(county.evaluate(
                        "() => getComputedStyle(document.querySelector('label[for=name]'), '::after')" + ".content"))
                .isEqualTo("\" *\"");
        assertThat(county.inputValue("#fundOrigin")).isEmpty();
        county.fill("#name", "表单回显测试焦化二期扩建");
        county.fill("#totalInvestment", "35000.5");
        county.fill("#newInvestorName", "山西表单回显焦化有限公司");
        // a clerk's typo: one character of a real-looking code changed, so its check character is wrong
        county.fill("#newInvestorCode", "91141100MA0GXXXX1A");
        county.fill("#expansionOfSearch", "回显测试焦化一");
        county.waitForSelector("[data-pick-id='" + parent + "']");
        county.click("[data-pick-id='" + parent + "']");
        assertThat(county.inputValue("input[name=expansionOfId]")).isEqualTo(String.valueOf(parent));
        county.click("[data-testid=project-form] button[type=submit]");

        county.waitForSelector("#newInvestorCode.is-invalid");
        assertThat(county.textContent("#newInvestorCode + .invalid-feedback")).contains("统一社会信用代码");
        assertThat(county.inputValue("#name")).isEqualTo("表单回显测试焦化二期扩建");
        assertThat(county.inputValue("#totalInvestment")).isEqualTo("35000.5");
        assertThat(county.inputValue("#newInvestorName")).isEqualTo("山西表单回显焦化有限公司");
        assertThat(county.inputValue("#newInvestorCode")).isEqualTo("91141100MA0GXXXX1A");
        assertThat(county.inputValue("input[name=expansionOfId]")).isEqualTo(String.valueOf(parent));
        assertThat(county.inputValue("#expansionOfSearch")).contains("表单回显测试焦化一期");
        assertThat(jdbc.sql("select count(*) from project where name = '表单回显测试焦化二期扩建'")
                        .query(Long.class)
                        .single())
                .isZero();
        county.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("project-form-error-1440.png"))
                .setFullPage(true));

        // the code without its mistake: saved, with the parent and no origin chosen for the clerk
        county.fill("#newInvestorCode", "");
        county.click("[data-testid=project-form] button[type=submit]");
        county.waitForSelector("[data-testid=project-name]");
        long child = idOf(county);
        record Saved(Long expansionOf, String origin, Timestamp createdAt) {}
        Saved saved = jdbc.sql("select expansion_of_id, fund_origin, created_at from project where id = :id")
                .param("id", child)
                .query((rs, n) -> new Saved((Long) rs.getObject(1), rs.getString(2), rs.getTimestamp(3)))
                .single();
        assertThat(saved.expansionOf()).isEqualTo(parent);
        assertThat(saved.origin()).isNull();

        // one clock: the timeline's time of the creation is Beijing time
        String beijing = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(saved.createdAt().toInstant().atZone(ZoneId.of("Asia/Shanghai")));
        assertThat(county.textContent("[data-testid=timeline]")).contains(beijing);

        Page phone = signedIn("xiaoyi", 390, errors);
        phone.navigate(baseUrl() + "/projects/" + child + "/edit");
        assertThat(phone.inputValue("#expansionOfSearch")).contains("表单回显测试焦化一期");
        phone.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("project-form-390.png"))
                .setFullPage(true));
        assertThat(errors).isEmpty();
    }

    @Test
    void theApiChoosesNoOriginOrTypeForTheCaller() throws Exception {
        long xiaoyi = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        String body = mvc.perform(post("/api/v1/projects")
                        .header("Authorization", "Bearer demo-token-xiaoyi")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"接口未填来源测试项目\",\"regionId\":" + xiaoyi + ",\"totalInvestment\":6000}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).doesNotContain("OUT_OF_PROVINCE");
        assertThat(jdbc.sql("select count(*) from project where name = '接口未填来源测试项目'"
                                + " and fund_origin is null and project_type is null")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
