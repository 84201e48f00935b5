package cn.yinfeng;

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
}
