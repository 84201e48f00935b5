package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The full-export confirmation step in Chromium at 1440 and 390 px (checklist #35): the talent office's menu shows
 * its own module only; the step names the number of people; submitting without purpose or confirmation shows the
 * problems; with both the file downloads. Screenshots in target/screenshots/talent-export-*.png.
 */
class TalentExportBrowserIT extends BrowserTest {

    @Test
    @DisplayName("checklist #35: the confirmation step at 1440 and 390 px, errors, then the download")
    void theConfirmationStepWorksOnWideAndNarrowScreens() throws Exception {
        for (int width : List.of(1440, 390)) {
            var errors = new ArrayList<String>();
            var context = browser.newContext(
                    new Browser.NewContextOptions().setViewportSize(width, 900).setAcceptDownloads(true));
            Page page = context.newPage();
            page.onPageError(errors::add);
            page.navigate(baseUrl() + "/login");
            page.fill("#username", "talent");
            page.fill("#password", "Yinfeng@2024");
            page.click("button[type=submit]");
            page.waitForURL(baseUrl() + "/");
            if (width == 1440) {
                assertThat(page.locator("#sidebarMenu a[href='/projects']").count())
                        .isZero();
                assertThat(page.locator("#sidebarMenu a[href='/talent']").count())
                        .isEqualTo(1);
                page.screenshot(new Page.ScreenshotOptions()
                        .setPath(SHOTS.resolve("talent-export-home-" + width + ".png"))
                        .setFullPage(true));
            }
            page.navigate(baseUrl() + "/talent/talents?year=2024");
            page.click("[data-testid=export-full]");
            page.waitForSelector("[data-testid=export-full-form]");
            assertThat(page.textContent("[data-testid=export-warning]")).contains("名人才的完整身份证号和手机号码");
            assertThat(page.textContent("[data-testid=export-people]")).isNotBlank();
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("talent-export-confirm-" + width + ".png"))
                    .setFullPage(true));

            page.click("[data-testid=export-full-submit]");
            page.waitForSelector(".invalid-feedback");
            assertThat(page.content()).contains("请选择“用途类别”").contains("请勾选确认");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("talent-export-errors-" + width + ".png"))
                    .setFullPage(true));

            page.selectOption("#purposeKind", "POLICY");
            page.fill("#purpose", "住房补贴发放前核对身份证号");
            page.check("#confirm");
            Download download = page.waitForDownload(() -> page.click("[data-testid=export-full-submit]"));
            assertThat(download.suggestedFilename()).isEqualTo("talents.xlsx");
            byte[] bytes = Files.readAllBytes(download.path());
            assertThat(bytes).startsWith((byte) 'P', (byte) 'K');
            assertThat(errors).isEmpty();
            context.close();
        }
    }
}
