package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The ledger through its API: region rules, lifecycle, review with approved history, conflicts, duplicates. */
class ProjectLedgerIT extends IntegrationTest {

    static final String XIAOYI = "Bearer demo-token-xiaoyi";
    static final String ZHONGYANG = "Bearer demo-token-zhongyang";
    static final String CITY = "Bearer demo-token-city";
    static final String LEADER = "Bearer demo-token-leader";

    private long region(String code) {
        return jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    private ResultActions call(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
        return mvc.perform(request.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    private long create(String token, String name, String regionCode, String extra) throws Exception {
        String json = "{\"name\":\"" + name + "\",\"regionId\":" + region(regionCode)
                + ",\"totalInvestment\":12000,\"contractAmount\":12000,\"fundOrigin\":\"OUT_OF_PROVINCE\""
                + (extra == null ? "" : "," + extra) + "}";
        String body = call(post("/api/v1/projects"), token, json)
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    private long version(long id) {
        return jdbc.sql("select version from project where id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    @Test
    void demoLedgerReproducesTheSeedFigures() {
        var signed = jdbc.sql("""
                select count(*) as n, sum(contract_amount) as amount,
                       count(*) filter (where total_investment >= 10000) as big
                  from project_approved
                 where valid_to is null and counted and signed_on between date '2024-01-01' and date '2024-10-31'
                """).query().singleRow();
        assertThat(((Number) signed.get("n")).intValue()).isEqualTo(117);
        assertThat((BigDecimal) signed.get("amount")).isEqualByComparingTo("9415000.00");
        assertThat(((Number) signed.get("big")).intValue()).isEqualTo(62);
        var key = jdbc.sql("select count(*) as n, sum(total_investment) as total from project_approved "
                        + "where valid_to is null and key_project")
                .query()
                .singleRow();
        assertThat(((Number) key.get("n")).intValue()).isEqualTo(106);
        assertThat((BigDecimal) key.get("total")).isEqualByComparingTo("14271000.00");
        assertThat(jdbc.sql("select count(*) from project where name like '金龙山绿色有机温室大棚%' and started_on = "
                                + "date '2024-06-05'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from project p join project_investor i on i.project_id = p.id join "
                                + "enterprise e on e.id = i.enterprise_id where e.name = '山西迪诺思新能源科技有限公司' and p.stage = "
                                + "'PRODUCING'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void countyCreatesInItsOwnRegionOnlyAndSeesNoOtherCounty() throws Exception {
        long own = create(XIAOYI, "孝义测试项目", "141181", null);
        call(
                        post("/api/v1/projects"),
                        XIAOYI,
                        "{\"name\":\"越权项目\",\"regionId\":" + region("141129") + ",\"totalInvestment\":100}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.regionId[0]").value("只能选择您管辖范围内的落地区域。"));
        call(get("/api/v1/projects/" + own), ZHONGYANG, null).andExpect(status().isNotFound());
        call(put("/api/v1/projects/" + own), ZHONGYANG, "{\"name\":\"x\",\"totalInvestment\":1,\"version\":0}")
                .andExpect(status().isNotFound());
        String list = call(get("/api/v1/projects?size=200"), ZHONGYANG, null)
                .andReturn()
                .getResponse()
                .getContentAsString();
        // its own projects, and others' only where 中阳县 is named as the attracting county
        List<Map<String, Object>> rows = JsonPath.read(list, "$.rows[*]");
        assertThat(rows)
                .isNotEmpty()
                .allMatch(r -> "中阳县".equals(r.get("regionName")) || attractedBy(r.get("id"), "141129"));
        call(get("/api/v1/projects/" + own), CITY, null).andExpect(status().isOk());
    }

    private boolean attractedBy(Object projectId, String regionCode) {
        return jdbc.sql("select count(*) from project p join region r on r.id = p.attracting_region_id"
                                + " where p.id = :id and r.code = :c")
                        .param("id", ((Number) projectId).longValue())
                        .param("c", regionCode)
                        .query(Long.class)
                        .single()
                == 1;
    }

    @Test
    void leaderReadsButCannotWrite() throws Exception {
        long id = create(XIAOYI, "领导只读测试", "141181", null);
        call(get("/api/v1/projects/" + id), LEADER, null).andExpect(status().isOk());
        call(post("/api/v1/projects/" + id + "/followups"), LEADER, "{\"date\":\"2025-05-01\",\"content\":\"x\"}")
                .andExpect(status().isForbidden());
    }

    @Test
    void startingWithoutSigningIsAnErrorTheUserSees() throws Exception {
        long id = create(XIAOYI, "跳过阶段测试", "141181", "\"stage\":\"NEGOTIATING\"");
        call(
                        post("/api/v1/projects/" + id + "/transitions"),
                        XIAOYI,
                        "{\"action\":\"ADVANCE\",\"stage\":\"STARTED\",\"date\":\"2025-05-01\",\"version\":"
                                + version(id) + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.stage[0]").value("不能跳过阶段：请先登记“签约”。"));
        call(
                        post("/api/v1/projects/" + id + "/transitions"),
                        XIAOYI,
                        "{\"action\":\"ADVANCE\",\"stage\":\"SIGNED\",\"date\":\"2099-01-01\",\"version\":"
                                + version(id) + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.date[0]").value("日期不能晚于今天。"));
        call(
                        post("/api/v1/projects/" + id + "/transitions"),
                        XIAOYI,
                        "{\"action\":\"ADVANCE\",\"stage\":\"SIGNED\",\"date\":\"2025-05-01\",\"version\":"
                                + version(id) + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stage").value("SIGNED"))
                .andExpect(jsonPath("$.dates.signedOn").value("2025-05-01"));
        call(
                        post("/api/v1/projects/" + id + "/transitions"),
                        XIAOYI,
                        "{\"action\":\"ADVANCE\",\"stage\":\"REGISTERED\",\"date\":\"2025-04-01\",\"version\":"
                                + version(id) + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.date[0]").value("日期不能早于上一阶段的日期（2025-05-01）。"));
        assertThat(jdbc.sql("select count(*) from project_transition where project_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void holdAndResumeReturnToTheHeldStageAndTerminateNeedsAReason() throws Exception {
        long id = create(XIAOYI, "暂缓测试", "141181", "\"stage\":\"SIGNED\",\"signedOn\":\"2025-03-01\"");
        call(
                        post("/api/v1/projects/" + id + "/transitions"),
                        XIAOYI,
                        "{\"action\":\"HOLD\",\"date\":\"2025-06-01\",\"reason\":\"FUNDING\",\"note\":\"企业资金链紧张\","
                                + "\"version\":" + version(id)
                                + "}")
                .andExpect(jsonPath("$.stage").value("SUSPENDED"));
        call(
                        post("/api/v1/projects/" + id + "/transitions"),
                        XIAOYI,
                        "{\"action\":\"RESUME\",\"date\":\"2025-07-01\",\"version\":" + version(id) + "}")
                .andExpect(jsonPath("$.stage").value("SIGNED"));
        call(
                        post("/api/v1/projects/" + id + "/transitions"),
                        XIAOYI,
                        "{\"action\":\"TERMINATE\",\"date\":\"2025-08-01\",\"version\":" + version(id) + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.reason").exists());
    }

    @Test
    void reviewFlowKeepsEveryApprovedVersionForAsOfFigures() throws Exception {
        long id = create(XIAOYI, "审核流程测试", "141181", "\"stage\":\"SIGNED\",\"signedOn\":\"2025-03-01\"");
        call(
                        post("/api/v1/projects/" + id + "/reviews"),
                        CITY,
                        "{\"action\":\"APPROVE\",\"version\":" + version(id) + "}")
                .andExpect(status().isBadRequest()); // not submitted yet
        call(
                        post("/api/v1/projects/" + id + "/reviews"),
                        XIAOYI,
                        "{\"action\":\"SUBMIT\",\"version\":" + version(id) + "}")
                .andExpect(jsonPath("$.reviewStatus").value("SUBMITTED"));
        call(
                        post("/api/v1/projects/" + id + "/reviews"),
                        XIAOYI,
                        "{\"action\":\"APPROVE\",\"version\":" + version(id) + "}")
                .andExpect(status().isForbidden()); // counties do not approve their own
        call(
                        post("/api/v1/projects/" + id + "/reviews"),
                        CITY,
                        "{\"action\":\"RETURN\",\"version\":" + version(id) + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.opinion[0]").value("退回时请填写审核意见。"));
        call(
                        post("/api/v1/projects/" + id + "/reviews"),
                        CITY,
                        "{\"action\":\"RETURN\",\"opinion\":\"金额有误\",\"version\":" + version(id) + "}")
                .andExpect(jsonPath("$.reviewStatus").value("RETURNED"));
        call(
                post("/api/v1/projects/" + id + "/reviews"),
                XIAOYI,
                "{\"action\":\"SUBMIT\",\"version\":" + version(id) + "}");
        call(
                        post("/api/v1/projects/" + id + "/reviews"),
                        CITY,
                        "{\"action\":\"APPROVE\",\"version\":" + version(id) + "}")
                .andExpect(jsonPath("$.reviewStatus").value("APPROVED"));
        assertThat(approvedAmounts(id)).containsExactly(new BigDecimal("12000.00"));

        // a later correction: the working copy changes at once, the official figure only on approval
        call(
                        put("/api/v1/projects/" + id),
                        XIAOYI,
                        "{\"name\":\"审核流程测试\",\"regionId\":" + region("141181")
                                + ",\"totalInvestment\":15000,\"contractAmount\":15000,\"version\":" + version(id)
                                + "}")
                .andExpect(jsonPath("$.reviewStatus").value("DRAFT"));
        assertThat(currentApproved(id)).isEqualByComparingTo("12000.00");
        call(
                post("/api/v1/projects/" + id + "/reviews"),
                XIAOYI,
                "{\"action\":\"SUBMIT\",\"version\":" + version(id) + "}");
        call(
                post("/api/v1/projects/" + id + "/reviews"),
                CITY,
                "{\"action\":\"APPROVE\",\"version\":" + version(id) + "}");
        assertThat(currentApproved(id)).isEqualByComparingTo("15000.00");
        assertThat(approvedAmounts(id)).containsExactly(new BigDecimal("12000.00"), new BigDecimal("15000.00"));
        assertThat(jdbc.sql("select count(*) from project_approved where project_id = :id and valid_to is not null")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from project_review where project_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(6);
    }

    private List<BigDecimal> approvedAmounts(long id) {
        return jdbc.sql("select total_investment from project_approved where project_id = :id order by id")
                .param("id", id)
                .query(BigDecimal.class)
                .list();
    }

    private BigDecimal currentApproved(long id) {
        return jdbc.sql("select total_investment from project_approved where project_id = :id and valid_to is null")
                .param("id", id)
                .query(BigDecimal.class)
                .single();
    }

    @Test
    void staleEditIsA409WithTheCurrentValuesAndNothingIsOverwritten() throws Exception {
        long id = create(XIAOYI, "并发编辑测试", "141181", null);
        long v = version(id);
        String edit = "{\"name\":\"并发编辑测试\",\"regionId\":" + region("141181") + ",\"totalInvestment\":%s,\"version\":"
                + v + "}";
        call(put("/api/v1/projects/" + id), XIAOYI, edit.formatted("20000")).andExpect(status().isOk());
        call(put("/api/v1/projects/" + id), CITY, edit.formatted("30000"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.current.totalInvestment").value(20000.0))
                .andExpect(jsonPath("$.yourVersion").value(v));
        assertThat(jdbc.sql("select total_investment from project where id = :id")
                        .param("id", id)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("20000");
    }

    @Test
    void moneyStaysExact() throws Exception {
        long id = create(XIAOYI, "精度测试", "141181", null);
        call(
                put("/api/v1/projects/" + id),
                XIAOYI,
                "{\"name\":\"精度测试\",\"regionId\":" + region("141181")
                        + ",\"totalInvestment\":0.1,\"contractAmount\":0.2,\"version\":" + version(id) + "}");
        assertThat(jdbc.sql("select total_investment + contract_amount from project where id = :id")
                        .param("id", id)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("0.30");
        call(
                        put("/api/v1/projects/" + id),
                        XIAOYI,
                        "{\"name\":\"精度测试\",\"regionId\":" + region("141181")
                                + ",\"totalInvestment\":1.234,\"version\":" + version(id) + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.totalInvestment").exists());
    }

    @Test
    void fundsCountOnceApproved() throws Exception {
        long id = create(XIAOYI, "到位资金测试", "141181", "\"stage\":\"SIGNED\",\"signedOn\":\"2025-03-01\"");
        call(
                        post("/api/v1/projects/" + id + "/funds"),
                        XIAOYI,
                        "{\"month\":\"2024-04\",\"origin\":\"OUT_OF_PROVINCE\",\"amount\":3000.50}")
                .andExpect(status().isCreated());
        call(
                        post("/api/v1/projects/" + id + "/funds"),
                        XIAOYI,
                        "{\"month\":\"2024-05\",\"origin\":\"OUT_OF_PROVINCE\",\"amount\":-1}")
                .andExpect(status().isBadRequest());
        assertThat(jdbc.sql("select count(*) from project_fund where project_id = :id and approved_at is null")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        call(
                post("/api/v1/projects/" + id + "/reviews"),
                XIAOYI,
                "{\"action\":\"SUBMIT\",\"version\":" + version(id) + "}");
        call(
                post("/api/v1/projects/" + id + "/reviews"),
                CITY,
                "{\"action\":\"APPROVE\",\"version\":" + version(id) + "}");
        assertThat(jdbc.sql("select amount from project_fund where project_id = :id and approved_at is not null")
                        .param("id", id)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("3000.50");
    }

    @Test
    void duplicatesAcrossCountiesAreListedUntilTheCityDismissesThem() throws Exception {
        String investor = "\"newInvestorName\":\"重复检测测试投资有限公司\"";
        long a = create(XIAOYI, "重复检测甲项目", "141181", investor);
        long b = create(ZHONGYANG, "重复检测乙项目", "141129", investor);
        String body = call(get("/api/v1/projects/duplicates"), CITY, null)
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<Integer> as = JsonPath.read(body, "$[?(@.b.id == " + b + ")].a.id");
        assertThat(as).contains((int) a);
        // a county sees only pairs inside its own region: none across counties
        String county = call(get("/api/v1/projects/duplicates"), XIAOYI, null)
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(county).doesNotContain("重复检测乙项目");
        jdbc.sql("insert into project_duplicate_dismissal (project_a, project_b, reason) values (:a, :b, '不同地块')")
                .param("a", Math.min(a, b))
                .param("b", Math.max(a, b))
                .update();
        body = call(get("/api/v1/projects/duplicates"), CITY, null)
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).doesNotContain("重复检测乙项目");
    }

    @Test
    void keysetPagesFollowOnWithoutOverlap() throws Exception {
        String first = call(get("/api/v1/projects?sort=investment&dir=desc&size=25"), CITY, null)
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<Integer> ids1 = JsonPath.read(first, "$.rows[*].id");
        List<Double> amounts1 = JsonPath.read(first, "$.rows[*].totalInvestment");
        String cursor = JsonPath.read(first, "$.next");
        String second = call(
                        get("/api/v1/projects?sort=investment&dir=desc&size=25").param("cursor", cursor), CITY, null)
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<Integer> ids2 = JsonPath.read(second, "$.rows[*].id");
        List<Double> amounts2 = JsonPath.read(second, "$.rows[*].totalInvestment");
        assertThat(ids1).hasSize(25).doesNotContainAnyElementsOf(ids2);
        assertThat(amounts1.get(24)).isGreaterThanOrEqualTo(amounts2.get(0));
        assertThat(amounts1).isSortedAccordingTo(Comparator.reverseOrder());
        call(get("/api/v1/projects").param("cursor", "garbage"), CITY, null).andExpect(status().isBadRequest());
    }

    @Test
    void filteredTotalsMatchTheRows() throws Exception {
        String totals = call(get("/api/v1/projects/totals?band=100000&review=APPROVED"), CITY, null)
                .andReturn()
                .getResponse()
                .getContentAsString();
        String rows = call(get("/api/v1/projects?band=100000&review=APPROVED&size=200"), CITY, null)
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<Double> amounts = JsonPath.read(rows, "$.rows[*].totalInvestment");
        assertThat(((Number) JsonPath.read(totals, "$.count")).intValue()).isEqualTo(amounts.size());
        assertThat(amounts).allMatch(x -> x >= 100000);
        assertThat(new BigDecimal(JsonPath.read(totals, "$.totalInvestment").toString()))
                .isEqualByComparingTo(
                        amounts.stream().map(BigDecimal::valueOf).reduce(BigDecimal.ZERO, BigDecimal::add));
    }
}
