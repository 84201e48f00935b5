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
 * spread of periods (and on a 2015 ledger of their own for the origin, USD and registration indicators); a write is
 * seen by the next read; a full rebuild and a one-month refresh leave them unchanged.
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

    /**
     * The origin indicators (the project's origin; for funds the record's own), 境外签约金额 in USD and 注册项目数 are
     * read from the aggregates and equal the history on a 2015 ledger of every origin, a blank one, currencies other
     * than USD, split credit, an uncounted project and a project whose origin changes after approval.
     */
    @Test
    void originUsdAndRegisteredIndicatorsFromTheAggregatesEqualTheHistory() throws Exception {
        List<Indicator> indicators = targets.indicators().stream()
                .filter(i -> !i.fundOrigins().isEmpty()
                        || i.computation().equals("SIGNED_USD")
                        || i.computation().equals("REGISTERED_COUNT"))
                .toList();
        assertThat(indicators)
                .extracting(Indicator::code)
                .contains(
                        "SIGNED_OUT_PROVINCE_COUNT",
                        "SIGNED_OUT_CITY_AMOUNT",
                        "SIGNED_OVERSEAS_COUNT",
                        "SIGNED_OVERSEAS_USD",
                        "SIGNED_1YI_OUT_PROVINCE_AMOUNT",
                        "FUNDS_OVERSEAS",
                        "REGISTERED_COUNT");
        assertThat(indicators).allMatch(AggregateFigures::answers);

        long xiaoyi = regionId("141181");
        long wenshui = regionId("141121");
        long overseas = project("""
                "name":"2015聚合境外美元项目","projectType":"INDUSTRIAL","totalInvestment":12000,
                "contractAmount":10655.33,"fundOrigin":"OVERSEAS","foreignCurrency":"USD","foreignAmount":1500.75,
                "exchangeRate":7.1,"attractingRegionId":%d,"attractingShare":30,"stage":"STARTED",
                "signedOn":"2015-03-12","registeredOn":"2015-04-02","startedOn":"2015-05-20"
                """.formatted(wenshui));
        call(
                        post("/api/v1/projects/" + overseas + "/funds"),
                        XIAOYI,
                        "{\"month\":\"2015-06\",\"origin\":\"OVERSEAS\",\"amount\":2100.4}")
                .andExpect(status().isCreated());
        approve(overseas, XIAOYI);
        approve(project("""
                        "name":"2015聚合省外项目","projectType":"INDUSTRIAL","totalInvestment":60000,
                        "contractAmount":58000,"fundOrigin":"OUT_OF_PROVINCE","stage":"REGISTERED",
                        "signedOn":"2015-02-10","registeredOn":"2015-06-01"
                        """), XIAOYI);
        // the ledger left the origin blank: in no origin's figures; its euros are not USD
        approve(project("""
                        "name":"2015聚合来源不明项目","projectType":"SERVICE","totalInvestment":8000,
                        "contractAmount":8000,"foreignCurrency":"EUR","foreignAmount":800,"exchangeRate":7.8,
                        "stage":"REGISTERED","signedOn":"2015-07-08","registeredOn":"2015-07-20"
                        """), XIAOYI);
        approve(project("""
                        "name":"2015聚合不计入项目","projectType":"OTHER","totalInvestment":9000,"contractAmount":9000,
                        "fundOrigin":"OVERSEAS","foreignCurrency":"USD","foreignAmount":300,"exchangeRate":7.0,
                        "counted":false,"notCountedReason":"房地产项目","stage":"SIGNED","signedOn":"2015-08-01"
                        """), XIAOYI);
        String changing = """
                "name":"2015聚合来源变更项目","projectType":"INDUSTRIAL","totalInvestment":15000,
                "contractAmount":14000,"fundOrigin":"%s","foreignCurrency":"USD","foreignAmount":200,
                "exchangeRate":7.0,"stage":"REGISTERED","signedOn":"2015-09-15","registeredOn":"2015-10-10"
                """;
        long changed = project(changing.formatted("IN_CITY"));
        approve(changed, XIAOYI);

        Region city = allRegions().stream()
                .filter(r -> r.code().equals("141100"))
                .findFirst()
                .orElseThrow();
        LocalDate from = LocalDate.of(2015, 1, 1);
        LocalDate to = LocalDate.of(2015, 12, 31);
        var before = engine.compute(List.of(city), indicators, from, to, null, catalogue.current())
                .get(city.id());
        assertThat(before.get("SIGNED_OVERSEAS_COUNT")).isEqualByComparingTo("1");
        assertThat(before.get("SIGNED_OVERSEAS_USD")).isEqualByComparingTo("1500.75");
        assertThat(before.get("REGISTERED_COUNT")).isEqualByComparingTo("4");
        assertAggregatesEqualHistoryIn2015(indicators);

        // the city corrects the origin: the next read moves it into the overseas and out-of-city figures
        call(
                        MockMvcRequestBuilders.put("/api/v1/projects/" + changed),
                        CITY,
                        "{\"regionId\":" + xiaoyi + "," + changing.formatted("OVERSEAS") + ",\"version\":"
                                + version(changed) + "}")
                .andExpect(status().isOk());
        approve(changed, CITY);
        assertThat(jdbc.sql("select string_agg(fund_origin, ',' order by valid_from) from project_approved"
                                + " where project_id = :id")
                        .param("id", changed)
                        .query(String.class)
                        .single())
                .isEqualTo("IN_CITY,OVERSEAS");
        var after = engine.compute(List.of(city), indicators, from, to, null, catalogue.current())
                .get(city.id());
        assertThat(after.get("SIGNED_OVERSEAS_COUNT")).isEqualByComparingTo("2");
        assertThat(after.get("SIGNED_OVERSEAS_USD")).isEqualByComparingTo("1700.75");
        assertThat(after.get("SIGNED_OUT_CITY_COUNT"))
                .isEqualByComparingTo(before.get("SIGNED_OUT_CITY_COUNT").add(BigDecimal.ONE));
        assertThat(after.get("FUNDS_OVERSEAS")).isEqualByComparingTo("2100.4");
        assertAggregatesEqualHistoryIn2015(indicators);
    }

    private void assertAggregatesEqualHistoryIn2015(List<Indicator> indicators) {
        List<Region> groups = allRegions();
        RuleVersion rules = catalogue.current();
        for (LocalDate[] period : List.of(
                new LocalDate[] {LocalDate.of(2015, 1, 1), LocalDate.of(2015, 12, 31)},
                new LocalDate[] {LocalDate.of(2015, 3, 1), LocalDate.of(2015, 6, 30)},
                new LocalDate[] {LocalDate.of(2015, 7, 1), LocalDate.of(2015, 7, 31)},
                new LocalDate[] {LocalDate.of(2015, 9, 1), LocalDate.of(2015, 10, 31)})) {
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

    /** A draft of 孝义 with these JSON fields; its id. */
    private long project(String fields) throws Exception {
        String body = call(post("/api/v1/projects"), XIAOYI, "{\"regionId\":" + regionId("141181") + "," + fields + "}")
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
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
