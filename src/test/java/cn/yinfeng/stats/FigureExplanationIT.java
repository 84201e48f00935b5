package cn.yinfeng.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.targets.Catalogue;
import cn.yinfeng.targets.Indicator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A figure and the list that explains it agree, for every shipped project indicator: the counted rows add up to
 * the summary's value, and every approved project of the period is either counted or left out with a reason.
 */
class FigureExplanationIT extends IntegrationTest {

    static final String CITY = "Bearer demo-token-city";
    static final String PERIOD = "region=141100&from=2024-01&to=2024-10&asOf=2026-01-01";

    @Autowired
    JsonMapper json;

    @Autowired
    Catalogue catalogue;

    private JsonNode api(String path) throws Exception {
        return json.readTree(mvc.perform(get(path).header("Authorization", CITY))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void everyProjectFigureIsTheSumOfItsList() throws Exception {
        JsonNode summary = api("/api/v1/stats/summary?" + PERIOD);
        int explained = 0;
        for (Indicator ind : catalogue.version(1).indicators()) {
            if (!FigureExplanation.explainsInSql(ind) || ind.unit() == Indicator.Unit.RATE) {
                continue;
            }
            JsonNode x = api("/api/v1/stats/explain?" + PERIOD + "&indicator=" + ind.code() + "&rules=1");
            BigDecimal figure = null;
            for (JsonNode line : summary.get("indicators")) {
                if (line.get("code").asString().equals(ind.code())) {
                    figure = line.get("value").decimalValue();
                }
            }
            BigDecimal listed = BigDecimal.ZERO;
            long counted = 0;
            long left = 0;
            for (JsonNode item : x.get("items")) {
                if (!item.hasNonNull("reason")) {
                    counted++;
                    listed = listed.add(item.get("adds").decimalValue());
                } else {
                    left++;
                }
            }
            assertThat(x.get("truncated").asBoolean()).isFalse();
            assertThat(counted).as(ind.code()).isEqualTo(x.get("counted").asLong());
            assertThat(left).as(ind.code()).isEqualTo(x.get("leftOut").asLong());
            assertThat(listed.setScale(2, RoundingMode.HALF_UP))
                    .as("%s: list %s, figure %s", ind.code(), listed, figure)
                    .isEqualByComparingTo(figure.setScale(2, RoundingMode.HALF_UP));
            assertThat(x.get("total").decimalValue().setScale(2, RoundingMode.HALF_UP))
                    .isEqualByComparingTo(figure.setScale(2, RoundingMode.HALF_UP));
            explained++;
        }
        assertThat(explained).isGreaterThanOrEqualTo(15);
    }

    @Test
    void theListNamesWhatWasLeftOutAndWhy() throws Exception {
        JsonNode all = api("/api/v1/stats/explain?" + PERIOD + "&indicator=SIGNED_COUNT");
        assertThat(all.get("counted").asLong()).isEqualTo(117);
        JsonNode outOfProvince = api("/api/v1/stats/explain?" + PERIOD + "&indicator=SIGNED_OUT_PROVINCE_COUNT");
        // the same projects of the period, split into counted and left out for their origin
        assertThat(outOfProvince.get("counted").asLong()
                        + outOfProvince.get("leftOut").asLong())
                .isEqualTo(all.get("counted").asLong() + all.get("leftOut").asLong());
        long origin = 0;
        for (JsonNode item : outOfProvince.get("items")) {
            if ("ORIGIN".equals(item.path("reason").asString(""))) {
                origin++;
                assertThat(item.path("fundOrigin").asString("")).isNotEqualTo("OUT_OF_PROVINCE");
            }
        }
        assertThat(origin).isPositive();

        var session = mvc.perform(
                        org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin()
                                .user("city")
                                .password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
        String page = mvc.perform(get("/stats/explain?" + PERIOD + "&indicator=SIGNED_OUT_PROVINCE_COUNT")
                        .session((org.springframework.mock.web.MockHttpSession) session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("省外签约项目数", "资金来源不属于本指标", "按第1版认定规则");
    }
}
