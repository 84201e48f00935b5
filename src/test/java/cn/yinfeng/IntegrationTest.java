package cn.yinfeng;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.accounts.TestAccounts;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of the integration tests: the whole application on a random port with the demo data, against real
 * PostgreSQL (embedded, or the server named by YINFENG_DB_URL). All subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles({"demo", "test"})
@Import({IntegrationTest.TestClock.class, TestAccounts.class, MockMvcSessions.class})
public abstract class IntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(ZoneId.of("Asia/Shanghai"));
        }
    }

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected TestAccounts accounts;

    @LocalServerPort
    protected int port;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Count of audit rows matching action, user name and outcome. */
    protected long auditRows(String action, String username, String outcome) {
        return jdbc.sql("select count(*) from audit_log where action = :a and username is not distinct from :u "
                        + "and outcome = :o")
                .param("a", action)
                .param("u", username)
                .param("o", outcome)
                .query(Long.class)
                .single();
    }

    /** A project's current version, as a client that just read it would send. */
    protected long projectVersion(long id) {
        return jdbc.sql("select version from project where id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    /** A region's id by its code. */
    protected long regionByCode(String code) {
        return jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    /** The county submits the project through the API and the city approves it. */
    protected void submitAndApprove(long id, String countyToken) throws Exception {
        for (String[] step : new String[][] {{countyToken, "SUBMIT"}, {"Bearer demo-token-city", "APPROVE"}}) {
            mvc.perform(post("/api/v1/projects/" + id + "/reviews")
                            .header("Authorization", step[0])
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"action\":\"" + step[1] + "\",\"version\":" + projectVersion(id) + "}"))
                    .andExpect(status().isOk());
        }
    }
}
