package cn.yinfeng.enterprises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.TestAccounts;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** The enterprise registry's numbered pages: total, page numbers, the go-to box and a page size that is kept. */
class EnterpriseListPagingIT extends IntegrationTest {

    private String html(MockHttpSession session, String url) throws Exception {
        return mvc.perform(get(url).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void pageNumbersOpenTheNthSliceAndThePageSizeIsKept() throws Exception {
        String tag = "列表测试企业" + (System.nanoTime() % 1_000_000_000L);
        jdbc.sql("insert into enterprise (name, name_key) select :t || '-' || lpad(g::text, 2, '0'),"
                        + " :t || '-' || lpad(g::text, 2, '0') from generate_series(1, 45) g")
                .param("t", tag)
                .update();
        String user = accounts.create("lpe", "141100", Role.CITY_STAFF);
        var session = (MockHttpSession) mvc.perform(formLogin().user(user).password(TestAccounts.PASSWORD))
                .andReturn()
                .getRequest()
                .getSession();
        String base = "/enterprises?q=" + tag + "&sort=name&dir=asc";

        String third = html(session, base + "&page=2");
        assertThat(third)
                .contains("共 45 条")
                .contains(tag + "-41")
                .contains(tag + "-45")
                .doesNotContain(tag + "-40");
        assertThat(third).contains("data-testid=\"page-3\"").contains("aria-current=\"page\"");
        // page 1's link asks for page 0 (this list counts pages from 0); the go-to box sends pageNo from 1
        assertThat(third).contains("page=0").contains("name=\"pageNo\"");
        assertThat(html(session, base + "&pageNo=2"))
                .contains(tag + "-21")
                .contains(tag + "-40")
                .doesNotContain(tag + "-20<")
                .doesNotContain(tag + "-41");

        // 50 a page, kept for the next visit without the parameter
        assertThat(html(session, base + "&size=50")).contains(tag + "-45").contains(tag + "-01");
        assertThat(html(session, base)).contains(tag + "-45").contains("aria-current=\"true\"");
    }
}
