package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.ledger.sheet.ClerkLedgers;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;

/**
 * A county clerk's own 签约项目台账 — a 汇总 sheet first, title and unit subtitle, a two-row merged header, 项目进展 in
 * words, 包联领导 as people say them, a 产业链 merged down, a blank row, a 合计 row of formulas and a footer — in
 * each format counties send (xlsx, xls, GBK CSV), through the dry run and the commit.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClerkLedgerImportIT extends IntegrationTest {

    private static final String XIAOYI = "Bearer demo-token-xiaoyi";
    private static final String CITY = "Bearer demo-token-city";

    private static byte[] file(String format) {
        return switch (format) {
            case "xlsx" -> ClerkLedgers.xlsx();
            case "xls", "et" -> ClerkLedgers.xls(); // WPS saves .et as the same OLE2 workbook
            default -> ClerkLedgers.csvGbk();
        };
    }

    private String preview(String token, String name, byte[] file) throws Exception {
        return mvc.perform(multipart("/api/v1/ledger/projects/preview")
                        .file(new MockMultipartFile("file", name, "application/octet-stream", file))
                        .header("Authorization", token))
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

    @Order(1)
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls", "csv", "et"})
    void everyFormatIsReadAsTheClerkLaidItOut(String format) throws Exception {
        long before = jdbc.sql("select count(*) from project").query(Long.class).single();
        String report = preview(XIAOYI, "孝义市签约项目台账." + format, file(format));
        // three data rows: two signed or started without their dates (told so), one under negotiation
        assertThat((Integer) JsonPath.read(report, "$.rows")).isEqualTo(3);
        assertThat((Integer) JsonPath.read(report, "$.created")).isEqualTo(1);
        assertThat((Integer) JsonPath.read(report, "$.rejected")).isEqualTo(2);
        assertThat(row(report, 5).get("outcome")).isEqualTo("REJECT");
        assertThat(reasons(row(report, 5))).contains("签约");
        assertThat(row(report, 6).get("outcome")).isEqualTo("REJECT");
        assertThat(row(report, 7).get("outcome")).isEqualTo("CREATE");
        // 王县长 has no leader account: imported without the link, and said so
        assertThat(reasons(row(report, 7))).contains("王县长").contains("未关联");
        // the 合计 row and the footer are skipped with their reason, never projects
        assertThat(row(report, 9).get("outcome")).isEqualTo("SKIP");
        assertThat(reasons(row(report, 9))).contains("合计");
        assertThat(row(report, 11).get("outcome")).isEqualTo("SKIP");
        assertThat(reasons(row(report, 11))).contains("表尾");
        assertThat(jdbc.sql("select count(*) from project").query(Long.class).single())
                .as("a dry run")
                .isEqualTo(before);
    }

    @Test
    @Order(3)
    void theCommitStoresWhatTheCellsSayAndLandsWhereTheTitleSays() throws Exception {
        // a city user's upload of 孝义's ledger: no region column, the title names 孝义市 — not the city itself
        byte[] file = ClerkLedgers.xlsx();
        String report = preview(CITY, "台账.xlsx", file);
        long batch = ((Number) JsonPath.read(report, "$.batchId")).longValue();
        mvc.perform(post("/api/v1/ledger/" + batch + "/commit").header("Authorization", CITY))
                .andExpect(status().isOk());
        var stored = jdbc.sql("""
                select r.name as region, p.total_investment, p.stage, c.name as chain, p.leader_user_id
                  from project p join region r on r.id = p.region_id left join chain c on c.id = p.chain_id
                 where p.name = '储能电站'
                """).query().listOfRows();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("region")).isEqualTo("孝义市");
        assertThat((BigDecimal) stored.get(0).get("total_investment")).isEqualByComparingTo("4500");
        assertThat(stored.get(0).get("stage")).isEqualTo("NEGOTIATING");
        assertThat(stored.get(0).get("chain"))
                .as("the 产业链 merged over three rows")
                .isEqualTo("新能源");
        assertThat(stored.get(0).get("leader_user_id")).isNull();
        assertThat(jdbc.sql("select count(*) from project where name like '%合计%' or name like '%填表人%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    @Order(2)
    void theResultCopyIsTheClerksOwnFileWithAResultColumn() throws Exception {
        MockHttpSession session =
                (MockHttpSession) mvc.perform(formLogin().user("xiaoyi").password("Yinfeng@2024"))
                        .andReturn()
                        .getRequest()
                        .getSession();
        String report = preview(XIAOYI, "孝义市签约项目台账.xls", ClerkLedgers.xls());
        long batch = ((Number) JsonPath.read(report, "$.batchId")).longValue();
        // the API preview belongs to the token's user, xiaoyi: the page lists it, skipped rows counted apart
        String page = mvc.perform(get("/ledger/" + batch).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("data-testid=\"skipped-count\"").contains("另有 2 行不是数据");
        // and serves its copy
        var response = mvc.perform(get("/ledger/" + batch + "/result.xlsx").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(response.getContentType()).isEqualTo("application/vnd.ms-excel");
        try (var wb = WorkbookFactory.create(new ByteArrayInputStream(response.getContentAsByteArray()))) {
            var sheet = wb.getSheet("签约项目台账");
            assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("汇总");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("孝义市2024年签约项目台账");
            assertThat(sheet.getRow(2).getCell(10).getStringCellValue()).isEqualTo("导入结果");
            assertThat(sheet.getRow(4).getCell(9).getStringCellValue())
                    .as("their 备注 kept")
                    .isEqualTo("2024年3月签约");
            assertThat(sheet.getRow(4).getCell(10).getStringCellValue()).startsWith("拒绝");
            assertThat(sheet.getRow(6).getCell(10).getStringCellValue()).startsWith("新增");
            assertThat(sheet.getRow(8).getCell(10).getStringCellValue()).startsWith("跳过");
        }
    }
}
