package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.TestAccounts;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The project list as a user works it: hides a column and finds it still hidden after a reload, switches the page
 * size, opens page 3, selects the page, saves the filter and applies it from the menu. Screenshots at 1440 and 390 px.
 */
class ProjectListBrowserIT extends BrowserTest {

    private Page login(BrowserContext context, String user) {
        Page page = context.newPage();
        page.navigate(baseUrl() + "/login");
        page.fill("#username", user);
        page.fill("#password", TestAccounts.PASSWORD);
        page.click("button[type=submit]");
        page.waitForURL(baseUrl() + "/");
        return page;
    }

    private void shot(Page page, String name, int width) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve(name + "-" + width + ".png"))
                .setFullPage(true));
    }

    /** What the screen shows (not the full page): the top of a long list on a phone. */
    private void screen(Page page, String name, int width) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + "-screen-" + width + ".png")));
    }

    private int rows(Page page) {
        return page.locator("[data-testid=projects-table] tbody tr").count();
    }

    @Test
    void aColumnChoicePersistsAndPagesSizesAndSavedFiltersWork() {
        String tag = "列表测试浏览" + (System.nanoTime() % 1_000_000_000L);
        List<Long> ids = jdbc.sql("""
                        insert into project (code, name, name_key, region_id, total_investment, stage, signed_on)
                        select 'LPB-' || :tag || '-' || g, :tag || '-' || g, :tag || '-' || g, r.id, 2000 + g,
                               'SIGNED', date '2031-01-01' + g
                          from region r, generate_series(1, 65) g where r.code = '141181'
                        returning id
                        """).param("tag", tag).query(Long.class).list();
        List<Long> newestFirst = new ArrayList<>(ids);
        newestFirst.sort((a, b) -> Long.compare(b, a));
        String user = accounts.create("lpui", "141181", Role.COUNTY_STAFF);
        var errors = new ArrayList<String>();

        var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
        Page page = login(context, user);
        page.onPageError(errors::add);
        page.navigate(baseUrl() + "/projects?q=" + tag);
        assertThat(page.textContent("[data-testid=pager-total]")).contains("65");
        assertThat(rows(page)).isEqualTo(20);
        assertThat(page.locator("th[data-col=leader]").count()).isEqualTo(1);

        // hide 包联领导: gone now and after a reload
        page.click("[data-testid=column-chooser]");
        page.uncheck("[data-testid=col-leader]");
        shot(page, "list-columns", 1440);
        page.click("[data-testid=columns-apply]");
        page.waitForSelector("[data-testid=projects-table]");
        assertThat(page.locator("th[data-col=leader]").count()).isZero();
        page.reload();
        assertThat(page.locator("th[data-col=leader]").count()).isZero();
        assertThat(page.locator("th[data-col=region]").count()).isEqualTo(1);
        assertThat(page.getAttribute("[data-testid=export-xlsx]", "href")).contains("hide=leader");

        // page size 50, then back to 20 and page 3
        page.click("[data-testid=page-size-50]");
        assertThat(rows(page)).isEqualTo(50);
        page.click("[data-testid=page-size-20]");
        assertThat(rows(page)).isEqualTo(20);
        page.click("[data-testid=page-3]");
        page.waitForURL(url -> url.contains("page=3"));
        assertThat(rows(page)).isEqualTo(20);
        assertThat(page.getAttribute(
                        "[data-testid=projects-table] tbody tr:first-child [data-row-select]", "data-row-select"))
                .isEqualTo(String.valueOf(newestFirst.get(40)));
        page.click("[data-testid=next-page]");
        assertThat(rows(page)).isEqualTo(5);
        page.click("[data-testid=prev-page]");
        page.waitForLoadState(); // the list's script binds the selection on load: check after it
        assertThat(page.getAttribute(
                        "[data-testid=projects-table] tbody tr:first-child [data-row-select]", "data-row-select"))
                .isEqualTo(String.valueOf(newestFirst.get(40)));

        // select the page: the count and the export of the selection
        page.check("[data-testid=select-all]");
        assertThat(page.textContent("[data-testid=selected-count]")).contains("20");
        assertThat(page.getAttribute("[data-testid=export-selected]", "href")).contains("ids=" + newestFirst.get(40));
        shot(page, "list-page3", 1440);

        // save the filter, leave it, apply it from the menu
        page.click("[data-testid=save-filter]");
        page.fill("#saved-filter-name", "列表测试筛选");
        page.click("[data-testid=save-filter-submit]");
        assertThat(page.textContent("[data-testid=flash]")).contains("筛选已保存");
        page.navigate(baseUrl() + "/projects");
        page.click("[data-testid=saved-filters]");
        shot(page, "list-saved-filters", 1440);
        page.click("[data-testid=saved-filter-menu] a:has-text('列表测试筛选')");
        page.waitForURL(url -> url.contains("q="));
        assertThat(page.textContent("[data-testid=pager-total]")).contains("65");
        assertThat(page.textContent("[data-testid=projects-table]")).contains(tag);
        context.close();

        var narrow = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844));
        Page small = login(narrow, user);
        small.onPageError(errors::add);
        small.navigate(baseUrl() + "/projects?q=" + tag + "&page=2");
        assertThat(small.locator("th[data-col=leader]").count()).isZero();
        shot(small, "list-page2", 390);
        small.click("[data-testid=column-chooser]");
        shot(small, "list-columns", 390);
        screen(small, "list-columns", 390);
        small.keyboard().press("Escape");
        small.locator("[data-testid=pager]").scrollIntoViewIfNeeded();
        screen(small, "list-pager", 390);
        // the enterprise registry's numbered pager, on a phone and on a desktop
        small.navigate(baseUrl() + "/enterprises");
        small.locator("[data-testid=pager]").scrollIntoViewIfNeeded();
        assertThat(small.textContent("[data-testid=pager-total]")).contains("共");
        screen(small, "enterprises-pager", 390);
        narrow.close();
        var wide = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
        Page desk = login(wide, user);
        desk.onPageError(errors::add);
        desk.navigate(baseUrl() + "/enterprises");
        shot(desk, "enterprises-list", 1440);
        wide.close();

        // the talent lists' numbered pager (the talent office's demo user)
        for (int width : new int[] {1440, 390}) {
            var context2 = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 900));
            Page t = context2.newPage();
            t.onPageError(errors::add);
            t.navigate(baseUrl() + "/login");
            t.fill("#username", "talent");
            t.fill("#password", "Yinfeng@2024");
            t.click("button[type=submit]");
            t.waitForURL(baseUrl() + "/");
            t.navigate(baseUrl() + "/talent/talents?size=5&page=2");
            assertThat(t.textContent("[data-testid=pager]")).contains("3");
            t.locator("[data-testid=pager]").scrollIntoViewIfNeeded();
            screen(t, "talent-pager", width);
            context2.close();
        }
        assertThat(errors).isEmpty();
    }
}
