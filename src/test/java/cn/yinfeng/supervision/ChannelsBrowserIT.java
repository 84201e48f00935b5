package cn.yinfeng.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group-chat robots page as city staff use it: a wrong address comes back with everything typed and the
 * message at the field; the saved robot is listed with its address masked; on a phone the page reads without
 * sideways scrolling of the page itself.
 */
class ChannelsBrowserIT extends BrowserTest {

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

    @AfterEach
    void disableMine() {
        jdbc.sql("update notification_channel set enabled = false where name like '页面机器人测试%'")
                .update();
    }

    @Test
    void aWrongAddressKeepsWhatWasTypedAndTheSavedRobotIsListedMasked() throws Exception {
        var errors = new ArrayList<String>();
        Page city = signedIn("city", 1440, errors);
        city.navigate(baseUrl() + "/supervision/channels");
        city.fill("#name", "页面机器人测试群");
        city.selectOption("#kind", "DINGTALK");
        city.fill("#url", "oapi.dingtalk.com/robot/send?access_token=pagetoken2037");
        city.fill("#secret", "SECpage2037");
        city.check("#nk-TASK");
        city.click("[data-testid=channel-form] button[type=submit]");

        city.waitForSelector("#url.is-invalid");
        assertThat(city.textContent("#url ~ .invalid-feedback")).contains("http 或 https");
        assertThat(city.inputValue("#name")).isEqualTo("页面机器人测试群");
        assertThat(city.inputValue("#kind")).isEqualTo("DINGTALK");
        assertThat(city.inputValue("#url")).isEqualTo("oapi.dingtalk.com/robot/send?access_token=pagetoken2037");
        assertThat(city.isChecked("#nk-TASK")).isTrue();
        city.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("channels-error-1440.png"))
                .setFullPage(true));

        city.fill("#url", "http://127.0.0.1:9/robot/send?access_token=pagetoken2037");
        city.fill("#secret", "SECpage2037");
        city.click("[data-testid=channel-form] button[type=submit]");
        city.waitForSelector("[data-testid=channels] >> text=页面机器人测试群");
        String table = city.textContent("[data-testid=channels]");
        assertThat(table).contains("钉钉").doesNotContain("pagetoken2037").doesNotContain("SECpage2037");
        city.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("channels-1440.png"))
                .setFullPage(true));

        Page phone = signedIn("city", 390, errors);
        phone.navigate(baseUrl() + "/supervision/channels");
        phone.waitForSelector("[data-testid=channels]");
        assertThat((Boolean) phone.evaluate(
                        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"))
                .as("no sideways scrolling of the page")
                .isTrue();
        phone.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("channels-390.png"))
                .setFullPage(true));
        assertThat(errors).isEmpty();
    }
}
