package cn.yinfeng.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counting rules as versioned data, on the demo ledger (吕梁市, 2024年1-10月: 117 signed projects). The versions made
 * here take effect in 2090, so every other test keeps computing under the version in force today; each figure here
 * is asked for under a version by number, and the expected values are counted with SQL of their own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuleVersionsIT extends IntegrationTest {

    static final String CITY = "Bearer demo-token-city";
    static final String XIAOYI = "Bearer demo-token-xiaoyi";

    @Autowired
    JsonMapper json;

    private JsonNode summary(String rules) throws Exception {
        String body = mvc.perform(get("/api/v1/stats/summary?region=141100&from=2024-01&to=2024-10&asOf=2026-01-01"
                                + (rules == null ? "" : "&rules=" + rules))
                        .header("Authorization", CITY))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(body);
    }

    private static BigDecimal value(JsonNode summary, String code) {
        for (JsonNode line : summary.get("indicators")) {
            if (line.get("code").asString().equals(code)) {
                return line.get("value").decimalValue();
            }
        }
        throw new AssertionError("no " + code);
    }

    private int latest() throws Exception {
        JsonNode versions =
                json.readTree(mvc.perform(get("/api/v1/rule-versions").header("Authorization", CITY))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        return versions.get(0).get("version").asInt();
    }

    private JsonNode create(String token, String body) throws Exception {
        var result = mvc.perform(post("/api/v1/rule-versions")
                        .header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
        return json.readTree("{\"status\":" + result.getStatus() + ",\"body\":"
                + (result.getContentAsString().isEmpty() ? "null" : result.getContentAsString()) + "}");
    }

    /** The counted signings of the city in 2024年1-10月 as of 2026-01-01 matching a condition on the version a. */
    private BigDecimal signed(String condition) {
        return jdbc.sql("select coalesce(sum(1), 0) from project_approved a where a.valid_from <= '2026-01-01' and "
                        + "(a.valid_to is null or a.valid_to > '2026-01-01') and a.signed_on between '2024-01-01' and "
                        + "'2024-10-31' and a.counted and " + condition)
                .query(BigDecimal.class)
                .single();
    }

    @Test
    @Order(1)
    void theOriginIndicatorsCountOnlyTheirOrigin() throws Exception {
        JsonNode s = summary(null);
        assertThat(s.get("rules").get("version").asInt()).isEqualTo(1);
        assertThat(s.get("rules").get("basis").asString()).isEqualTo("CURRENT");
        assertThat(value(s, "SIGNED_COUNT")).isEqualByComparingTo("117");
        BigDecimal outOfProvince = signed("a.fund_origin = 'OUT_OF_PROVINCE'");
        BigDecimal inProvince = signed("a.fund_origin = 'IN_PROVINCE'");
        assertThat(outOfProvince.signum()).isPositive();
        assertThat(value(s, "SIGNED_OUT_PROVINCE_COUNT")).isEqualByComparingTo(outOfProvince);
        assertThat(value(s, "SIGNED_OUT_CITY_COUNT"))
                .isEqualByComparingTo(signed("a.fund_origin in ('OUT_OF_PROVINCE', 'IN_PROVINCE', 'OVERSEAS')"));
        assertThat(value(s, "SIGNED_OUT_PROVINCE_COUNT"))
                .isLessThan(value(s, "SIGNED_COUNT"))
                .isLessThanOrEqualTo(value(s, "SIGNED_OUT_CITY_COUNT").subtract(inProvince));
        assertThat(value(s, "SIGNED_1YI_OUT_PROVINCE_COUNT"))
                .isEqualByComparingTo(signed("a.fund_origin = 'OUT_OF_PROVINCE' and a.total_investment >= 10000"));
    }

    @Test
    @Order(2)
    void aThresholdIsANewVersionThatChangesTheFigureOnlyUnderIt() throws Exception {
        int before = latest();
        JsonNode made = create(CITY, """
                {"basedOn": %d, "effectiveFrom": "2090-01-01", "note": "吕招认〔2090〕1号：工业项目1亿元起计",
                 "rules": {"expansionsCount": true, "split": "RECORDED", "excludedTypes": [],
                           "thresholds": {"INDUSTRIAL": 10000}}}
                """.formatted(before));
        assertThat(made.get("status").asInt()).isEqualTo(201);
        int v = made.get("body").get("version").asInt();
        assertThat(v).isEqualTo(before + 1);

        JsonNode under = summary(String.valueOf(v));
        JsonNode current = summary(null);
        assertThat(under.get("rules").get("version").asInt()).isEqualTo(v);
        BigDecimal industrialBelow = signed("a.project_type = 'INDUSTRIAL' and a.total_investment < 10000");
        assertThat(industrialBelow.signum()).isPositive();
        assertThat(value(under, "SIGNED_COUNT"))
                .isEqualByComparingTo(value(current, "SIGNED_COUNT").subtract(industrialBelow));
        // the same period under the version in force today is unchanged
        assertThat(value(current, "SIGNED_COUNT")).isEqualByComparingTo("117");
        // the then-valid rules of 2024 are version 1's
        assertThat(summary("period").get("rules").get("version").asInt()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void excludedTypesAndExpansionsAreRulesToo() throws Exception {
        int before = latest();
        JsonNode made = create(CITY, """
                {"basedOn": %d, "effectiveFrom": "2090-02-01", "note": "服务业项目不计，扩建不计",
                 "rules": {"expansionsCount": false, "split": "LANDING", "excludedTypes": ["SERVICE"],
                           "thresholds": {}}}
                """.formatted(before));
        assertThat(made.get("status").asInt()).isEqualTo(201);
        JsonNode under = summary(made.get("body").get("version").asString());
        BigDecimal left = signed("(a.project_type is not distinct from 'SERVICE' or a.expansion_of_id is not null)");
        assertThat(left.signum()).isPositive();
        assertThat(value(under, "SIGNED_COUNT")).isEqualByComparingTo(new BigDecimal("117").subtract(left));
    }

    @Test
    @Order(4)
    void aChangeOnAStaleVersionIsAConflictAndBadInputIsNamed() throws Exception {
        int now = latest();
        JsonNode stale = create(CITY, """
                {"basedOn": %d, "effectiveFrom": "2091-01-01", "note": "x", "rules": null}
                """.formatted(now - 1));
        assertThat(stale.get("status").asInt()).isEqualTo(409);
        JsonNode bad = create(CITY, """
                {"basedOn": %d, "effectiveFrom": "2001-01-01", "note": " ",
                 "indicator": {"code": "bad code", "nameZh": "", "computation": "TRIPS",
                               "fundOrigins": ["MARS"], "eligibleOnly": true}}
                """.formatted(now));
        assertThat(bad.get("status").asInt()).isEqualTo(400);
        String text = bad.get("body").toString();
        assertThat(text).contains("effectiveFrom", "note", "code", "nameZh", "computation", "fundOrigins");
        assertThat(latest()).isEqualTo(now);
        // a county clerk cannot make versions
        assertThat(create(
                                XIAOYI,
                                "{\"basedOn\": %d, \"effectiveFrom\": \"2092-01-01\", \"note\": \"x\"}".formatted(now))
                        .get("status")
                        .asInt())
                .isEqualTo(403);
    }

    @Test
    @Order(5)
    void aNewIndicatorFromTheFormAndAPublishedReportReproducedAfterTheRulesChanged() throws Exception {
        var session = (MockHttpSession) mvc.perform(
                        SecurityMockMvcRequestBuilders.formLogin().user("city").password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
        // the form keeps what was typed and names every problem
        String page = mvc.perform(post("/rules/indicator")
                        .session(session)
                        .with(SecurityMockMvcRequestPostProcessors.csrf())
                        .param("basedOn", String.valueOf(latest()))
                        .param("code", "SIGNED_5YI_OUT_PROVINCE_COUNT")
                        .param("nameZh", "5亿元以上省外签约项目数")
                        .param("computation", "SIGNED_COUNT")
                        .param("minTotal", "五亿")
                        .param("fundOrigins", "OUT_OF_PROVINCE")
                        .param("eligibleOnly", "true"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("请填写数字", "此项必填", "请写明修改依据", "value=\"五亿\"", "5亿元以上省外签约项目数");

        mvc.perform(post("/stats/report/publish")
                .session(session)
                .with(SecurityMockMvcRequestPostProcessors.csrf())
                .param("region", "141100")
                .param("to", "2024-10"));
        mvc.perform(post("/rules/indicator")
                        .session(session)
                        .with(SecurityMockMvcRequestPostProcessors.csrf())
                        .param("basedOn", String.valueOf(latest()))
                        .param("effectiveFrom", "2090-03-01")
                        .param("note", "新增指标")
                        .param("code", "SIGNED_5YI_OUT_PROVINCE_COUNT")
                        .param("nameZh", "5亿元以上省外签约项目数")
                        .param("computation", "SIGNED_COUNT")
                        .param("minTotal", "50000")
                        .param("fundOrigins", "OUT_OF_PROVINCE")
                        .param("eligibleOnly", "true"))
                .andExpect(status().is3xxRedirection());
        int v = latest();
        assertThat(value(summary(String.valueOf(v)), "SIGNED_5YI_OUT_PROVINCE_COUNT"))
                .isEqualByComparingTo(signed("a.fund_origin = 'OUT_OF_PROVINCE' and a.total_investment >= 50000 "
                        + "and a.expansion_of_id is null and a.project_type is distinct from 'SERVICE'"));
        String rules = mvc.perform(get("/rules?version=" + v).session(session))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(rules).contains("5亿元以上省外签约项目数", "2090-03-01", "新增指标");

        // under the new rules the report differs; the published one reproduces exactly under its own
        JsonNode report = json.readTree(mvc.perform(get("/api/v1/stats/report?region=141100&to=2024-10&rules=" + v)
                        .header("Authorization", CITY))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(report.get("ruleVersion").asInt()).isEqualTo(v);
        {
            JsonNode reproduced =
                    json.readTree(mvc.perform(get("/api/v1/stats/report/published?region=141100&to=2024-10")
                                    .header("Authorization", CITY))
                            .andReturn()
                            .getResponse()
                            .getContentAsString());
            JsonNode first = reproduced.get(0);
            assertThat(first.get("ruleVersion").asInt()).isEqualTo(1);
            assertThat(first.get("reproduces").asBoolean()).isTrue();
            Map<String, Object> published = json.convertValue(first.get("figures"), Map.class);
            assertThat(published.get("SIGNED_COUNT").toString()).isEqualTo("117");
            JsonNode total = report.get("rows").get(report.get("rows").size() - 1);
            assertThat(total.get("values").get("SIGNED_COUNT").decimalValue()).isLessThan(new BigDecimal("117"));
        }
    }
}
