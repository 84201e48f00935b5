package cn.yinfeng.commitments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.projects.Projects;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The commitment figures as catalogue indicators: the statistics summary and the ranking give, for every county,
 * what the 履约监测 board gives; a county's figure moves when one of its commitments falls due short and again when
 * the actual is corrected; the list behind each figure names the commitment and why it is left out; a target on the
 * rate gets its completion and light like any other indicator.
 */
class CommitmentIndicatorsIT extends IntegrationTest {

    private static final String CITY = "Bearer demo-token-city";
    private static final String ZHONGYANG = "Bearer demo-token-zhongyang";

    private ResultActions call(MockHttpServletRequestBuilder r, String token, String json) throws Exception {
        return mvc.perform(r.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    private String body(MockHttpServletRequestBuilder r, String token, String json) throws Exception {
        return call(r, token, json)
                .andExpect(status().is2xxSuccessful())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Projects.ZONE));
    }

    private static BigDecimal value(String summary, String code) {
        List<Object> v = JsonPath.read(summary, "$.indicators[?(@.code == '" + code + "')].value");
        assertThat(v).as(code).hasSize(1);
        return v.get(0) == null ? null : new BigDecimal(v.get(0).toString());
    }

    private static BigDecimal rate(long kept, long due) {
        return due == 0 ? null : BigDecimal.valueOf(kept).divide(BigDecimal.valueOf(due), 4, RoundingMode.HALF_UP);
    }

    @Test
    void everyCountysFiguresAndRankAreTheBoards() throws Exception {
        String to = YearMonth.from(today()).withMonth(12).toString();
        String board = body(get("/api/v1/commitments/board"), CITY, null);
        List<Map<String, Object>> counties = JsonPath.read(board, "$.counties");
        assertThat(counties).as("the demo's counties with commitments").hasSizeGreaterThanOrEqualTo(2);

        String city = body(get("/api/v1/stats/summary?region=141100&from=2000-01&to=" + to), CITY, null);
        long kept = ((Number) JsonPath.read(board, "$.total.kept")).longValue();
        long due = ((Number) JsonPath.read(board, "$.total.due")).longValue();
        assertThat(value(city, "COMMITMENTS_KEPT")).isEqualByComparingTo(BigDecimal.valueOf(kept));
        assertThat(value(city, "COMMITMENT_RATE")).isEqualByComparingTo(rate(kept, due));
        assertThat(value(city, "EFFECTIVE_PROJECTS"))
                .isEqualByComparingTo(
                        BigDecimal.valueOf(((Number) JsonPath.read(board, "$.total.effective")).longValue()));

        String ranking = body(
                get("/api/v1/stats/ranking?region=141100&indicator=COMMITMENT_RATE&from=2000-01&to=" + to), CITY, null);
        List<Map<String, Object>> ranks = JsonPath.read(ranking, "$");
        for (Map<String, Object> c : counties) {
            String name = (String) c.get("regionName");
            var rank =
                    ranks.stream().filter(r -> name.equals(r.get("regionName"))).findFirst();
            assertThat(rank).as(name).isPresent();
            BigDecimal expected = rate(((Number) c.get("kept")).longValue(), ((Number) c.get("due")).longValue());
            Object v = rank.get().get("value");
            if (expected == null) {
                assertThat(v).as(name).isNull();
            } else {
                assertThat(new BigDecimal(v.toString())).as(name).isEqualByComparingTo(expected);
            }
        }
        // ranked best first, ties sharing a rank
        BigDecimal previous = null;
        for (Map<String, Object> r : ranks) {
            if (r.get("value") == null) {
                continue;
            }
            BigDecimal v = new BigDecimal(r.get("value").toString());
            if (previous != null) {
                assertThat(v).isLessThanOrEqualTo(previous);
            }
            previous = v;
        }
    }

    @Test
    void aCountysFigureMovesWhenAPromiseFallsDueShortAndWhenItIsMet() throws Exception {
        LocalDate jobsDue = today().minusDays(10);
        LocalDate outputDue = today().minusDays(5);
        int year = jobsDue.getYear();
        String query = "region=141129&from=" + YearMonth.of(year, 1) + "&to=" + YearMonth.from(today());
        String before = body(get("/api/v1/stats/summary?" + query), ZHONGYANG, null);

        long region = jdbc.sql("select id from region where code = '141129'")
                .query(Long.class)
                .single();
        String created = body(
                post("/api/v1/projects"),
                ZHONGYANG,
                "{\"name\":\"中阳指标承诺测试项目\",\"regionId\":" + region + ",\"totalInvestment\":30000,"
                        + "\"contractAmount\":30000,\"stage\":\"SIGNED\",\"signedOn\":\"" + today().minusMonths(3)
                        + "\"}");
        long project = ((Number) JsonPath.read(created, "$.id")).longValue();
        String path = "/api/v1/projects/" + project;
        body(
                post(path + "/commitments"),
                ZHONGYANG,
                "{\"kind\":\"JOBS\",\"dueOn\":\"" + jobsDue + "\",\"amount\":200,\"clause\":\"第七条\"}");
        String output = body(
                post(path + "/commitments"),
                ZHONGYANG,
                "{\"kind\":\"OUTPUT\",\"dueOn\":\"" + outputDue + "\",\"amount\":1000,\"clause\":\"第八条\"}");
        long outputId = ((Number) JsonPath.read(output, "$.id")).longValue();
        String jobs =
                body(post(path + "/actuals"), ZHONGYANG, "{\"kind\":\"JOBS\",\"year\":" + year + ",\"amount\":150}");
        body(post(path + "/actuals"), ZHONGYANG, "{\"kind\":\"OUTPUT\",\"year\":" + year + ",\"amount\":1200.5}");

        String after = body(get("/api/v1/stats/summary?" + query), ZHONGYANG, null);
        assertThat(value(after, "COMMITMENTS_KEPT"))
                .as("the output promise kept, the jobs one short")
                .isEqualByComparingTo(value(before, "COMMITMENTS_KEPT").add(BigDecimal.ONE));
        assertThat(value(after, "EFFECTIVE_PROJECTS"))
                .as("a commitment behind: not 达效")
                .isEqualByComparingTo(value(before, "EFFECTIVE_PROJECTS"));

        // the list behind the figure: the kept one counted, the short one left out with its clause and why
        String kept = body(get("/api/v1/stats/explain?" + query + "&indicator=COMMITMENTS_KEPT"), ZHONGYANG, null);
        List<Map<String, Object>> ours = JsonPath.read(kept, "$.items[?(@.label == '中阳指标承诺测试项目')]");
        assertThat(ours).hasSize(2);
        assertThat(ours)
                .anySatisfy(i -> {
                    assertThat(((Number) i.get("id")).longValue()).isEqualTo(outputId);
                    assertThat(i.get("reason")).isNull();
                    assertThat((String) i.get("detail")).contains("年产值", "第八条", "已履约");
                })
                .anySatisfy(i -> {
                    assertThat(i.get("reason")).isEqualTo("COMMITMENT_SHORT");
                    assertThat((String) i.get("detail")).contains("就业人数", "第七条", "未达约定");
                });
        String rate = body(get("/api/v1/stats/explain?" + query + "&indicator=COMMITMENT_RATE"), ZHONGYANG, null);
        assertThat(new BigDecimal(JsonPath.read(rate, "$.total").toString()))
                .isEqualByComparingTo(value(after, "COMMITMENT_RATE"));
        String effective =
                body(get("/api/v1/stats/explain?" + query + "&indicator=EFFECTIVE_PROJECTS"), ZHONGYANG, null);
        assertThat((List<Object>) JsonPath.read(
                        effective, "$.items[?(@.id == " + project + " && @.reason == 'COMMITMENT_BEHIND')]"))
                .hasSize(1);

        // the county corrects the year's jobs: kept, and the project now 达效
        long version = ((Number) JsonPath.read(jobs, "$.version")).longValue();
        body(
                post(path + "/actuals"),
                ZHONGYANG,
                "{\"kind\":\"JOBS\",\"year\":" + year + ",\"amount\":210,\"version\":" + version + "}");
        String corrected = body(get("/api/v1/stats/summary?" + query), ZHONGYANG, null);
        assertThat(value(corrected, "COMMITMENTS_KEPT"))
                .isEqualByComparingTo(value(before, "COMMITMENTS_KEPT").add(BigDecimal.valueOf(2)));
        assertThat(value(corrected, "EFFECTIVE_PROJECTS"))
                .isEqualByComparingTo(value(before, "EFFECTIVE_PROJECTS").add(BigDecimal.ONE));
    }

    @Test
    void aTargetOnTheRateGetsItsCompletionAndLight() throws Exception {
        int year = today().getYear() - 1;
        long region = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        // a promise of last year, its actual recorded late by the city (the year is closed for the county)
        String created = body(
                post("/api/v1/projects"),
                CITY,
                "{\"name\":\"孝义指标目标测试项目\",\"regionId\":" + region + ",\"totalInvestment\":30000,"
                        + "\"contractAmount\":30000,\"stage\":\"SIGNED\",\"signedOn\":\"" + (year - 1)
                        + "-03-01\"}");
        String path = "/api/v1/projects/" + JsonPath.read(created, "$.id");
        body(
                post(path + "/commitments"),
                CITY,
                "{\"kind\":\"OUTPUT\",\"dueOn\":\"" + year + "-06-30\",\"amount\":1000}");
        body(post(path + "/actuals"), CITY, "{\"kind\":\"OUTPUT\",\"year\":" + year + ",\"amount\":800}");
        body(
                put("/api/v1/targets"),
                CITY,
                "{\"regionId\":" + region + ",\"year\":" + year + ",\"indicatorCode\":\"COMMITMENT_RATE\","
                        + "\"text\":\"90%\"}");
        String summary =
                body(get("/api/v1/stats/summary?region=141181&from=" + year + "-01&to=" + year + "-12"), CITY, null);
        List<Map<String, Object>> line = JsonPath.read(summary, "$.indicators[?(@.code == 'COMMITMENT_RATE')]");
        assertThat(line).hasSize(1);
        assertThat(new BigDecimal(line.get(0).get("target").toString())).isEqualByComparingTo("0.9");
        assertThat(line.get(0).get("light")).isNotNull();
        BigDecimal value = new BigDecimal(line.get(0).get("value").toString());
        assertThat(value).as("one short at least").isLessThan(BigDecimal.ONE);
        assertThat(new BigDecimal(line.get(0).get("completion").toString()))
                .isEqualByComparingTo(value.divide(new BigDecimal("0.9"), 4, RoundingMode.HALF_UP));
    }
}
