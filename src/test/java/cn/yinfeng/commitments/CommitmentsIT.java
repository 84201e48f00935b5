package cn.yinfeng.commitments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.projects.Projects;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Commitments against actuals end to end: a project whose investment falls short turns short the day after its
 * due date and enters the red list and its county's figures; bad input at once (a date before the signing, an
 * amount of three decimals, jobs in halves); a closed year is the city's to change; 409 on a stale edit; other
 * counties see nothing; and the board's SQL gives every commitment the status the Java rule gives it.
 */
class CommitmentsIT extends IntegrationTest {

    private static final String XIAOYI = "Bearer demo-token-xiaoyi";
    private static final String ZHONGYANG = "Bearer demo-token-zhongyang";
    private static final String CITY = "Bearer demo-token-city";

    @Autowired
    CommitmentBoard board;

    @Autowired
    UserDetailsService users;

    private ResultActions call(MockHttpServletRequestBuilder r, String token, String json) throws Exception {
        return mvc.perform(r.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    private String body(ResultActions r) throws Exception {
        return r.andReturn().getResponse().getContentAsString();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Projects.ZONE));
    }

    private long region(String code) {
        return jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    /** A project of 孝义 signed on {@code signedOn}. */
    private long signed(String name, LocalDate signedOn) throws Exception {
        String json = "{\"name\":\"" + name + "\",\"regionId\":" + region("141181")
                + ",\"totalInvestment\":60000,\"fundOrigin\":\"OUT_OF_PROVINCE\",\"stage\":\"NEGOTIATING\"}";
        long id = ((Number) JsonPath.read(
                        body(call(post("/api/v1/projects"), XIAOYI, json).andExpect(status().isCreated())), "$.id"))
                .longValue();
        call(
                        post("/api/v1/projects/" + id + "/transitions"),
                        XIAOYI,
                        "{\"action\":\"ADVANCE\",\"stage\":\"SIGNED\",\"date\":\"" + signedOn + "\",\"version\":"
                                + projectVersion(id) + "}")
                .andExpect(status().isOk());
        return id;
    }

    private String commitment(String kind, LocalDate due, String amount) {
        return "{\"kind\":\"" + kind + "\",\"dueOn\":\"" + due + "\"" + (amount == null ? "" : ",\"amount\":" + amount)
                + ",\"clause\":\"第五条\"}";
    }

    private long behindCount(String token, long projectId) throws Exception {
        List<Number> ids = JsonPath.read(
                body(call(get("/api/v1/commitments/red-list?size=500"), token, null)), "$.rows[*].projectId");
        return ids.stream().filter(i -> i.longValue() == projectId).count();
    }

    @Test
    void investmentShortOfItsPromiseTurnsShortTheDayAfterItsDueDateAndEntersTheRedList() throws Exception {
        LocalDate endOfYear = LocalDate.of(today().getYear(), 12, 31);
        long p = signed("履约短缺测试项目", today().minusMonths(2));
        call(post("/api/v1/projects/" + p + "/commitments"), XIAOYI, commitment("INVESTMENT", endOfYear, "10000"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.reading.status").value("PENDING"));
        call(
                        post("/api/v1/projects/" + p + "/actuals"),
                        XIAOYI,
                        "{\"kind\":\"INVESTMENT\",\"year\":" + today().getYear() + ",\"amount\":6000.25}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.amount").value(6000.25));
        String before = body(call(get("/api/v1/commitments/board"), CITY, null));
        long shortBefore = shortOf(before, region("141181"));
        assertThat(behindCount(XIAOYI, p)).isZero();

        // the due day passes: short by 3,999.75, 40.0 %, on the red list and in 孝义's figures
        clock.advance(Duration.ofDays(endOfYear.toEpochDay() - today().toEpochDay() + 1));
        call(get("/api/v1/projects/" + p + "/commitments"), XIAOYI, null)
                .andExpect(jsonPath("$.commitments[0].reading.status").value("SHORT"))
                .andExpect(jsonPath("$.commitments[0].reading.shortBy").value(3999.75))
                .andExpect(jsonPath("$.commitments[0].reading.shortShare").value(40.0))
                .andExpect(jsonPath("$.rate").value(0.0));
        assertThat(behindCount(XIAOYI, p)).isEqualTo(1);
        assertThat(behindCount(ZHONGYANG, p)).isZero();
        String after = body(call(get("/api/v1/commitments/board"), CITY, null));
        assertThat(shortOf(after, region("141181"))).isEqualTo(shortBefore + 1);

        // the board's SQL and the Java rule agree on every commitment (the demo's and the tests')
        assertSqlAgreesWithTheRule();
    }

    private static long shortOf(String boardJson, long regionId) {
        List<Map<String, Object>> counties = JsonPath.read(boardJson, "$.counties");
        return counties.stream()
                .filter(c -> ((Number) c.get("regionId")).longValue() == regionId)
                .mapToLong(c -> ((Number) c.get("shortCount")).longValue())
                .sum();
    }

    private void assertSqlAgreesWithTheRule() throws Exception {
        var city = users.loadUserByUsername("city");
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(city, null, city.getAuthorities()));
        try {
            Map<Long, String> sql = board.statuses();
            assertThat(sql).isNotEmpty();
            List<Long> projects = jdbc.sql("select distinct project_id from project_commitment")
                    .query(Long.class)
                    .list();
            for (long project : projects) {
                String card = body(call(get("/api/v1/projects/" + project + "/commitments"), CITY, null));
                List<Number> ids = JsonPath.read(card, "$.commitments[*].id");
                List<String> statuses = JsonPath.read(card, "$.commitments[*].reading.status");
                for (int i = 0; i < ids.size(); i++) {
                    assertThat(sql.get(ids.get(i).longValue()))
                            .as("commitment " + ids.get(i))
                            .isEqualTo(statuses.get(i));
                }
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void everyBadFieldAtOnceAndADateBeforeTheSigningIsRefused() throws Exception {
        LocalDate signedOn = today().minusYears(1);
        long p = signed("履约校验测试项目", signedOn);
        call(
                        post("/api/v1/projects/" + p + "/commitments"),
                        XIAOYI,
                        "{\"kind\":\"INVESTMENT\",\"dueOn\":\"" + signedOn.minusDays(1) + "\",\"amount\":100.125,"
                                + "\"clause\":\"" + "条".repeat(101) + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.dueOn[0]")
                        .value("约定期限 " + signedOn.minusDays(1) + " 早于签约日期 " + signedOn + "，请核对合同。"))
                .andExpect(jsonPath("$.errors.amount[0]").value("金额最多保留两位小数（单位：万元）。"))
                .andExpect(jsonPath("$.errors.clause").exists());
        call(post("/api/v1/projects/" + p + "/commitments"), XIAOYI, commitment("JOBS", today(), "12.5"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.amount[0]").value("就业人数须为整数，填写的是 12.5。"));
        call(post("/api/v1/projects/" + p + "/commitments"), XIAOYI, commitment("START", today(), "5"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.amount[0]").value("开工、投产日期类承诺不填数额。"));
        call(post("/api/v1/projects/" + p + "/commitments"), XIAOYI, commitment("LAND", today(), "5"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.kind[0]").value(org.hamcrest.Matchers.containsString("“LAND”")));
        call(
                        post("/api/v1/projects/" + p + "/actuals"),
                        XIAOYI,
                        "{\"kind\":\"START\",\"year\":" + (today().getYear() + 1) + ",\"amount\":-1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.kind").exists())
                .andExpect(jsonPath("$.errors.year").exists())
                .andExpect(jsonPath("$.errors.amount").exists());
        assertThat(jdbc.sql("select count(*) from project_commitment where project_id = :p")
                        .param("p", p)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aClosedYearIsTheCitysToChangeAndAStaleEditIsAConflict() throws Exception {
        long p = signed("履约结账测试项目", today().minusYears(2));
        int closed = today().getYear() - 2; // closed on 1 April of the year after
        call(
                        post("/api/v1/projects/" + p + "/actuals"),
                        XIAOYI,
                        "{\"kind\":\"TAX\",\"year\":" + closed + ",\"amount\":120}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.year[0]")
                        .value(closed + " 年度已于 " + (closed + 1) + "-04-01 结账，结账后的修改须由市级办理，请联系市投促中心。"));
        call(
                        post("/api/v1/projects/" + p + "/actuals"),
                        CITY,
                        "{\"kind\":\"TAX\",\"year\":" + closed + ",\"amount\":120}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.closed").value(true));
        // recorded already: a second report without the version is refused, naming the year
        call(
                        post("/api/v1/projects/" + p + "/actuals"),
                        CITY,
                        "{\"kind\":\"TAX\",\"year\":" + closed + ",\"amount\":130}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.version[0]").value(closed + " 年已有这一类的实际完成，请在原记录上修改。"));
        call(
                        post("/api/v1/projects/" + p + "/actuals"),
                        CITY,
                        "{\"kind\":\"TAX\",\"year\":" + closed + ",\"amount\":130,\"version\":0}")
                .andExpect(status().isOk());
        call(
                        post("/api/v1/projects/" + p + "/actuals"),
                        CITY,
                        "{\"kind\":\"TAX\",\"year\":" + closed + ",\"amount\":140,\"version\":0}")
                .andExpect(status().isConflict());
        assertThat(auditRows("ACTUAL_UPDATE", "city", "SUCCESS")).isPositive();

        String created = body(call(
                        post("/api/v1/projects/" + p + "/commitments"),
                        XIAOYI,
                        commitment("TAX", LocalDate.of(closed, 12, 31), "100"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.reading.status").value("MET")));
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        String edit =
                "{\"kind\":\"TAX\",\"dueOn\":\"" + LocalDate.of(closed, 12, 31) + "\",\"amount\":200,\"version\":0}";
        call(put("/api/v1/commitments/" + id), XIAOYI, edit)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reading.status").value("SHORT"));
        call(put("/api/v1/commitments/" + id), XIAOYI, edit).andExpect(status().isConflict());
        call(get("/api/v1/commitments/" + id), ZHONGYANG, null).andExpect(status().isNotFound());
        call(get("/api/v1/projects/" + p + "/commitments"), ZHONGYANG, null).andExpect(status().isNotFound());
        call(delete("/api/v1/commitments/" + id + "?version=1"), XIAOYI, null).andExpect(status().isNoContent());
    }

    @Test
    void theBoardsTotalsAreTheSumOfItsCounties() throws Exception {
        String json = body(call(get("/api/v1/commitments/board"), CITY, null).andExpect(status().isOk()));
        List<Map<String, Object>> counties = JsonPath.read(json, "$.counties");
        assertThat(counties).isNotEmpty();
        for (String f : List.of("projects", "commitments", "due", "kept", "shortCount", "unreported", "effective")) {
            long sum = counties.stream()
                    .mapToLong(c -> ((Number) c.get(f)).longValue())
                    .sum();
            assertThat(((Number) JsonPath.read(json, "$.total." + f)).longValue())
                    .as(f)
                    .isEqualTo(sum);
        }
        // the demo has a 达效 project (中阳's second) and projects behind on the red list
        assertThat(((Number) JsonPath.read(json, "$.total.effective")).longValue())
                .isPositive();
        assertThat(((Number) JsonPath.read(body(call(get("/api/v1/commitments/red-list"), CITY, null)), "$.total"))
                        .longValue())
                .isPositive();
        String county = body(call(get("/api/v1/commitments/board"), ZHONGYANG, null));
        List<String> names = JsonPath.read(county, "$.counties[*].regionName");
        assertThat(names).allMatch(n -> n.contains("中阳"));
    }

    @Test
    void theRedListsCountIsItsRowsOnEveryPageAndPastTheEnd() throws Exception {
        String all = body(call(get("/api/v1/commitments/red-list?size=500"), CITY, null));
        long rows = ((List<?>) JsonPath.read(all, "$.rows")).size();
        assertThat(rows).isGreaterThanOrEqualTo(2);
        assertThat(((Number) JsonPath.read(all, "$.total")).longValue()).isEqualTo(rows);
        String second = body(call(get("/api/v1/commitments/red-list?size=1&page=1"), CITY, null));
        assertThat(((Number) JsonPath.read(second, "$.total")).longValue()).isEqualTo(rows);
        assertThat((List<Object>) JsonPath.read(second, "$.rows[*].projectId"))
                .containsExactly(JsonPath.<Object>read(all, "$.rows[1].projectId"));
        String past = body(call(get("/api/v1/commitments/red-list?size=1&page=" + (rows + 5)), CITY, null));
        assertThat((List<?>) JsonPath.read(past, "$.rows")).isEmpty();
        assertThat(((Number) JsonPath.read(past, "$.total")).longValue()).isEqualTo(rows);
    }
}
