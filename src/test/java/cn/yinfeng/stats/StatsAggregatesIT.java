package cn.yinfeng.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.regions.Region;
import cn.yinfeng.targets.Catalogue;
import cn.yinfeng.targets.Indicator;
import cn.yinfeng.targets.RuleVersion;
import cn.yinfeng.targets.Targets;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The monthly aggregates answer exactly what the history answers "as of now", on every indicator, region and a
 * spread of periods; a write is seen by the next read; a full rebuild and a one-month refresh leave them unchanged.
 */
class StatsAggregatesIT extends IntegrationTest {

    static final String XIAOYI = "Bearer demo-token-xiaoyi";
    static final String CITY = "Bearer demo-token-city";
    /** "As of" far in the future: the history's current versions, computed live. */
    static final Instant LIVE = Instant.parse("2999-01-01T00:00:00Z");

    @Autowired
    StatsEngine engine;

    @Autowired
    StatsAggregates aggregates;

    @Autowired
    Targets targets;

    @Autowired
    Catalogue catalogue;

    private ResultActions call(MockHttpServletRequestBuilder r, String token, String json) throws Exception {
        return mvc.perform(r.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    private List<Region> allRegions() {
        return jdbc.sql("select id, code, name, path, parent_id from region order by id")
                .query((rs, n) -> new Region(
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getString("name"),
                        null,
                        null,
                        rs.getObject("parent_id") == null ? null : rs.getLong("parent_id"),
                        rs.getString("path"),
                        0,
                        0))
                .list();
    }

    private void assertAggregatesEqualHistory() {
        List<Region> groups = allRegions();
        List<Indicator> indicators = targets.indicators();
        RuleVersion rules = catalogue.current();
        // the indicators the aggregates hold are read from them; the comparison is worth something only then
        assertThat(indicators.stream().filter(AggregateFigures::answers).count())
                .isGreaterThanOrEqualTo(10);
        for (LocalDate[] period : List.of(
                new LocalDate[] {LocalDate.of(2024, 1, 1), LocalDate.of(2024, 10, 31)},
                new LocalDate[] {LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)},
                new LocalDate[] {LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31)},
                new LocalDate[] {LocalDate.of(2024, 3, 1), LocalDate.of(2024, 5, 31)},
                new LocalDate[] {LocalDate.of(2017, 1, 1), LocalDate.of(2020, 12, 31)})) {
            assertThat(StatsEngine.wholeMonths(period[0], period[1])).isTrue();
            var fromAggregates = engine.compute(groups, indicators, period[0], period[1], null, rules);
            var live = engine.compute(groups, indicators, period[0], period[1], LIVE, rules);
            for (Region g : groups) {
                for (Indicator ind : indicators) {
                    BigDecimal a = fromAggregates.get(g.id()).get(ind.code());
                    BigDecimal l = live.get(g.id()).get(ind.code());
                    assertThat(a == null ? null : a.stripTrailingZeros())
                            .as("%s %s %s..%s", g.code(), ind.code(), period[0], period[1])
                            .isEqualTo(l == null ? null : l.stripTrailingZeros());
                }
            }
        }
    }

    @Test
    void everyIndicatorFromTheAggregatesEqualsTheHistory() {
        assertAggregatesEqualHistory();
        // and they are not trivially empty: the seed's 1-10月 figure comes out of them
        var city = allRegions().stream()
                .filter(r -> r.code().equals("141100"))
                .findFirst()
                .orElseThrow();
        var v = engine.compute(
                List.of(city),
                targets.indicators(),
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 10, 31),
                null,
                catalogue.current());
        assertThat(v.get(city.id()).get("SIGNED_AMOUNT")).isEqualByComparingTo("9415000");
        // 重点招引项目 is a stock: every current key project of the city, whatever the period
        var key = jdbc.sql("select count(*) as n, sum(total_investment) as t from project_approved where valid_to is "
                        + "null and key_project")
                .query()
                .singleRow();
        assertThat(v.get(city.id()).get("KEY_COUNT"))
                .isEqualByComparingTo(key.get("n").toString());
        assertThat(v.get(city.id()).get("KEY_TOTAL"))
                .isEqualByComparingTo(key.get("t").toString());
        assertThat(v.get(city.id()).get("KEY_COUNT")).isGreaterThanOrEqualTo(new BigDecimal(106));
    }

    @Test
    void aWriteIsSeenByTheNextReadAndMovesBetweenMonths() throws Exception {
        String summary = "/api/v1/stats/summary?region=141181&from=2017-01&to=2017-12";
        BigDecimal before = count(summary, "SIGNED_COUNT");
        BigDecimal fundsBefore = count(summary, "FUNDS");

        String body = call(
                        post("/api/v1/projects"),
                        XIAOYI,
                        "{\"name\":\"聚合一致性测试项目\",\"regionId\":"
                                + regionId("141181")
                                + ",\"totalInvestment\":12000,\"contractAmount\":11000,\"stage\":\"SIGNED\","
                                + "\"signedOn\":\"2017-05-10\"}")
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = ((Number) JsonPath.read(body, "$.id")).longValue();
        call(
                        post("/api/v1/projects/" + id + "/funds"),
                        XIAOYI,
                        "{\"month\":\"2017-08\",\"origin\":\"OUT_OF_PROVINCE\",\"amount\":250.25}")
                .andExpect(status().isCreated());
        // not approved yet: nothing changes
        assertThat(count(summary, "SIGNED_COUNT")).isEqualByComparingTo(before);
        approve(id, XIAOYI);
        assertThat(count(summary, "SIGNED_COUNT")).isEqualByComparingTo(before.add(BigDecimal.ONE));
        assertThat(count(summary, "FUNDS")).isEqualByComparingTo(fundsBefore.add(new BigDecimal("250.25")));
        assertThat(count("/api/v1/stats/summary?region=141181&from=2017-05&to=2017-05", "SIGNED_1YI_COUNT"))
                .isGreaterThanOrEqualTo(BigDecimal.ONE);

        // the city moves it to 文水: out of 孝义's figures and into 文水's, its funds with it
        String wenshui = "/api/v1/stats/summary?region=141121&from=2017-01&to=2017-12";
        BigDecimal wenshuiBefore = count(wenshui, "SIGNED_COUNT");
        call(
                        MockMvcRequestBuilders.put("/api/v1/projects/" + id),
                        CITY,
                        "{\"name\":\"聚合一致性测试项目\",\"regionId\":" + regionId("141121") + ",\"totalInvestment\":12000,"
                                + "\"contractAmount\":11000,\"version\":" + version(id) + "}")
                .andExpect(status().isOk());
        approve(id, CITY);
        assertThat(count(summary, "SIGNED_COUNT")).isEqualByComparingTo(before);
        assertThat(count(summary, "FUNDS")).isEqualByComparingTo(fundsBefore);
        assertThat(count(wenshui, "SIGNED_COUNT")).isEqualByComparingTo(wenshuiBefore.add(BigDecimal.ONE));
        assertAggregatesEqualHistory();
    }

    @Test
    void rebuildAndOneMonthRefreshLeaveTheAggregatesAsTheyAre() {
        aggregates.refreshDirty();
        String dump = dump();
        aggregates.rebuild();
        assertThat(dump()).isEqualTo(dump);
        aggregates.refreshMonth(LocalDate.of(2024, 3, 1));
        assertThat(dump()).isEqualTo(dump);
        assertThat(aggregates.dirty()).isFalse();
        // a row changed behind the triggers' back is put right by refreshing its month
        jdbc.sql("update stats_project_month set amount = amount + 1 where month = date '2024-03-01'")
                .update();
        assertThat(dump()).isNotEqualTo(dump);
        aggregates.refreshMonth(LocalDate.of(2024, 3, 15));
        assertThat(dump()).isEqualTo(dump);
    }

    @Test
    void dashboardApiServesTheSeriesFromTheAggregates() throws Exception {
        String body = call(get("/api/v1/stats/dashboard?region=141100&to=2024-10"), CITY, null)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<Object> trend = JsonPath.read(body, "$.trend[*].value");
        BigDecimal sum = trend.stream().map(o -> new BigDecimal(o.toString())).reduce(BigDecimal.ZERO, BigDecimal::add);
        // January to December of 2024, counted signings: at least the seed's 1-10月 amount
        assertThat(sum).isGreaterThanOrEqualTo(new BigDecimal("9415000"));
        List<Object> bands = JsonPath.read(body, "$.bands[*].value");
        BigDecimal projects =
                bands.stream().map(o -> new BigDecimal(o.toString())).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(projects)
                .isEqualByComparingTo(
                        count("/api/v1/stats/summary?region=141100&from=2024-01&to=2024-10", "SIGNED_COUNT"));
        assertThat((List<?>) JsonPath.read(body, "$.funnel")).hasSize(7);
        assertThat((List<?>) JsonPath.read(body, "$.ranking")).isNotEmpty();
        // a county user cannot read another region's dashboard
        call(get("/api/v1/stats/dashboard?region=141129&to=2024-10"), XIAOYI, null)
                .andExpect(status().isNotFound());
    }

    @Test
    void onlyAdministratorsRebuildAndTheRunIsAudited() throws Exception {
        call(post("/api/v1/stats/aggregates/rebuild"), CITY, null).andExpect(status().isForbidden());
        call(post("/api/v1/stats/aggregates/refresh?month=2024-03"), XIAOYI, null)
                .andExpect(status().isForbidden());
        String body = call(post("/api/v1/stats/aggregates/refresh?month=2024-03"), "Bearer demo-token-admin", null)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat((Integer) JsonPath.read(body, "$.months")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'STATS_AGGREGATES_REFRESH'")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    private BigDecimal count(String url, String code) throws Exception {
        String body = call(get(url), CITY, null)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<Object> v = JsonPath.read(body, "$.indicators[?(@.code == '" + code + "')].value");
        return new BigDecimal(v.get(0).toString());
    }

    private void approve(long id, String submitter) throws Exception {
        call(
                        post("/api/v1/projects/" + id + "/reviews"),
                        submitter,
                        "{\"action\":\"SUBMIT\",\"version\":" + version(id) + "}")
                .andExpect(status().isOk());
        call(
                        post("/api/v1/projects/" + id + "/reviews"),
                        CITY,
                        "{\"action\":\"APPROVE\",\"version\":" + version(id) + "}")
                .andExpect(status().isOk());
    }

    private long version(long id) {
        return jdbc.sql("select version from project where id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    private long regionId(String code) {
        return jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    private String dump() {
        var out = new StringBuilder();
        for (String t : List.of(
                "stats_project_month",
                "stats_chain_month",
                "stats_stage_month",
                "stats_fund_month",
                "stats_fund_cohort")) {
            for (Map<String, Object> row : jdbc.sql("select x.* from " + t + " x order by x::text")
                    .query()
                    .listOfRows()) {
                out.append(t).append(row).append('\n');
            }
        }
        return out.toString();
    }
}
