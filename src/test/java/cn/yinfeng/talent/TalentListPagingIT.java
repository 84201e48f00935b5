package cn.yinfeng.talent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** The talent lists' numbered pager: page 3 by its number link and by the go-to box is the same third slice. */
class TalentListPagingIT extends IntegrationTest {

    private static String tbody(String html) {
        return html.substring(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
    }

    @Test
    void pageThreeByNumberAndByTheGoToBoxIsTheThirdSlice() throws Exception {
        var session = (MockHttpSession) mvc.perform(formLogin().user("talent").password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
        String byLink = mvc.perform(get("/talent/talents?size=5&page=2").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String byBox = mvc.perform(get("/talent/talents?size=5&pageNo=3").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String first = mvc.perform(get("/talent/talents?size=5").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(byLink).contains("data-testid=\"pager-total\"").contains("name=\"pageNo\"");
        assertThat(byLink)
                .containsPattern(
                        "aria-current=\"page\"[^>]*data-testid=\"page-3\"|data-testid=\"page-3\"[^>]*aria-current=\"page\"");
        // the other page links keep the page size and count from 0
        assertThat(byLink).contains("size=5&amp;sort=date&amp;dir=desc&amp;page=0");
        assertThat(tbody(byBox)).isEqualTo(tbody(byLink));
        assertThat(tbody(first)).isNotEqualTo(tbody(byLink));
    }
}
