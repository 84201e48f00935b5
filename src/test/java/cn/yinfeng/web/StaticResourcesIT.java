package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Webjars are served at version-agnostic URLs although the resource-URL rewriting filter is off (see
 * {@code WebConfiguration}); pages link them under their version and content hash ({@code Assets}).
 */
class StaticResourcesIT extends IntegrationTest {

    @Test
    void versionAgnosticWebjarUrlsAreServedAndPagesLinkThemAsWritten() throws Exception {
        for (String url : new String[] {
            "/webjars/bootstrap/css/bootstrap.min.css",
            "/webjars/htmx.org/dist/htmx.min.js",
            "/webjars/bootstrap/js/bootstrap.bundle.min.js"
        }) {
            byte[] body = mvc.perform(get(url))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsByteArray();
            assertThat(body.length).as(url).isGreaterThan(10_000);
        }
        String login = mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(login).containsPattern("href=\"/webjars/bootstrap/[0-9.]+/css/bootstrap\\.min-[0-9a-f]{32}\\.css\"");
    }
}
