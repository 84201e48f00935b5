package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.ledger.sheet.ClerkLedgerVariants;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;

/**
 * The rules around a clerk's own ledger: a column the kind does not know is named and mapped once (remembered for
 * the office), nothing counted is defaulted (a blank 资金来源 is derived from the credit code and marked so, or left
 * unknown; a blank 项目类型 stays unknown; 其中省外资金 is stored), a later partial sheet changes only what it fills
 * and says old → new, and a city user's rows never land in the city itself unless chosen.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClerkLedgerRulesIT extends IntegrationTest {

    private static final String XIAOYI = "Bearer demo-token-xiaoyi";
    private static final String CITY = "Bearer demo-token-city";
    private static final String SCALE = "投资规模（万元）";

    private static long mappedBatch;

    private String preview(String token, String name, byte[] file, String... params) throws Exception {
        var request = multipart("/api/v1/ledger/projects/preview")
                .file(new MockMultipartFile("file", name, "application/octet-stream", file))
                .header("Authorization", token);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private String commit(String token, long batch) throws Exception {
        return mvc.perform(post("/api/v1/ledger/" + batch + "/commit").header("Authorization", token))
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
    private static String reasons(Map<String, Object> row) {
        return String.join(" ", (List<String>) row.get("problems"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> changes(Map<String, Object> row) {
        return ((List<Map<String, String>>) row.get("changes"))
                .stream()
                        .map(c -> c.get("column") + ":" + c.get("from") + "→" + c.get("to"))
                        .toList();
    }

    private static long batchId(String report) {
        return ((Number) JsonPath.read(report, "$.batchId")).longValue();
    }

    private Map<String, Object> project(String name) {
        var rows = jdbc.sql("""
                select p.id, r.name as region, p.total_investment, p.contract_amount, p.out_of_province_amount,
                       p.fund_origin, p.fund_origin_derived, p.project_type, p.stage, p.signed_on
                  from project p join region r on r.id = p.region_id where p.name = :n
                """).param("n", name).query().listOfRows();
        assertThat(rows).as(name).hasSize(1);
        return rows.get(0);
    }

    @Test
    @Order(1)
    void anUnknownColumnIsNamedWhereTheRuleWouldSayRequiredAndNothingCanBeCommitted() throws Exception {
        long before = jdbc.sql("select count(*) from project").query(Long.class).single();
        String report = preview(XIAOYI, "推进表.xlsx", ClerkLedgerVariants.scaleColumn("-甲"));
        assertThat((Integer) JsonPath.read(report, "$.rows")).isEqualTo(3);
        assertThat((Integer) JsonPath.read(report, "$.rejected")).isEqualTo(3);
        assertThat((List<String>) JsonPath.read(report, "$.sheet.unknownColumns"))
                .containsExactly(SCALE);
        for (int n = 3; n <= 5; n++) {
            assertThat(reasons(row(report, n)))
                    .contains("未识别的列“" + SCALE + "”")
                    .contains("总投资")
                    .doesNotContain("此项必填");
        }
        assertThat(row(report, 6).get("outcome")).isEqualTo("SKIP");
        assertThat(row(report, 8).get("outcome")).isEqualTo("SKIP");
        // a batch with nothing importable cannot be committed: the clerk is told why, nothing is written
        mappedBatch = batchId(report);
        String refused = mvc.perform(
                        post("/api/v1/ledger/" + mappedBatch + "/commit").header("Authorization", XIAOYI))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(refused).contains("没有可以导入的行");
        assertThat(jdbc.sql("select count(*) from project").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    @Order(2)
    void theMappedColumnIsRememberedAndNothingCountedIsDefaulted() throws Exception {
        mvc.perform(post("/api/v1/ledger/" + mappedBatch + "/mapping")
                        .header("Authorization", XIAOYI)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"columns\": {\"" + SCALE + "\": \"totalInvestment\"}}"))
                .andExpect(status().isOk());
        String batch = awaitPreviewed(mappedBatch);
        assertThat((Integer) JsonPath.read(batch, "$.created")).isEqualTo(3);
        assertThat((List<String>) JsonPath.read(batch, "$.sheet.unknownColumns"))
                .isEmpty();
        // every row says where it lands, and how its origin of funds was known
        for (int n = 3; n <= 5; n++) {
            assertThat(row(batch, n).get("region")).isEqualTo("孝义市");
        }
        assertThat(reasons(row(batch, 3))).contains("山东").contains("推定为“国内省外”");
        assertThat(reasons(row(batch, 4))).contains("推定为“市内县际”");
        assertThat(reasons(row(batch, 5))).contains("无法从投资方信用代码推定");
        commit(XIAOYI, mappedBatch);

        var foundry = project("高端铸造产业园-甲");
        assertThat((BigDecimal) foundry.get("total_investment")).isEqualByComparingTo("8000");
        assertThat(foundry.get("fund_origin")).isEqualTo("OUT_OF_PROVINCE");
        assertThat(foundry.get("fund_origin_derived")).isEqualTo(true);
        assertThat(foundry.get("project_type"))
                .as("a blank type is unknown, not 工业")
                .isNull();
        assertThat(foundry.get("stage")).isEqualTo("NEGOTIATING");
        assertThat(project("文旅康养小镇-甲").get("fund_origin")).isEqualTo("IN_CITY");
        var coldChain = project("农产品冷链物流园-甲");
        assertThat(coldChain.get("fund_origin"))
                .as("no code, no origin: unknown, not 国内省外")
                .isNull();
        assertThat(coldChain.get("fund_origin_derived")).isEqualTo(false);
        assertThat(jdbc.sql("select count(*) from project where name like '%合计%' or name like '%填表人%'")
                        .query(Long.class)
                        .single())
                .isZero();

        // the office's next file with the same column: mapped as before, no question asked
        String next = preview(XIAOYI, "推进表（二）.xlsx", ClerkLedgerVariants.scaleColumn("-乙"));
        assertThat((List<String>) JsonPath.read(next, "$.sheet.unknownColumns")).isEmpty();
        // …whose first two rows are the same investors with the same totals under other names: held as duplicates
        assertThat((Integer) JsonPath.read(next, "$.created")).isEqualTo(1);
        assertThat(row(next, 3).get("duplicate")).isEqualTo(true);
        assertThat(reasons(row(next, 3))).contains("疑似重复").contains("高端铸造产业园-甲");
        assertThat(row(next, 4).get("duplicate")).isEqualTo(true);
        assertThat(row(next, 5).get("outcome")).isEqualTo("CREATE");
        // another county has its own mappings: the city's upload of the same layout is asked again
        String city = preview(CITY, "孝义推进表.xlsx", ClerkLedgerVariants.scaleColumn("-丙"));
        assertThat((List<String>) JsonPath.read(city, "$.sheet.unknownColumns")).containsExactly(SCALE);
    }

    @Test
    @Order(3)
    void aLaterSheetChangesOnlyWhatItFillsAndSaysOldAndNew() throws Exception {
        // the foundry was signed: 总投资 8000 → 9000, the stage and its date; 签约金额 blank; investor spelt short
        String report = preview(XIAOYI, "推进表5月.xlsx", ClerkLedgerVariants.laterSheet("-甲", "2025-04-18", "9000", null));
        var foundry = row(report, 4);
        assertThat(foundry.get("outcome")).isEqualTo("UPDATE");
        assertThat(changes(foundry)).containsExactlyInAnyOrder("总投资:8000→9000", "项目进展:洽谈→签约", "签约日期:→2025-04-18");
        assertThat(reasons(foundry)).contains("表中“鲁达铸造”").contains("客商库（同一信用代码）为“山东鲁达铸造有限公司”");
        assertThat(row(report, 5).get("outcome"))
                .as("a row with its name only changes nothing")
                .isEqualTo("UNCHANGED");
        commit(XIAOYI, batchId(report));
        var stored = project("高端铸造产业园-甲");
        assertThat((BigDecimal) stored.get("total_investment")).isEqualByComparingTo("9000");
        assertThat(stored.get("stage")).isEqualTo("SIGNED");
        assertThat(stored.get("signed_on")).isEqualTo(Date.valueOf(LocalDate.of(2025, 4, 18)));
        assertThat(stored.get("fund_origin_derived"))
                .as("a blank origin leaves the derived one")
                .isEqualTo(true);

        // a corrected signing date is an update (never 无变化); a blank 总投资 keeps 9000; a contract amount arrives
        report = preview(XIAOYI, "推进表5月（更正）.xlsx", ClerkLedgerVariants.laterSheet("-甲", "2025-04-20", null, "6000"));
        assertThat(changes(row(report, 4))).containsExactlyInAnyOrder("签约日期:2025-04-18→2025-04-20", "签约金额:→6000");
        commit(XIAOYI, batchId(report));
        stored = project("高端铸造产业园-甲");
        assertThat((BigDecimal) stored.get("total_investment")).isEqualByComparingTo("9000");
        assertThat((BigDecimal) stored.get("contract_amount")).isEqualByComparingTo("6000");
        assertThat(stored.get("signed_on")).isEqualTo(Date.valueOf(LocalDate.of(2025, 4, 20)));

        // without the amount: no change by default; cleared only when the upload says blanks clear
        byte[] without = ClerkLedgerVariants.laterSheet("-甲", "2025-04-20", "9000", null);
        assertThat(row(preview(XIAOYI, "a.xlsx", without), 4).get("outcome")).isEqualTo("UNCHANGED");
        report = preview(XIAOYI, "b.xlsx", without, "clearBlanks", "true");
        assertThat(changes(row(report, 4))).containsExactly("签约金额:6000→");
        commit(XIAOYI, batchId(report));
        assertThat(project("高端铸造产业园-甲").get("contract_amount")).isNull();
    }

    @Test
    @Order(4)
    void aCityUsersRowsLandWhereTheySaidNeverInTheCitySilently() throws Exception {
        String report = preview(CITY, "在谈项目清单.xlsx", ClerkLedgerVariants.cityLeads("-丁"));
        assertThat((Integer) JsonPath.read(report, "$.rejected")).isEqualTo(2);
        assertThat(reasons(row(report, 3))).contains("没有落地区域").contains("不会默认导入到市本级");
        long xiaoyi = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        report = preview(CITY, "在谈项目清单.xlsx", ClerkLedgerVariants.cityLeads("-丁"), "regionId", String.valueOf(xiaoyi));
        assertThat((String) JsonPath.read(report, "$.sheet.landing")).isEqualTo("孝义市");
        assertThat((Integer) JsonPath.read(report, "$.created")).isEqualTo(2);
        assertThat(row(report, 3).get("region")).isEqualTo("孝义市");
        commit(CITY, batchId(report));
        assertThat((BigDecimal) project("煤层气综合利用-丁").get("total_investment"))
                .as("1.2 亿元")
                .isEqualByComparingTo("12000");
        assertThat(project("锂电材料基地-丁").get("region")).isEqualTo("孝义市");

        // a region outside the uploader's scope is refused as the field's error, before anything runs
        long fenyang = jdbc.sql("select id from region where code = '141182'")
                .query(Long.class)
                .single();
        mvc.perform(multipart("/api/v1/ledger/projects/preview")
                        .file(new MockMultipartFile(
                                "file", "x.xlsx", "application/octet-stream", ClerkLedgerVariants.cityLeads("-戊")))
                        .param("regionId", String.valueOf(fenyang))
                        .header("Authorization", XIAOYI))
                .andExpect(status().isBadRequest());
    }

    @Test
    @Order(5)
    void anotherCountysEntryOfTheSameInvestmentIsHeldUntilConfirmed() throws Exception {
        // 中阳's clerk enters the foundry 孝义 already has: same investor credit code, same name and total
        String zhongyang = "Bearer demo-token-zhongyang";
        String report =
                preview(zhongyang, "中阳推进表.xlsx", ClerkLedgerVariants.laterSheet("-甲", "2025-04-20", "9000", null));
        var row = row(report, 4);
        assertThat(row.get("outcome")).isEqualTo("REJECT");
        assertThat(row.get("duplicate")).isEqualTo(true);
        String code = jdbc.sql("select code from project where name = '高端铸造产业园-甲'")
                .query(String.class)
                .single();
        assertThat(reasons(row))
                .contains("疑似重复")
                .contains("孝义市")
                .contains(code)
                .as("中阳 may not read 孝义's project: its region and code only")
                .doesNotContain("“高端铸造产业园-甲”");
        long batch = batchId(report);
        mvc.perform(post("/api/v1/ledger/" + batch + "/mapping")
                        .header("Authorization", zhongyang)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"confirmed\": [4]}"))
                .andExpect(status().isOk());
        String again = awaitPreviewed(batch, zhongyang);
        assertThat(row(again, 4).get("outcome"))
                .as("confirmed: not the same project")
                .isEqualTo("CREATE");
        assertThat(row(again, 4).get("region")).isEqualTo("中阳县");
    }

    /** The batch once its background dry run has finished (the mapping runs it again). */
    private String awaitPreviewed(long batch) throws Exception {
        return awaitPreviewed(batch, XIAOYI);
    }

    private String awaitPreviewed(long batch, String token) throws Exception {
        for (int i = 0; i < 200; i++) {
            String json = mvc.perform(get("/api/v1/ledger/" + batch).header("Authorization", token))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            String s = JsonPath.read(json, "$.status");
            if (!s.equals("PREVIEWING")) {
                assertThat(s).as(json).isEqualTo("PREVIEWED");
                return json;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the dry run did not finish");
    }
}
