package cn.yinfeng.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.stats.MonthlyReport;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The 简报's text for every month of the demo year, for the city and for a county, passes our own report checker
 * against the report's figures: every claim agrees and no number is left unaccounted for. The same text with one
 * figure changed fails, naming it.
 */
class BriefingsIT extends IntegrationTest {

    @Autowired
    Briefings briefings;

    @Autowired
    BriefingCheck check;

    @Autowired
    MonthlyReport report;

    @Autowired
    UserDetailsService users;

    @BeforeEach
    void signIn() {
        var city = users.loadUserByUsername("city");
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(city, null, city.getAuthorities()));
        SecurityContextHolder.setContext(context);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void publishedThroughTheApiTheMonthHasItsCheckedBriefing() throws Exception {
        SecurityContextHolder.clearContext(); // signed in by the requests' tokens here
        // county staff do not publish; city staff do, and the month then has its 简报
        mvc.perform(post("/api/v1/stats/report/publish?region=141182&to=2024-07")
                        .header("Authorization", "Bearer demo-token-xiaoyi"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/stats/report/briefing?region=141182&to=2024-07")
                        .header("Authorization", "Bearer demo-token-city"))
                .andExpect(status().isBadRequest());
        String published = mvc.perform(post("/api/v1/stats/report/publish?region=141182&to=2024-07")
                        .header("Authorization", "Bearer demo-token-city"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(((Number) JsonPath.read(published, "$.id")).longValue()).isPositive();
        assertThat((Integer) JsonPath.read(published, "$.issue")).isEqualTo(1);
        String briefing = mvc.perform(get("/api/v1/stats/report/briefing?region=141182&to=2024-07")
                        .header("Authorization", "Bearer demo-token-city"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat((Boolean) JsonPath.read(briefing, "$.offered")).isTrue();
        assertThat((String) JsonPath.read(briefing, "$.issue")).isEqualTo("第1期");
        assertThat((String) JsonPath.read(briefing, "$.paragraphs[0]")).startsWith("1-7月份，汾阳市招商引资签约项目");
    }

    @ParameterizedTest(name = "{0} 2024-{1}")
    @CsvSource({
        "141100,1", "141100,2", "141100,3", "141100,4", "141100,5", "141100,6",
        "141100,7", "141100,8", "141100,9", "141100,10", "141100,11", "141100,12",
        "141181,1", "141181,2", "141181,3", "141181,4", "141181,5", "141181,6",
        "141181,7", "141181,8", "141181,9", "141181,10", "141181,11", "141181,12"
    })
    void everyNumberOfTheMonthsBriefingPassesTheCheck(String region, int month) {
        MonthlyReport.Report r = report.build(region, 2024, month, null);
        Briefings.Composed composed = briefings.compose(r, month, Locale.CHINA, Instant.now());
        String text = String.join("\n", composed.document().paragraphs());

        assertThat(composed.check().problems()).as(text).isEmpty();
        assertThat(composed.check().claims()).as(text).isGreaterThanOrEqualTo(5);
        assertThat(composed.check().agreed()).isEqualTo(composed.check().claims());
        assertThat(text).doesNotContainPattern("同比增长\\d{4,}").contains(month == 1 ? "1月份" : "1-" + month + "月份");

        // one figure changed: the check names it
        String signed =
                BriefingText.yi(r.rows().get(r.rows().size() - 1).values().get("SIGNED_AMOUNT"));
        String tampered = text.replaceFirst(
                "签约金额" + Pattern.quote(signed) + "亿元",
                "签约金额" + new BigDecimal(signed).add(BigDecimal.ONE).toPlainString() + "亿元");
        assertThat(tampered).isNotEqualTo(text);
        BriefingCheck.Result failed = check.check(tampered, report, r, composed.checkedInputs());
        assertThat(failed.passed()).isFalse();
        assertThat(String.join("；", failed.problems()))
                .contains(new BigDecimal(signed).add(BigDecimal.ONE).toPlainString());
    }
}
