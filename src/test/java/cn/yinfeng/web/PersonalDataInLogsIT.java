package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.TestAccounts;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers;

/**
 * No password, API token, ID number or phone reaches the log (ASVS 7.1.1), even with the application, Spring
 * Security and Spring MVC logged at DEBUG and JDBC at TRACE, as an operator chasing a problem would set them. The
 * whole console output is captured and searched for the secret values.
 */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataInLogsIT extends IntegrationTest {

    private static final List<String> DEBUG = List.of(
            "cn.yinfeng", "org.springframework.security", "org.springframework.web", "org.springframework.transaction");
    private static final String JDBC = "org.springframework.jdbc.core";

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @BeforeEach
    void debug() {
        DEBUG.forEach(name -> logging.setLogLevel(name, LogLevel.DEBUG));
        logging.setLogLevel(JDBC, LogLevel.TRACE); // statements and, but for the pinned logger, bound values
    }

    @AfterEach
    void restore() {
        DEBUG.forEach(name -> logging.setLogLevel(name, null));
        logging.setLogLevel(JDBC, null);
        logging.setLogLevel("cn.yinfeng", LogLevel.INFO);
    }

    @Test
    void signInsLeaveNoPassword(CapturedOutput output) throws Exception {
        String user = accounts.create("logpw", "141181", Role.COUNTY_STAFF);
        mvc.perform(formLogin().user(user).password("Wrong#Secret-4711"))
                .andExpect(SecurityMockMvcResultMatchers.unauthenticated());
        mvc.perform(formLogin().user(user).password(TestAccounts.PASSWORD))
                .andExpect(SecurityMockMvcResultMatchers.authenticated());
        assertThat(output.getOut())
                .contains("/login") // the capture saw the sign-ins
                .doesNotContain("Wrong#Secret-4711")
                .doesNotContain(TestAccounts.PASSWORD)
                .doesNotContain("$2a$"); // nor a BCrypt hash
    }

    @Test
    void apiCallsLeaveNoToken(CapturedOutput output) throws Exception {
        String token = accounts.token(accounts.create("logtk", "141181", Role.COUNTY_STAFF));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer forged-token-0815"))
                .andExpect(status().isUnauthorized());
        assertThat(output.getOut()).contains("/api/v1/me").doesNotContain(token).doesNotContain("forged-token-0815");
    }

    @Test
    void aTalentsIdNumberAndPhoneStayOutOfTheLog(CapturedOutput output) throws Exception {
        String id = idNumber("14112919930615246");
        String phone = "13811224455";
        long region = jdbc.sql("select id from region where code = '141129'")
                .query(Long.class)
                .single();
        mvc.perform(post("/api/v1/talent/talents")
                        .header("Authorization", "Bearer demo-token-talent")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                        {"name":"日志测试","regionId":%d,"degree":"DOCTOR","employer":"中阳县测试单位",
                         "introducedOn":"2025-03-01","birthYear":1993,"idNumber":"%s","phone":"%s"}
                        """.formatted(region, id, phone)))
                .andExpect(status().isCreated());
        // refused inputs are not echoed into the log either: a bad check digit, a malformed document
        String badId = id.substring(0, 17) + (id.endsWith("0") ? "1" : "0");
        mvc.perform(post("/api/v1/talent/talents")
                        .header("Authorization", "Bearer demo-token-talent")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                        {"name":"日志测试二","regionId":%d,"degree":"DOCTOR","employer":"中阳县测试单位",
                         "introducedOn":"2025-03-01","idNumber":"%s","phone":"13811220000"}
                        """.formatted(region, badId)))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/talent/talents")
                        .header("Authorization", "Bearer demo-token-talent")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                        {"name":"日志测试三","regionId":%d,"birthYear":"13811229999","phone":"13811229999"}
                        """.formatted(region)))
                .andExpect(status().isBadRequest());
        assertThat(output.getOut())
                .contains("/api/v1/talent/talents")
                .doesNotContain(id)
                .doesNotContain(phone)
                .doesNotContain(badId)
                .doesNotContain("13811220000")
                .doesNotContain("13811229999");
    }

    @Test
    void aProjectContactPhoneStaysOutOfTheLog(CapturedOutput output) throws Exception {
        long region = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        mvc.perform(post("/api/v1/projects")
                        .header("Authorization", "Bearer demo-token-xiaoyi")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                        {"name":"日志联系电话项目","regionId":%d,"totalInvestment":100,
                         "contactName":"王联络","contactPhone":"13722334455"}
                        """.formatted(region)))
                .andExpect(status().isCreated());
        assertThat(output.getOut()).contains("/api/v1/projects").doesNotContain("13722334455");
    }

    /** An 18-character resident ID number with a valid GB 11643 check character. */
    static String idNumber(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}
