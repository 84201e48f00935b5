package cn.yinfeng.talent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/**
 * The talent export (checklist #24, #35, #17): masked by default for everyone, grant or not; full values only with
 * the grant, a stated purpose and an explicit confirmation (API: 400 naming what is missing; page: a confirmation
 * step saying what leaves, for how many people, that it is recorded); a watermark with the user and time; an audit
 * row with the purpose and the number of people. ID numbers and phones stay text in Excel and WPS (xlsx text cells,
 * csv tab-prefixed) while formula neutralisation of the other columns still holds.
 */
class TalentExportIT extends IntegrationTest {

    static final String TALENT = "Bearer demo-token-talent";

    private final Map<String, MockHttpSession> sessions = new HashMap<>();

    private String id;
    private final String phone = "13911112222";
    private String tag;

    /** One talent with a formula-like major and employer, found by a unique tag. */
    private void fixture() throws Exception {
        tag = "导出核验" + System.nanoTime() % 100000;
        String first17 = "141129199507" + String.format("%05d", System.nanoTime() % 100000);
        id = first17 + PersonalData.checkChar(first17);
        long region = jdbc.sql("select id from region where code = '141129'")
                .query(Long.class)
                .single();
        var r = mvc.perform(post("/api/v1/talent/talents")
                        .header("Authorization", TALENT)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                        {"name":"%s","regionId":%d,"degree":"MASTER","employer":"@SUM(A1)单位","major":"=1+2",
                         "introducedOn":"2025-06-01","birthYear":1995,"idNumber":"%s","phone":"%s"}
                        """.formatted(tag, region, id, phone)))
                .andExpect(status().isCreated())
                .andReturn();
        assertThat(((Number) JsonPath.read(r.getResponse().getContentAsString(), "$.id")).longValue())
                .isPositive();
    }

    private String maskedId() {
        return id.substring(0, 4) + "**********" + id.substring(14);
    }

    private long exportAudits(String outcome, String like) {
        return jdbc.sql("select count(*) from audit_log where action = 'EXPORT' and target_type = 'talent' "
                        + "and username = 'talent' and outcome = :o and detail like :d")
                .param("o", outcome)
                .param("d", like)
                .query(Long.class)
                .single();
    }

    @Test
    @DisplayName("checklist #35: without a purpose the export is masked, even for a user holding the grant")
    void theDefaultExportIsMaskedForAGrantedUserToo() throws Exception {
        fixture();
        for (var r : List.of(
                mvc.perform(get("/api/v1/talent/talents/export")
                                .param("format", "csv")
                                .param("q", tag)
                                .header("Authorization", TALENT))
                        .andReturn()
                        .getResponse(),
                mvc.perform(get("/talent/talents/export")
                                .param("format", "csv")
                                .param("q", tag)
                                .session(session("talent")))
                        .andReturn()
                        .getResponse())) {
            assertThat(r.getStatus()).isEqualTo(200);
            String csv = r.getContentAsString(StandardCharsets.UTF_8);
            assertThat(csv)
                    .contains(tag)
                    .contains(maskedId())
                    .contains("139****2222")
                    .doesNotContain(id)
                    .doesNotContain(phone);
            assertThat(csv.lines().findFirst().orElseThrow()).contains("talent").contains("已脱敏");
        }
        // a purpose on the plain export changes nothing
        String withPurpose = mvc.perform(get("/api/v1/talent/talents/export")
                        .param("format", "csv")
                        .param("q", tag)
                        .param("purpose", "核对人员信息")
                        .param("confirm", "true")
                        .header("Authorization", TALENT))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(withPurpose).doesNotContain(id);
    }

    @Test
    @DisplayName(
            "checklist #35: the API's full export needs purposeKind, purpose and confirm=true, else 400 saying which")
    void theApiFullExportNeedsAPurposeAndAConfirmation() throws Exception {
        fixture();
        long before = exportAudits("SUCCESS", "%in full%");
        var none = full(Map.of("format", "csv", "q", tag));
        assertThat(none.getStatus()).isEqualTo(400);
        assertThat(none.getContentType()).contains("json");
        String problem = none.getContentAsString(StandardCharsets.UTF_8);
        assertThat(problem)
                .contains("用途类别")
                .contains("具体用途")
                .contains("confirm=true")
                .doesNotContain(id);
        var noConfirm = full(Map.of("format", "csv", "q", tag, "purposeKind", "POLICY", "purpose", "住房补贴发放前核对"));
        assertThat(noConfirm.getStatus()).isEqualTo(400);
        assertThat(noConfirm.getContentAsString(StandardCharsets.UTF_8))
                .contains("confirm=true")
                .doesNotContain("具体用途");
        var shortPurpose =
                full(Map.of("format", "csv", "q", tag, "purposeKind", "POLICY", "purpose", "核对", "confirm", "true"));
        assertThat(shortPurpose.getStatus()).isEqualTo(400);
        assertThat(shortPurpose.getContentAsString(StandardCharsets.UTF_8)).contains("至少 4 个字");
        assertThat(exportAudits("SUCCESS", "%in full%")).isEqualTo(before);

        var ok = full(Map.of(
                "format", "csv", "q", tag, "purposeKind", "POLICY", "purpose", "住房补贴发放前核对身份证号", "confirm", "true"));
        assertThat(ok.getStatus()).isEqualTo(200);
        String csv = ok.getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains(id).contains(phone);
        // the watermark: the first line names the user, the time and the purpose
        String first = csv.lines().findFirst().orElseThrow();
        assertThat(first)
                .startsWith("\ufeff# 导出人：")
                .contains("中阳县人才办 赵主任（talent）")
                .containsPattern("时间：\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")
                .contains("个人信息：完整")
                .contains("政策兑现核对")
                .contains("住房补贴发放前核对身份证号");
        // the audit row carries the purpose and the number of people
        String detail = jdbc.sql("select detail from audit_log where action = 'EXPORT' and username = 'talent' "
                        + "and detail like '%in full%' order by id desc limit 1")
                .query(String.class)
                .single();
        assertThat(detail).contains("1 people").contains("POLICY").contains("住房补贴发放前核对身份证号");
        assertThat(exportAudits("SUCCESS", "%in full%")).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("checklist #24: a full export without the grant is refused (403) and the attempt audited")
    void aFullExportWithoutTheGrantIsRefusedAndAudited() throws Exception {
        fixture();
        long before = auditRows("EXPORT", "zhongyang", "DENIED");
        var r = mvc.perform(post("/api/v1/talent/talents/export/full")
                        .header("Authorization", "Bearer demo-token-zhongyang")
                        .param("format", "csv")
                        .param("q", tag)
                        .param("purposeKind", "POLICY")
                        .param("purpose", "核对人员信息")
                        .param("confirm", "true"))
                .andReturn()
                .getResponse();
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(r.getContentAsString(StandardCharsets.UTF_8)).doesNotContain(id);
        assertThat(mvc.perform(get("/talent/talents/export/full").session(session("zhongyang")))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(auditRows("EXPORT", "zhongyang", "DENIED")).isEqualTo(before + 2);
        // the list offers the full export only to a granted user
        assertThat(page("zhongyang", "/talent/talents")).doesNotContain("data-testid=\"export-full\"");
        assertThat(page("talent", "/talent/talents")).contains("data-testid=\"export-full\"");
    }

    @Test
    @DisplayName("checklist #35: the page asks purpose and confirmation, says what leaves for how many, then exports")
    void thePageConfirmsBeforeAFullExport() throws Exception {
        fixture();
        String confirm = page("talent", "/talent/talents/export/full?format=xlsx&q=" + tag);
        assertThat(confirm)
                .contains("本次将导出 1 名人才的完整身份证号和手机号码")
                .contains("记入审计日志")
                .contains("name=\"purposeKind\"")
                .contains("name=\"purpose\"")
                .contains("name=\"confirm\"")
                .contains("value=\"" + tag + "\"")
                .doesNotContain(id);
        long before = exportAudits("SUCCESS", "%in full%");
        // no purpose, no confirmation: the page again with the problems next to the fields, nothing exported
        var refused = mvc.perform(post("/talent/talents/export/full")
                        .session(session("talent"))
                        .with(csrf())
                        .param("q", tag)
                        .param("format", "xlsx"))
                .andReturn()
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentType()).contains("text/html");
        assertThat(refused.getContentAsString(StandardCharsets.UTF_8))
                .contains("请选择“用途类别”")
                .contains("请填写“具体用途”")
                .contains("请勾选确认")
                .contains("is-invalid")
                .doesNotContain(id);
        assertThat(exportAudits("SUCCESS", "%in full%")).isEqualTo(before);
        // the CSRF token is required like on every form
        assertThat(mvc.perform(post("/talent/talents/export/full")
                                .session(session("talent"))
                                .param("q", tag)
                                .param("purposeKind", "ARCHIVE")
                                .param("purpose", "办理社保关系转移")
                                .param("confirm", "true"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);

        var file = mvc.perform(post("/talent/talents/export/full")
                        .session(session("talent"))
                        .with(csrf())
                        .param("q", tag)
                        .param("format", "xlsx")
                        .param("purposeKind", "ARCHIVE")
                        .param("purpose", "办理社保关系转移")
                        .param("confirm", "true"))
                .andReturn()
                .getResponse();
        assertThat(file.getStatus()).isEqualTo(200);
        assertThat(file.getHeader("Content-Disposition")).contains("talents.xlsx");
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(file.getContentAsByteArray()))) {
            Sheet sheet = wb.getSheetAt(0);
            String title = sheet.getRow(0).getCell(0).getStringCellValue();
            assertThat(title)
                    .contains("导出人：中阳县人才办 赵主任（talent）")
                    .contains("个人信息：完整")
                    .contains("人事档案、社保办理")
                    .contains("办理社保关系转移");
            assertThat(sheet.getHeader().getCenter()).contains("talent").contains("办理社保关系转移");
            assertThat(sheet.getFooter().getLeft()).contains("talent").contains("时间：");
            Row row = dataRow(sheet, tag);
            assertThat(text(row, "身份证号", sheet)).isEqualTo(id);
            assertThat(text(row, "手机号码", sheet)).isEqualTo(phone);
        }
        assertThat(exportAudits("SUCCESS", "%in full, purpose ARCHIVE: 办理社保关系转移"))
                .isEqualTo(1);
    }

    @Test
    @DisplayName(
            "checklist #17, #24: ID numbers and phones are text cells (\"@\") in xlsx, tab-prefixed in csv; formulas still neutralised")
    void idNumbersStayTextInSpreadsheetsAndFormulasStayNeutralised() throws Exception {
        fixture();
        // masked xlsx
        var masked = mvc.perform(get("/api/v1/talent/talents/export")
                        .param("format", "xlsx")
                        .param("q", tag)
                        .header("Authorization", TALENT))
                .andReturn()
                .getResponse();
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(masked.getContentAsByteArray()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
                    .contains("已脱敏")
                    .contains("talent");
            Row row = dataRow(sheet, tag);
            assertThat(text(row, "身份证号", sheet)).isEqualTo(maskedId());
            assertThat(text(row, "手机号码", sheet)).isEqualTo("139****2222");
            // the other columns keep formula neutralisation: a text cell with the apostrophe, never a formula
            for (String header : List.of("专业", "用人单位")) {
                Cell c = row.getCell(column(sheet, header));
                assertThat(c.getCellType()).as(header).isEqualTo(CellType.STRING);
                assertThat(c.getStringCellValue()).as(header).startsWith("'");
            }
        }
        // full xlsx: the 18 digits are a string cell in the text format, not 1.41E+17
        var full = full(Map.of(
                "format", "xlsx", "q", tag, "purposeKind", "VERIFY", "purpose", "核对身份证号录入错误", "confirm", "true"));
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(full.getContentAsByteArray()))) {
            Sheet sheet = wb.getSheetAt(0);
            Row row = dataRow(sheet, tag);
            assertThat(text(row, "身份证号", sheet)).isEqualTo(id);
            assertThat(text(row, "手机号码", sheet)).isEqualTo(phone);
        }
        // csv: the ID number and phone fields are "<tab>value" (quoted); the formula-like fields get the apostrophe
        String csv = full(Map.of(
                        "format", "csv", "q", tag, "purposeKind", "VERIFY", "purpose", "核对身份证号录入错误", "confirm", "true"))
                .getContentAsString(StandardCharsets.UTF_8);
        String line = csv.lines().filter(l -> l.startsWith(tag)).findFirst().orElseThrow();
        assertThat(line)
                .contains(",\"\t" + id + "\",\"\t" + phone + "\"")
                .contains(",'=1+2,")
                .contains(",'@SUM(A1)单位,");
        String maskedCsv = mvc.perform(get("/api/v1/talent/talents/export")
                        .param("format", "csv")
                        .param("q", tag)
                        .header("Authorization", TALENT))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(maskedCsv).contains(",\"\t" + maskedId() + "\",\"\t139****2222\"");
    }

    // ------------------------------------------------------------------ helpers

    private MockHttpServletResponse full(Map<String, String> params) throws Exception {
        var request = post("/api/v1/talent/talents/export/full").header("Authorization", TALENT);
        params.forEach(request::param);
        return mvc.perform(request).andReturn().getResponse();
    }

    /** The cell under a header as text, checked to be a string cell in the text format "@". */
    private static String text(Row row, String header, Sheet sheet) {
        Cell c = row.getCell(column(sheet, header));
        assertThat(c.getCellType()).as(header).isEqualTo(CellType.STRING);
        assertThat(c.getCellStyle().getDataFormatString()).as(header).isEqualTo("@");
        return c.getStringCellValue();
    }

    private static int column(Sheet sheet, String header) {
        Row headers = sheet.getRow(1);
        for (Cell c : headers) {
            if (header.equals(c.getStringCellValue())) {
                return c.getColumnIndex();
            }
        }
        throw new AssertionError("no column " + header);
    }

    private static Row dataRow(Sheet sheet, String name) {
        for (int r = 2; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row != null && name.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + name);
    }

    private String page(String user, String url) throws Exception {
        var r = mvc.perform(get(url).session(session(user))).andReturn().getResponse();
        assertThat(r.getStatus()).as(url + " as " + user).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    private MockHttpSession session(String user) throws Exception {
        var s = sessions.get(user);
        if (s == null) {
            s = (MockHttpSession) mvc.perform(formLogin().user(user).password("Yinfeng@2024"))
                    .andReturn()
                    .getRequest()
                    .getSession();
            sessions.put(user, s);
        }
        return s;
    }
}
