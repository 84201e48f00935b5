package cn.yinfeng.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The audit page in Chromium at 1440 and 390 px as {@code admin}: names, 本机, change lines; screenshots saved. */
class AuditPageBrowserIT extends BrowserTest {

    @Autowired
    AuditLog audit;

    @Test
    void theAuditPageReadsInWordsOnAScreenAndAPhone() {
        long adminId = jdbc.sql("select id from app_user where username = 'admin'")
                .query(Long.class)
                .single();
        String name = "charts-page-" + System.nanoTime();
        AuditActor actor = new AuditActor() {
            public Long userId() {
                return adminId;
            }

            public String username() {
                return name;
            }

            public Long regionId() {
                return null;
            }
        };
        audit.record(
                actor,
                name,
                "PROJECT_UPDATE",
                "project",
                1L,
                Outcome.SUCCESS,
                "name: 甲 -> 乙; counted: true -> false",
                "::1");
        audit.record(actor, name, "LOGIN", "user", adminId, Outcome.SUCCESS, null, "::ffff:192.168.1.20");
        var errors = new ArrayList<String>();
        for (int width : new int[] {1440, 390}) {
            var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 900));
            Page page = context.newPage();
            page.onPageError(errors::add);
            page.navigate(baseUrl() + "/login");
            page.fill("#username", "admin");
            page.fill("#password", "Yinfeng@2024");
            page.click("button[type=submit]");
            page.waitForURL(baseUrl() + "/");
            page.navigate(baseUrl() + "/admin/audit?username=" + name);
            assertThat(page.textContent("[data-testid=audit-table]"))
                    .contains("修改项目", "登录", "本机", "192.168.1.20", "名称", "甲 → 乙", "计入考核");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("audit-" + width + ".png"))
                    .setFullPage(true));
            context.close();
        }
        assertThat(errors).isEmpty();
    }
}
