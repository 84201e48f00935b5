package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 孝义市's clerk selects two drafts on the project list and submits them in one go; the city reviewer opens the review
 * queue, selects both and approves them with one opinion. Screenshots of both pages at 1440 and 390 px.
 */
class BatchReviewBrowserIT extends BrowserTest {

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

    private String status(long id) {
        return jdbc.sql("select review_status from project where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    @Test
    void theCountySubmitsTwoAndTheCityApprovesBothInOneGo() {
        String tag = "批审浏览" + (System.nanoTime() % 1_000_000_000L);
        List<Long> ids = jdbc.sql("""
                        insert into project (code, name, name_key, region_id, total_investment, stage, signed_on)
                        select 'BRB-' || :tag || '-' || g, :tag || '号项目' || g, :tag || '号项目' || g, r.id, 8000,
                               'SIGNED', ('2012-05-0' || g)::date
                          from region r, generate_series(1, 2) g where r.code = '141181'
                        returning id
                        """).param("tag", tag).query(Long.class).list();
        var errors = new ArrayList<String>();

        var county = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
        Page list = login(county, "xiaoyi");
        list.onPageError(errors::add);
        list.navigate(baseUrl() + "/projects?q=" + tag);
        for (long id : ids) {
            list.check("[data-testid=select-" + id + "]");
        }
        shot(list, "batch-submit-list", 1440);
        list.click("[data-testid=batch-submit]");
        assertThat(list.textContent("[data-testid=flash]")).contains("2");
        assertThat(ids).allSatisfy(id -> assertThat(status(id)).isEqualTo("SUBMITTED"));
        county.close();

        for (int width : new int[] {390, 1440}) {
            var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 900));
            Page page = login(context, "city");
            page.onPageError(errors::add);
            page.navigate(baseUrl() + "/projects/review?q=" + tag);
            assertThat(page.textContent("[data-testid=review-queue]"))
                    .contains(tag)
                    .contains("等待");
            assertThat(page.textContent("[data-testid=county-counts]")).contains("孝义");
            shot(page, "review-queue", width);
            page.click("a[href$='/projects/" + ids.get(0) + "/review']");
            assertThat(page.textContent("[data-testid=first-submission]")).contains("首次提交");
            assertThat(page.textContent("[data-testid=compare-table]")).contains(tag);
            shot(page, "review-compare", width);
            page.navigate(baseUrl() + "/projects/review?q=" + tag);
            if (width == 1440) {
                for (long id : ids) {
                    page.check("[data-testid=select-" + id + "]");
                }
                page.fill("[data-testid=batch-bar] input[name=opinion]", "材料齐全，同意");
                page.click("[data-testid=batch-approve]");
                assertThat(page.textContent("[data-testid=flash]")).contains("2");
                shot(page, "review-queue-after", width);
            }
            context.close();
        }
        assertThat(ids).allSatisfy(id -> assertThat(status(id)).isEqualTo("APPROVED"));
        assertThat(jdbc.sql("select count(*) from project_review where project_id = any(:ids) and action = 'APPROVE'"
                                + " and opinion = '材料齐全，同意'")
                        .param("ids", ids.toArray(Long[]::new))
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(errors).isEmpty();
    }
}
