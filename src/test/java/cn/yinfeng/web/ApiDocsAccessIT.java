package cn.yinfeng.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** In the demo profile the API's description stays open (yinfeng.api-docs.public); prod: ForwardedHeadersIT. */
class ApiDocsAccessIT extends IntegrationTest {

    @Test
    @DisplayName("issue 16: the demo serves the OpenAPI document and Swagger UI without a sign-in")
    void theDemoServesTheApiDocsWithoutASignIn() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }
}
