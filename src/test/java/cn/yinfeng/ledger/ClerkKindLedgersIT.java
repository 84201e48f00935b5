package cn.yinfeng.ledger;

import static cn.yinfeng.ledger.sheet.ClerkKindLedgers.HYDROGEN;
import static cn.yinfeng.ledger.sheet.ClerkKindLedgers.SOLAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.ledger.sheet.ClerkKindLedgers;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;

/**
 * A county office's own enterprise register (.xls behind a 汇总 sheet, 亿元), fund ledger (.xlsx, 到位资金 over
 * 本月 | 累计), trip ledger (GBK CSV, the days in one cell) and reception ledger (.xlsx, 接待领导 merged down), each
 * through the dry run and the commit: every stored value read back through the owning module's API, the rows that
 * are not data skipped with their reason, the rows a clerk must correct refused naming the column, and the records
 * landing in the county the title names.
 */
class ClerkKindLedgersIT extends IntegrationTest {

    private static final String XIAOYI = "Bearer demo-token-xiaoyi";

    private String preview(String kind, String name, byte[] file) throws Exception {
        return mvc.perform(multipart("/api/v1/ledger/" + kind + "/preview")
                        .file(new MockMultipartFile("file", name, "application/octet-stream", file))
                        .header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private String commit(String report) throws Exception {
        long batch = ((Number) JsonPath.read(report, "$.batchId")).longValue();
        return mvc.perform(post("/api/v1/ledger/" + batch + "/commit").header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private String api(String path) throws Exception {
        return mvc.perform(get(path).header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private static Map<String, Object> row(String report, int number) {
        List<Map<String, Object>> rows = JsonPath.read(report, "$.results[?(@.rowNumber == " + number + ")]");
        assertThat(rows).as("row %d in the report", number).hasSize(1);
        return rows.get(0);
    }

    @SuppressWarnings("unchecked")
    private static String reasons(String report, int number) {
        return String.join(" ", (List<String>) row(report, number).get("problems"));
    }

    private static String outcome(String report, int number) {
        return (String) row(report, number).get("outcome");
    }

    private static long id(String report, int number) {
        return ((Number) row(report, number).get("recordId")).longValue();
    }

    private static int count(String report, String field) {
        return JsonPath.read(report, "$." + field);
    }

    private static void skipped(String report, int number, String reason) {
        assertThat(outcome(report, number)).as("row %d", number).isEqualTo("SKIP");
        assertThat(reasons(report, number)).as("row %d", number).contains(reason);
    }

    @Test
    void theEnterpriseRegisterInXlsBehindASummarySheetInYi() throws Exception {
        String report = preview("enterprises", "孝义市重点招商引资企业名录.xls", ClerkKindLedgers.enterprisesXls());
        assertThat(count(report, "rows")).isEqualTo(3);
        assertThat(count(report, "created")).isEqualTo(3);
        assertThat(count(report, "rejected")).isZero();
        skipped(report, 8, "合计");
        skipped(report, 10, "合计");
        skipped(report, 12, "表尾");
        assertThat(api("/api/v1/enterprises?q=山西鹏飞新材料有限公司")).as("a dry run").contains("\"total\":0");

        commit(report);
        Map<String, Object> pengfei = one("山西鹏飞新材料有限公司");
        assertThat(pengfei.get("creditCode")).isEqualTo(ClerkKindLedgers.PENGFEI_CODE);
        assertThat(new BigDecimal(pengfei.get("registeredCapital").toString()))
                .as("1.2 under 单位：亿元")
                .isEqualByComparingTo("12000");
        assertThat(pengfei)
                .containsEntry("industry", "新材料")
                .containsEntry("hqProvince", "山西省")
                .containsEntry("hqCity", "太原市")
                .containsEntry("contactName", "王建国")
                .containsEntry("contactPhone", "13812345678")
                .containsEntry("sourceChannel", "以商招商");
        Map<String, Object> huasheng = one("孝义市华晟商贸有限公司");
        assertThat(huasheng.get("creditCode")).as("无 is no code").isNull();
        assertThat(new BigDecimal(huasheng.get("registeredCapital").toString())).isEqualByComparingTo("500");
        assertThat(huasheng)
                .as("新材料 merged over both rows")
                .containsEntry("industry", "新材料")
                .containsEntry("hqCity", "吕梁市")
                .containsEntry("contactName", "李梅")
                .containsEntry("contactPhone", "0358-7221234")
                .containsEntry("sourceChannel", "外出招商");
        Map<String, Object> storage = one("北京中关村储能科技有限公司");
        assertThat(new BigDecimal(storage.get("registeredCapital").toString()))
                .as("8000万元 keeps its own unit")
                .isEqualByComparingTo("8000");
        assertThat(storage)
                .containsEntry("creditCode", ClerkKindLedgers.STORAGE_CODE)
                .containsEntry("industry", "储能")
                .containsEntry("sourceChannel", "中介推荐");
        assertThat(api("/api/v1/enterprises?q=小计") + api("/api/v1/enterprises?q=填表人"))
                .doesNotContain("\"name\"");
        // the county the title names, as the registry's export shows it
        String csv = new String(
                mvc.perform(get("/api/v1/enterprises/export")
                                .param("format", "csv")
                                .param("q", "孝义市华晟商贸有限公司")
                                .header("Authorization", XIAOYI))
                        .andReturn()
                        .getResponse()
                        .getContentAsByteArray(),
                StandardCharsets.UTF_8);
        assertThat(csv).contains("孝义市华晟商贸有限公司,,孝义市,");

        String again = preview("enterprises", "孝义市重点招商引资企业名录.xls", ClerkKindLedgers.enterprisesXls());
        assertThat(count(again, "unchanged")).isEqualTo(3);
    }

    private Map<String, Object> one(String name) throws Exception {
        List<Map<String, Object>> rows = JsonPath.read(api("/api/v1/enterprises?q=" + name), "$.rows");
        assertThat(rows).as(name).hasSize(1);
        return rows.get(0);
    }

    private long project(String name) throws Exception {
        long region = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        String body = mvc.perform(post("/api/v1/projects")
                        .header("Authorization", XIAOYI)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"regionId\":" + region + ",\"totalInvestment\":50000,"
                                + "\"contractAmount\":40000,\"stage\":\"SIGNED\",\"signedOn\":\"2022-12-20\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    @Test
    void theFundLedgerByProjectNameWithThisMonthAndTheRunningTotal() throws Exception {
        long hydrogen = project(HYDROGEN);
        long solar = project(SOLAR);
        String report = preview("funds", "一季度资金到位情况表.xlsx", ClerkKindLedgers.fundsXlsx());
        assertThat(count(report, "rows")).as(report).isEqualTo(4);
        assertThat(count(report, "created")).isEqualTo(3);
        assertThat(count(report, "rejected")).isEqualTo(1);
        assertThat(outcome(report, 6))
                .as("the project merged down over its second month")
                .isEqualTo("CREATE");
        // an estimate is not a figure: refused, naming the column and saying what to write
        assertThat(reasons(report, 9))
                .startsWith("到位资金(万元)/本月：")
                .contains("约300")
                .contains("确切");
        skipped(report, 7, "合计");
        skipped(report, 11, "合计");
        skipped(report, 13, "表尾");
        assertThat(api("/api/v1/projects/" + hydrogen + "/funds"))
                .as("a dry run")
                .isEqualTo("[]");

        commit(report);
        String funds = api("/api/v1/projects/" + hydrogen + "/funds");
        assertThat((List<String>) JsonPath.read(funds, "$[*].month")).containsExactlyInAnyOrder("2023-01", "2023-02");
        assertThat(amount(funds, "2023-01", "OUT_OF_PROVINCE")).isEqualByComparingTo("1200");
        assertThat(amount(funds, "2023-02", "OVERSEAS")).isEqualByComparingTo("350.5");
        assertThat((List<String>) JsonPath.read(funds, "$[?(@.month == '2023-02')].note"))
                .containsExactly("外资首笔");
        String solarFunds = api("/api/v1/projects/" + solar + "/funds");
        assertThat((List<Object>) JsonPath.read(solarFunds, "$[*]"))
                .as("the estimate stored nothing")
                .hasSize(1);
        assertThat(amount(solarFunds, "2023-03", "OUT_OF_PROVINCE")).as("0.12亿").isEqualByComparingTo("1200");

        String again = preview("funds", "一季度资金到位情况表.xlsx", ClerkKindLedgers.fundsXlsx());
        assertThat(count(again, "unchanged")).isEqualTo(3);
        assertThat(count(again, "created")).isZero();
    }

    private static BigDecimal amount(String funds, String month, String origin) {
        List<Object> a =
                JsonPath.read(funds, "$[?(@.month == '" + month + "' && @.origin == '" + origin + "')].amount");
        assertThat(a).as(month + " " + origin).hasSize(1);
        return new BigDecimal(a.get(0).toString());
    }

    @Test
    void theTripLedgerAsGbkCsvWithTheDaysInOneCell() throws Exception {
        String report = preview("trips", "外出招商活动台账.csv", ClerkKindLedgers.tripsCsvGbk());
        assertThat(count(report, "rows")).isEqualTo(3);
        assertThat(count(report, "created")).isEqualTo(2);
        assertThat(count(report, "rejected")).isEqualTo(1);
        // back before it set out: refused, naming the cell as written and how to write it
        assertThat(reasons(report, 7))
                .contains("2023年5月20日至5月18日")
                .contains("2024.3.12-3.15"); // the example the message gives
        skipped(report, 9, "合计");
        skipped(report, 10, "表尾");
        // no 状态 column: recorded as done, which is counted, and said so on each row
        assertThat(reasons(report, 5)).startsWith("状态：").contains("已完成").contains("计入统计");

        String done = commit(report);
        String trip = api("/api/v1/trips/" + id(done, 5));
        assertThat((String) JsonPath.read(trip, "$.title")).isEqualTo("赴长三角开展新材料产业链招商");
        assertThat((String) JsonPath.read(trip, "$.regionName"))
                .as("the county the title names")
                .isEqualTo("孝义市");
        assertThat((String) JsonPath.read(trip, "$.leaderName")).isEqualTo("刘晋萍");
        assertThat((String) JsonPath.read(trip, "$.leaderRank")).isEqualTo("副市长");
        assertThat((String) JsonPath.read(trip, "$.startDate")).isEqualTo("2023-03-12");
        assertThat((String) JsonPath.read(trip, "$.endDate")).isEqualTo("2023-03-15");
        assertThat((String) JsonPath.read(trip, "$.cities")).isEqualTo("上海、苏州");
        assertThat((String) JsonPath.read(trip, "$.members")).isEqualTo("王科长、李干事");
        assertThat((String) JsonPath.read(trip, "$.outcome")).isEqualTo("达成投资意向2个");
        assertThat((String) JsonPath.read(trip, "$.status")).isEqualTo("DONE");
        assertThat((List<String>) JsonPath.read(trip, "$.visits[*].enterpriseName"))
                .containsExactlyInAnyOrder("上海华谊新材料有限公司", "苏州纳微科技股份有限公司");
        assertThat((List<String>) JsonPath.read(trip, "$.visits[*].visitDate")).containsOnly("2023-03-12");
        String second = api("/api/v1/trips/" + id(done, 6));
        assertThat((String) JsonPath.read(second, "$.startDate")).isEqualTo("2023-04-08");
        assertThat((String) JsonPath.read(second, "$.endDate"))
                .as("10日: the same month")
                .isEqualTo("2023-04-10");
        assertThat((String) JsonPath.read(second, "$.leaderRank")).isEqualTo("商务局局长");
        assertThat((Map<String, Object>) JsonPath.read(second, "$"))
                .as("no 活动成效 written")
                .doesNotContainKey("outcome");

        String again = preview("trips", "外出招商活动台账.csv", ClerkKindLedgers.tripsCsvGbk());
        assertThat(count(again, "unchanged")).isEqualTo(2);
        assertThat(count(again, "created")).isZero();
    }

    @Test
    void theReceptionLedgerWithItsHostMergedDownAndHeadCountsAsWritten() throws Exception {
        String report = preview("delegations", "客商来访接待台账.xlsx", ClerkKindLedgers.delegationsXlsx());
        assertThat(count(report, "rows")).isEqualTo(4);
        assertThat(count(report, "created")).isEqualTo(2);
        assertThat(count(report, "rejected")).isEqualTo(2);
        // a head count is summed: an estimate and a blank are the clerk's to settle, never a guess or a 0
        assertThat(reasons(report, 7)).startsWith("来访人数：").contains("五十余人").contains("整数");
        assertThat(reasons(report, 8)).startsWith("来访人数：").contains("不会按 0");
        skipped(report, 10, "合计");
        skipped(report, 12, "表尾");
        assertThat(reasons(report, 6)).startsWith("状态：").contains("已完成");

        String done = commit(report);
        String first = api("/api/v1/delegations/" + id(done, 5));
        assertThat((String) JsonPath.read(first, "$.title")).isEqualTo("山东华能集团考察团");
        assertThat((String) JsonPath.read(first, "$.regionName")).isEqualTo("孝义市");
        assertThat((String) JsonPath.read(first, "$.visitDate"))
                .as("a date cell")
                .isEqualTo("2023-05-18");
        assertThat((Integer) JsonPath.read(first, "$.people")).isEqualTo(12);
        assertThat((String) JsonPath.read(first, "$.hostName")).isEqualTo("刘晋萍（副市长）");
        assertThat((String) JsonPath.read(first, "$.sites")).isEqualTo("孝义经济技术开发区、梧桐新材料园区");
        assertThat((String) JsonPath.read(first, "$.outcome")).isEqualTo("签订合作框架协议");
        assertThat((List<String>) JsonPath.read(first, "$.enterprises")).containsExactly("山东华能装备有限公司");
        String second = api("/api/v1/delegations/" + id(done, 6));
        assertThat((String) JsonPath.read(second, "$.visitDate")).isEqualTo("2023-06-03");
        assertThat((Integer) JsonPath.read(second, "$.people")).as("十二人").isEqualTo(12);
        assertThat((String) JsonPath.read(second, "$.hostName"))
                .as("the host merged down over both visits")
                .isEqualTo("刘晋萍（副市长）");
        assertThat((List<String>) JsonPath.read(second, "$.enterprises"))
                .containsExactlyInAnyOrder("北京远景储能有限公司", "远景能源有限公司");

        String again = preview("delegations", "客商来访接待台账.xlsx", ClerkKindLedgers.delegationsXlsx());
        assertThat(count(again, "unchanged")).isEqualTo(2);
        assertThat(count(again, "created")).isZero();
    }
}
