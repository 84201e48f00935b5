package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Holds and terminations name one of the city's reasons; the investment they lose is summed by reason, county, chain
 * and year, and every figure is the sum of the list behind it, inside the caller's scope.
 */
class ProjectLossesIT extends IntegrationTest {

    private static final String XIAOYI = "Bearer demo-token-xiaoyi";
    private static final String ZHONGYANG = "Bearer demo-token-zhongyang";
    private static final String CITY = "Bearer demo-token-city";

    private ResultActions call(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
        return mvc.perform(request.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    private MockHttpSession session(String user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin().user(user).password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
    }

    private String body(ResultActions r) throws Exception {
        return r.andReturn().getResponse().getContentAsString();
    }

    private long region(String code) {
        return jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    private long create(String token, String name, String regionCode, long total) throws Exception {
        String json = "{\"name\":\"" + name + "\",\"regionId\":" + region(regionCode) + ",\"totalInvestment\":" + total
                + ",\"fundOrigin\":\"OUT_OF_PROVINCE\",\"stage\":\"NEGOTIATING\"}";
        return ((Number) JsonPath.read(
                        body(call(post("/api/v1/projects"), token, json).andExpect(status().isCreated())), "$.id"))
                .longValue();
    }

    private ResultActions step(String token, long id, String action, String date, String reason, String note)
            throws Exception {
        String json = "{\"action\":\"" + action + "\",\"date\":\"" + date + "\""
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"")
                + (note == null ? "" : ",\"note\":\"" + note + "\"") + ",\"version\":" + projectVersion(id) + "}";
        return call(post("/api/v1/projects/" + id + "/transitions"), token, json);
    }

    private static BigDecimal amount(String json, String path) {
        return new BigDecimal(JsonPath.read(json, path).toString());
    }

    /** The group of {@code key} in a summary's list {@code groups}, as [projects, investment], or zeros. */
    private static BigDecimal[] group(String json, String groups, String key) {
        List<Map<String, Object>> g = JsonPath.read(json, "$." + groups + "[?(@.key == '" + key + "')]");
        if (g.isEmpty()) {
            return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
        }
        return new BigDecimal[] {
            new BigDecimal(g.get(0).get("projects").toString()),
            new BigDecimal(g.get(0).get("investment").toString())
        };
    }

    @Test
    void aHoldOrATerminationNeedsAReasonFromTheListAndOtherNeedsItsNote() throws Exception {
        long id = create(XIAOYI, "流失原因校验项目", "141181", 5000);
        step(XIAOYI, id, "HOLD", "2025-06-01", null, "企业资金链紧张")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.reason[0]").value("请从清单中选择暂缓或终止的原因。"));
        step(XIAOYI, id, "HOLD", "2025-06-01", "NO_SUCH", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.reason[0]").value("原因“NO_SUCH”不在启用的原因清单中，请重新选择。"));
        step(XIAOYI, id, "TERMINATE", "2025-06-01", "OTHER", " ")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.note[0]").value("原因选择“其他”时，请在“原因说明”中写明具体情况。"));
        assertThat(jdbc.sql("select stage from project where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("NEGOTIATING");

        step(XIAOYI, id, "HOLD", "2025-06-01", "LAND", "用地未批")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stage").value("SUSPENDED"))
                .andExpect(jsonPath("$.lossReason").value("LAND"))
                .andExpect(jsonPath("$.holdReason").value("用地未批"));
        assertThat(body(call(get("/api/v1/projects/" + id + "/transitions"), XIAOYI, null)))
                .contains("\"reason\":\"LAND\"");
        // resuming clears the reason: a project back on the main line has lost nothing
        step(XIAOYI, id, "RESUME", "2025-07-01", null, null)
                .andExpect(jsonPath("$.stage").value("NEGOTIATING"))
                .andExpect(jsonPath("$.lossReason").doesNotExist());
    }

    @Test
    void theLostInvestmentIsTheSumOfItsListByReasonCountyAndYear() throws Exception {
        String before = body(call(get("/api/v1/losses?year=2025"), CITY, null).andExpect(status().isOk()));

        long a = create(XIAOYI, "流失汇总甲项目", "141181", 30000);
        long b = create(XIAOYI, "流失汇总乙项目", "141181", 12345);
        long c = create(ZHONGYANG, "流失汇总丙项目", "141129", 8000);
        step(XIAOYI, a, "HOLD", "2025-04-02", "ENERGY", "能耗指标未落实").andExpect(status().isOk());
        step(XIAOYI, b, "TERMINATE", "2025-05-06", "ENERGY", null).andExpect(status().isOk());
        step(ZHONGYANG, c, "TERMINATE", "2025-08-09", "FUNDING", "投资方撤资").andExpect(status().isOk());

        String after = body(call(get("/api/v1/losses?year=2025"), CITY, null).andExpect(status().isOk()));
        assertThat(amount(after, "$.investment").subtract(amount(before, "$.investment")))
                .isEqualByComparingTo("50345");
        assertThat(group(after, "byReason", "ENERGY")[1].subtract(group(before, "byReason", "ENERGY")[1]))
                .isEqualByComparingTo("42345");
        assertThat(group(after, "byReason", "ENERGY")[0].subtract(group(before, "byReason", "ENERGY")[0]))
                .isEqualByComparingTo("2");

        // every group adds up to the total, and the total is the sum of the list the same filter selects
        for (String groups : List.of("byReason", "byRegion", "byChain", "byYear")) {
            List<Object> values = JsonPath.read(after, "$." + groups + "[*].investment");
            BigDecimal sum =
                    values.stream().map(v -> new BigDecimal(v.toString())).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).as(groups).isEqualByComparingTo(amount(after, "$.investment"));
        }
        String list = body(call(get("/api/v1/losses/projects?year=2025&size=500"), CITY, null));
        List<Object> rows = JsonPath.read(list, "$.rows[*].totalInvestment");
        assertThat(rows.stream().map(v -> new BigDecimal(v.toString())).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(amount(after, "$.investment"));
        assertThat(((Number) JsonPath.read(list, "$.total")).longValue())
                .isEqualTo(((Number) JsonPath.read(after, "$.projects")).longValue());

        // a county sees its own: 中阳县's termination is not in 孝义市's figures, nor in its list
        String xiaoyi = body(call(get("/api/v1/losses?year=2025&reason=FUNDING"), XIAOYI, null));
        String xiaoyiList = body(call(get("/api/v1/losses/projects?year=2025&size=500"), XIAOYI, null));
        assertThat(xiaoyiList).contains("流失汇总甲项目").doesNotContain("流失汇总丙项目");
        assertThat(xiaoyi).doesNotContain("中阳县");
        call(get("/api/v1/losses?regionId=" + region("141129")), XIAOYI, null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.regionId").exists());

        // the export's list and its total row carry the same figures
        byte[] file = mvc.perform(
                        get("/api/v1/losses/export?year=2025&reason=ENERGY").header("Authorization", CITY))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        String energy = body(call(get("/api/v1/losses?year=2025&reason=ENERGY"), CITY, null));
        try (var wb = new ReadableWorkbook(new ByteArrayInputStream(file))) {
            var sheets = wb.getSheets().toList();
            assertThat(sheets).hasSize(2);
            List<Row> projectRows = sheets.get(1).read();
            BigDecimal listed = BigDecimal.ZERO;
            for (Row r : projectRows.subList(1, projectRows.size() - 1)) {
                listed = listed.add(r.getCellAsNumber(8).orElseThrow());
            }
            Row total = projectRows.get(projectRows.size() - 1);
            assertThat(total.getCellText(1)).isEqualTo("合计");
            assertThat(total.getCellAsNumber(8).orElseThrow()).isEqualByComparingTo(listed);
            assertThat(listed).isEqualByComparingTo(amount(energy, "$.investment"));
            assertThat(projectRows.stream().map(r -> r.getCellText(1))).contains("流失汇总甲项目", "流失汇总乙项目");
        }
    }

    @Test
    void aHeldProjectWithoutAReasonShowsAsUnexplainedUntilTheCountyGivesOne() throws Exception {
        long id = create(XIAOYI, "流失补选原因项目", "141181", 2000);
        // as a ledger import leaves it: held, with no reason from the list
        jdbc.sql("update project set held_stage = stage, stage = 'SUSPENDED', hold_reason = '暂缓' where id = :id")
                .param("id", id)
                .update();
        String list = body(call(get("/api/v1/losses/projects?reason=NONE&size=500"), XIAOYI, null));
        assertThat(list).contains("流失补选原因项目");

        String json = "{\"reason\":\"APPROVAL\",\"note\":\"环评批复未下达\",\"version\":" + projectVersion(id) + "}";
        call(put("/api/v1/projects/" + id + "/loss-reason"), XIAOYI, json)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lossReason").value("APPROVAL"))
                .andExpect(jsonPath("$.reviewStatus").value("DRAFT"));
        assertThat(body(call(get("/api/v1/losses/projects?reason=NONE&size=500"), XIAOYI, null)))
                .doesNotContain("流失补选原因项目");
        assertThat(body(call(get("/api/v1/losses/projects?reason=APPROVAL&size=500"), XIAOYI, null)))
                .contains("流失补选原因项目");
        // a stale version is a conflict, nothing changed
        call(put("/api/v1/projects/" + id + "/loss-reason"), XIAOYI, json).andExpect(status().isConflict());

        long active = create(XIAOYI, "流失补选在谈项目", "141181", 2000);
        call(
                        put("/api/v1/projects/" + active + "/loss-reason"),
                        XIAOYI,
                        "{\"reason\":\"LAND\",\"version\":" + projectVersion(active) + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.stage[0]").value("项目未暂缓或终止，无需填写流失原因。"));
    }

    @Test
    void theCityEditsTheReasonsAndARetiredOneCannotBeChosen() throws Exception {
        call(
                        post("/api/v1/loss-reasons"),
                        XIAOYI,
                        "{\"code\":\"WATER_T\",\"name\":\"用水指标测试\",\"nameEn\":\"Water quota\"}")
                .andExpect(status().isForbidden());
        call(post("/api/v1/loss-reasons"), CITY, "{\"code\":\"water t\",\"name\":\" \",\"nameEn\":\"\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.code").exists())
                .andExpect(jsonPath("$.errors.name").exists())
                .andExpect(jsonPath("$.errors.nameEn").exists());
        call(post("/api/v1/loss-reasons"), CITY, "{\"code\":\"LAND2\",\"name\":\"用地指标不足\",\"nameEn\":\"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.name[0]").value("名称“用地指标不足”已在清单中。"));
        call(
                        post("/api/v1/loss-reasons"),
                        CITY,
                        "{\"code\":\"WATER_T\",\"name\":\"用水指标测试\",\"nameEn\":\"Water quota\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.active").value(true));

        long id = create(XIAOYI, "流失停用原因项目", "141181", 1000);
        call(
                        put("/api/v1/loss-reasons/WATER_T"),
                        CITY,
                        "{\"name\":\"用水指标测试\",\"nameEn\":\"Water quota\",\"active\":false,\"version\":0}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(false));
        call(put("/api/v1/loss-reasons/WATER_T"), CITY, "{\"name\":\"用水指标\",\"nameEn\":\"Water\",\"version\":0}")
                .andExpect(status().isConflict());
        step(XIAOYI, id, "HOLD", "2025-06-01", "WATER_T", null).andExpect(status().isBadRequest());
        assertThat(auditRows("LOSS_REASON_UPDATE", "city", "SUCCESS")).isPositive();
    }

    @Test
    void theDemoLedgerShowsLostLeadsWithTheirReasonsOnThePage() throws Exception {
        String all = body(call(get("/api/v1/losses"), CITY, null));
        assertThat(group(all, "byReason", "ENERGY")[0].intValue()).isGreaterThanOrEqualTo(2);
        assertThat(body(call(get("/api/v1/losses/projects?size=500"), CITY, null)))
                .contains("锂电池正极材料一体化项目", "吕梁绿色数据中心二期");

        var session = session("city");
        String html = mvc.perform(get("/losses").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html).contains("能耗指标不足", "锂电池正极材料一体化项目", "data-testid=\"loss-by-reason\"");
        // the page's own hold form names the reason: a county picks one and the page shows it
        long id = create(XIAOYI, "流失页面暂缓项目", "141181", 3000);
        mvc.perform(post("/projects/" + id + "/hold")
                        .session(session("xiaoyi"))
                        .with(csrf())
                        .param("version", String.valueOf(projectVersion(id)))
                        .param("date", "2025-06-01")
                        .param("note", "等待能评"))
                .andExpect(status().isOk())
                .andExpect(result ->
                        assertThat(result.getResponse().getContentAsString()).contains("请从清单中选择暂缓或终止的原因。", "等待能评"));
        mvc.perform(post("/projects/" + id + "/hold")
                        .session(session("xiaoyi"))
                        .with(csrf())
                        .param("version", String.valueOf(projectVersion(id)))
                        .param("date", "2025-06-01")
                        .param("reason", "ENERGY")
                        .param("note", "等待能评"))
                .andExpect(status().is3xxRedirection());
        String page = mvc.perform(get("/projects/" + id).session(session("xiaoyi")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("能耗指标不足", "等待能评");
    }
}
