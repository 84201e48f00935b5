package cn.yinfeng.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;

/**
 * Targets typed as clerks type them, through the page (all problems at once, nothing saved) and the API, and the
 * progress beside them. 孝义市 in 2034 (a year no other test counts) and 2023 (only its own SIGNED_COUNT target).
 */
class TargetsIT extends IntegrationTest {

    static final String CITY = "Bearer demo-token-city";

    private long xiaoyi() {
        return jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
    }

    private Map<String, BigDecimal> stored(long region, int year) {
        var out = new java.util.LinkedHashMap<String, BigDecimal>();
        jdbc.sql("select indicator_code, value from target where region_id = :r and year = :y")
                .param("r", region)
                .param("y", year)
                .query((rs, n) -> out.put(rs.getString(1), rs.getBigDecimal(2)))
                .list();
        return out;
    }

    private MockHttpSession city() throws Exception {
        return (MockHttpSession) mvc.perform(
                        SecurityMockMvcRequestBuilders.formLogin().user("city").password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
    }

    @Test
    void theFormSavesAllOrNothingAndKeepsWhatWasTyped() throws Exception {
        long region = xiaoyi();
        var session = city();
        String page = mvc.perform(post("/targets")
                        .session(session)
                        .with(SecurityMockMvcRequestPostProcessors.csrf())
                        .param("regionId", String.valueOf(region))
                        .param("year", "2034")
                        .param("t_SIGNED_AMOUNT", "1019.6亿")
                        .param("u_SIGNED_AMOUNT", "WAN")
                        .param("t_FUNDS", "一千亿")
                        .param("u_FUNDS", "YI")
                        .param("t_SIGNED_COUNT", "117.5"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(stored(region, 2034)).isEmpty();
        assertThat(page)
                .contains("data-testid=\"problems\"")
                .contains("到位资金：无法识别“一千亿”，请填写数字，可带单位万元或亿元")
                .contains("签约项目数：“117.5”不是整数")
                .contains("value=\"1019.6亿\"")
                .contains("value=\"一千亿\"")
                .contains("value=\"117.5\"");

        mvc.perform(post("/targets")
                        .session(session)
                        .with(SecurityMockMvcRequestPostProcessors.csrf())
                        .param("regionId", String.valueOf(region))
                        .param("year", "2034")
                        .param("t_SIGNED_AMOUNT", "1019.6亿")
                        .param("u_SIGNED_AMOUNT", "WAN")
                        .param("t_FUNDS", "5000")
                        .param("u_FUNDS", "WAN")
                        .param("t_SIGNED_COUNT", "117个"))
                .andExpect(status().is3xxRedirection());
        var saved = stored(region, 2034);
        assertThat(saved.get("SIGNED_AMOUNT")).isEqualByComparingTo("10196000.00");
        assertThat(saved.get("FUNDS")).isEqualByComparingTo("5000");
        assertThat(saved.get("SIGNED_COUNT")).isEqualByComparingTo("117");

        page = mvc.perform(get("/targets?regionId=" + region + "&year=2034").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        // the amount opens in 亿元, the figure as typed
        assertThat(page).contains("value=\"1019.6\"").contains("2034年尚未开始");
    }

    @Test
    void theApiTakesTextAndRefusesWhatItCannotRead() throws Exception {
        long region = xiaoyi();
        mvc.perform(put("/api/v1/targets")
                        .header("Authorization", CITY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"regionId\":" + region
                                + ",\"year\":2035,\"indicatorCode\":\"SIGNED_AMOUNT\",\"text\":\"1,019.6 亿元\"}"))
                .andExpect(status().isOk());
        assertThat(stored(region, 2035).get("SIGNED_AMOUNT")).isEqualByComparingTo("10196000");
        String problem = mvc.perform(put("/api/v1/targets")
                        .header("Authorization", CITY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"regionId\":" + region
                                + ",\"year\":2035,\"indicatorCode\":\"SIGNED_AMOUNT\",\"text\":\"一千亿\"}"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<String> errors = JsonPath.read(problem, "$.errors.text");
        assertThat(errors).singleElement().asString().startsWith("签约金额：无法识别“一千亿”");
        assertThat(stored(region, 2035).get("SIGNED_AMOUNT")).isEqualByComparingTo("10196000");
        // a number still works as before
        mvc.perform(put("/api/v1/targets")
                        .header("Authorization", CITY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"regionId\":" + region
                                + ",\"year\":2035,\"indicatorCode\":\"PERFORMANCE_RATE\",\"value\":0.85}"))
                .andExpect(status().isOk());
        assertThat(stored(region, 2035).get("PERFORMANCE_RATE")).isEqualByComparingTo("0.85");
    }

    @Test
    void progressIsActualOverTarget() throws Exception {
        long region = xiaoyi();
        mvc.perform(put("/api/v1/targets")
                        .header("Authorization", CITY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"regionId\":" + region
                                + ",\"year\":2023,\"indicatorCode\":\"SIGNED_COUNT\",\"text\":\"3个\"}"))
                .andExpect(status().isOk());
        String json = mvc.perform(get("/api/v1/targets/progress?regionId=" + region + "&year=2023")
                        .header("Authorization", CITY))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat((Integer) JsonPath.read(json, "$.months")).isEqualTo(12);
        assertThat((String) JsonPath.read(json, "$.to")).isEqualTo("2023-12");
        Map<String, Object> line = JsonPath.<List<Map<String, Object>>>read(
                        json, "$.lines[?(@.code == 'SIGNED_COUNT')]")
                .get(0);
        var actual = new BigDecimal(line.get("actual").toString());
        var target = new BigDecimal(line.get("target").toString());
        assertThat(target).isEqualByComparingTo("3");
        assertThat(actual.signum()).isPositive();
        assertThat(new BigDecimal(line.get("completion").toString()))
                .isEqualByComparingTo(actual.divide(target, 4, RoundingMode.HALF_UP));
        assertThat(new BigDecimal(line.get("schedule").toString())).isEqualByComparingTo("3"); // 12 of 12 months
        assertThat(new BigDecimal(line.get("ahead").toString())).isEqualByComparingTo(actual.subtract(target));
        assertThat((String) line.get("light")).isEqualTo(actual.compareTo(target) >= 0 ? "GREEN" : "RED");

        String future = mvc.perform(get("/api/v1/targets/progress?regionId=" + region + "&year=2036")
                        .header("Authorization", CITY))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat((Integer) JsonPath.read(future, "$.months")).isZero();
    }

    @Test
    void thePageOpensOnTheYearOfTheLatestData() throws Exception {
        String page = mvc.perform(get("/targets").session(city()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        // the year of the latest month with a signing in the city (other tests may have added later ones)
        int year = jdbc.sql("select extract(year from max(p.month))::int from stats_project_month p join region r "
                        + "on r.id = p.region_id where r.code = '141100' and p.event = 'SIGNED'")
                .query(Integer.class)
                .single();
        assertThat(year).isGreaterThanOrEqualTo(2024);
        assertThat(page).contains(year + "年1-").contains("data-testid=\"targets-table\"");
    }
}
