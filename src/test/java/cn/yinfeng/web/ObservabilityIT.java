package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** Health and probes open (details for administrators only), Prometheus metrics for administrators or the scraper. */
class ObservabilityIT extends IntegrationTest {

    @Test
    void healthAndProbesAnswerWithoutSignInAndShowNoDetails() throws Exception {
        for (String path :
                new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            String body = mvc.perform(get(path))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("UP"))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(body).doesNotContain("components").doesNotContain("PostgreSQL");
        }
        // a county user's token is no administrator: still the bare status
        mvc.perform(get("/actuator/health/readiness").header("Authorization", "Bearer demo-token-xiaoyi"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components").doesNotExist());
    }

    @Test
    void readinessIncludesTheDatabaseForAnAdministrator() throws Exception {
        mvc.perform(get("/actuator/health/readiness").header("Authorization", "Bearer demo-token-admin"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.db.details.database").value("PostgreSQL"))
                .andExpect(jsonPath("$.components.readinessState.status").value("UP"));
        mvc.perform(get("/actuator/health/liveness").header("Authorization", "Bearer demo-token-admin"))
                .andExpect(jsonPath("$.components.db").doesNotExist())
                .andExpect(jsonPath("$.components.livenessState.status").value("UP"));
    }

    @Test
    void prometheusIsForAdministratorsAndTheScraperOnly() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer demo-token-xiaoyi"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer wrong-token"))
                .andExpect(status().isUnauthorized());
        MockHttpSession county =
                (MockHttpSession) mvc.perform(formLogin().user("xiaoyi").password("Yinfeng@2024"))
                        .andReturn()
                        .getRequest()
                        .getSession();
        mvc.perform(get("/actuator/prometheus").session(county)).andExpect(status().isForbidden());
        // other actuator endpoints are not exposed at all
        mvc.perform(get("/actuator/env").header("Authorization", "Bearer demo-token-admin"))
                .andExpect(status().isNotFound());

        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer demo-token-admin"))
                .andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer test-scrape-token"))
                .andExpect(status().isOk());
        MockHttpSession admin =
                (MockHttpSession) mvc.perform(formLogin().user("admin").password("Yinfeng@2024"))
                        .andReturn()
                        .getRequest()
                        .getSession();
        mvc.perform(get("/actuator/prometheus").session(admin)).andExpect(status().isOk());
        // the scrape token opens metrics and nothing else
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer test-scrape-token"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void metricsHoldLatencyHistogramsPoolUsageAndExports() throws Exception {
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer demo-token-city"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/enterprises/export")
                        .param("format", "csv")
                        .header("Authorization", "Bearer demo-token-city"))
                .andExpect(status().isOk());
        String metrics = mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer test-scrape-token"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(metrics)
                .contains("http_server_requests_seconds_bucket{")
                .contains("uri=\"/api/v1/me\"")
                .contains("hikaricp_connections_active{")
                .contains("hikaricp_connections_max{")
                .containsPattern("yinfeng_exports_total\\{[^}]*format=\"csv\"[^}]*kind=\"enterprises\"");
    }
}
