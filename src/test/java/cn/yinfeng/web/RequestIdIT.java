package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpSession;

/** A request id in the response header, the log lines, error pages and problem documents. */
@ExtendWith(OutputCaptureExtension.class)
class RequestIdIT extends IntegrationTest {

    @Test
    void aValidCallerIdIsKeptAndEchoed() throws Exception {
        mvc.perform(get("/api/v1/me")
                        .header("Authorization", "Bearer demo-token-city")
                        .header("X-Request-Id", "lb-7f3a_0001"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Request-Id", "lb-7f3a_0001"));
    }

    @Test
    void anInvalidIdIsReplacedAndTheReplacementIsInTheLogLine(CapturedOutput output) throws Exception {
        String id = mvc.perform(get("/api/v1/me")
                        .header("Authorization", "Bearer demo-token-city")
                        .header("X-Request-Id", "evil id\r\nINFO forged line"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getHeader("X-Request-Id");
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(output.getOut())
                .contains("[" + id + "] ")
                .containsPattern("\\[" + id + "\\] .*X-Request-Id refused")
                .doesNotContain("forged line");
        String tooLong = "a".repeat(65);
        String other = mvc.perform(get("/api/v1/me")
                        .header("Authorization", "Bearer demo-token-city")
                        .header("X-Request-Id", tooLong))
                .andReturn()
                .getResponse()
                .getHeader("X-Request-Id");
        assertThat(other).isNotEqualTo(tooLong).isNotEqualTo(id);
    }

    @Test
    void problemDocumentsCarryTheRequestId() throws Exception {
        mvc.perform(get("/api/v1/projects/999999999")
                        .header("Authorization", "Bearer demo-token-city")
                        .header("X-Request-Id", "quote-me-404"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.requestId").value("quote-me-404"));
        // written by the security filter, before Spring MVC
        mvc.perform(get("/api/v1/me").header("X-Request-Id", "quote-me-401"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.requestId").value("quote-me-401"));
        // Spring MVC's own problem documents
        mvc.perform(get("/api/v1/projects/not-a-number")
                        .header("Authorization", "Bearer demo-token-city")
                        .header("X-Request-Id", "quote-me-400"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.requestId").value("quote-me-400"));
    }

    @Test
    void errorPagesShowTheRequestId() throws Exception {
        MockHttpSession session =
                (MockHttpSession) mvc.perform(formLogin().user("city").password("Yinfeng@2024"))
                        .andReturn()
                        .getRequest()
                        .getSession();
        String page = mvc.perform(get("/projects/999999999").session(session).header("X-Request-Id", "page-404"))
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("data-testid=\"request-id\"").contains("page-404");
    }

    @Test
    void anUnknownAddressAnswersWithTheRequestId() throws Exception {
        var client = HttpClient.newHttpClient();
        var page = client.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/webjars/no-such-file.js"))
                        .header("X-Request-Id", "static-404")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("X-Request-Id")).hasValue("static-404");
        assertThat(page.body()).contains("static-404");
    }
}
