package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.assertj.core.api.Assertions;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;
import org.springframework.test.web.servlet.ResultActions;

/** Import with preview and commit, idempotence, round trip, hostile files, formula neutralisation. */
class LedgerIT extends IntegrationTest {

    static final String XIAOYI = "Bearer demo-token-xiaoyi";

    /** A county's own ledger: title rows above, columns in its own order and words, amounts as people type them. */
    static byte[] countyLedger() throws Exception {
        var out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "test", "1.0");
        var ws = wb.newWorksheet("台账");
        ws.value(0, 0, "孝义市2025年招商引资项目台账");
        ws.range(0, 0, 0, 6).merge();
        String[] header = {"序号", "项目名", "所在区域", "总投资额（万元）", "签约额", "项目阶段", "签约时间", "投资主体"};
        for (int c = 0; c < header.length; c++) {
            ws.value(1, c, header[c]);
        }
        Object[][] rows = {
            {1, "导入测试氢能装备项目", "孝义市", "1.5亿", "15000万元", "签约", "2025-03-01", "导入测试装备有限公司"},
            {2, "导入测试文旅项目", "孝义", "８,０００", "8000", "洽谈", null, null},
            {3, "导入测试坏日期项目", "孝义市", "5000", "5000", "签约", "2025年13月40日", null},
            {4, "导入测试越权项目", "中阳县", "5000", "5000", "洽谈", null, null},
            {5, "导入测试氢能装备项目", "孝义市", "1.5亿", "15000", "签约", "2025-03-01", null}
        };
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                if (rows[r][c] instanceof Number n) {
                    ws.value(r + 2, c, n);
                } else if (rows[r][c] != null) {
                    ws.value(r + 2, c, (String) rows[r][c]);
                }
            }
        }
        wb.finish();
        return out.toByteArray();
    }

    /** The workbook wrapped as Office does when a password is set: ECMA-376 agile encryption in an OLE file. */
    static byte[] encrypted(byte[] xlsx, String password) throws Exception {
        try (var fs = new POIFSFileSystem()) {
            var info = new EncryptionInfo(EncryptionMode.agile);
            var encryptor = info.getEncryptor();
            encryptor.confirmPassword(password);
            try (var os = encryptor.getDataStream(fs)) {
                os.write(xlsx);
            }
            var out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            byte[] bytes = out.toByteArray();
            // it really is protected: the plain workbook's bytes are not in it
            Assertions.assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                    .doesNotContain("xl/worksheets")
                    .doesNotContain("[Content_Types]");
            return bytes;
        }
    }

    private ResultActions preview(byte[] file) throws Exception {
        return mvc.perform(multipart("/api/v1/ledger/projects/preview")
                .file(new MockMultipartFile("file", "台账.xlsx", "application/octet-stream", file))
                .header("Authorization", XIAOYI));
    }

    private long projects() {
        return jdbc.sql("select count(*) from project").query(Long.class).single();
    }

    @Test
    void previewWritesNothingCommitWritesTheAcceptedRowsAndASecondImportChangesNothing() throws Exception {
        byte[] file = countyLedger();
        long before = projects();
        String report = preview(file)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows").value(5))
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.rejected").value(3))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(projects()).isEqualTo(before);
        List<String> reasons = JsonPath.read(report, "$.results[?(@.outcome == 'REJECT')].problems[0]");
        assertThat(reasons)
                .anyMatch(r -> r.startsWith("签约时间：") && r.contains("无法识别")) // as the file names it
                .anyMatch(r -> r.contains("只能选择您管辖范围内的落地区域"))
                .anyMatch(r -> r.contains("与第 3 行重复")); // Excel row numbers: title 1, header 2, first row 3
        long batch = ((Number) JsonPath.read(report, "$.batchId")).longValue();

        mvc.perform(post("/api/v1/ledger/" + batch + "/commit").header("Authorization", XIAOYI))
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.committed").value(true));
        assertThat(projects()).isEqualTo(before + 2);
        assertThat(jdbc.sql("select total_investment from project where name = '导入测试氢能装备项目'")
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("15000");
        mvc.perform(post("/api/v1/ledger/" + batch + "/commit").header("Authorization", XIAOYI))
                .andExpect(status().isBadRequest());

        preview(file)
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.unchanged").value(2))
                .andExpect(jsonPath("$.updated").value(0));
    }

    @Test
    void exportThenImportChangesNothing() throws Exception {
        byte[] xlsx = mvc.perform(get("/api/v1/projects/export?format=xlsx").header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        long before = projects();
        preview(xlsx)
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.updated").value(0))
                .andExpect(jsonPath("$.rejected").value(0));
        assertThat(projects()).isEqualTo(before);
    }

    @Test
    void hostileFilesAreRefusedQuicklyWithAClearMessage() throws Exception {
        long before = projects();
        // not a workbook, whatever its name
        preview("<html>hello</html>".getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.file[0]").value("不是有效的 .xlsx、.xls 或 .csv 台账（按文件内容判断）。"));
        // an encrypted workbook (or .xls) is an OLE compound file
        preview(new byte[] {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, 0, 0, 0, 0})
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.file[0]").value(Matchers.containsString("加密")));
        // and a genuinely password-protected one: the county's own ledger, encrypted the way Excel and WPS do it
        preview(encrypted(countyLedger(), "county-secret"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.file[0]").value(Matchers.containsString("加密")));
        // a zip bomb: 60 MB of zeros in a small file
        var bomb = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 60; i++) {
                zip.write(zeros);
            }
        }
        long start = System.nanoTime();
        preview(bomb.toByteArray())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.file[0]").value("文件解压后过大或结构异常，已拒绝。"));
        assertThat((System.nanoTime() - start) / 1_000_000)
                .as("refused within seconds")
                .isLessThan(10_000);
        // XXE: an external entity in the workbook XML
        var xxe = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(xxe)) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write(("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                            + "<workbook>&x;</workbook>")
                    .getBytes(StandardCharsets.UTF_8));
        }
        preview(xxe.toByteArray())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.file[0]").value(Matchers.containsString("DOCTYPE")));
        // 16,384 columns
        var wide = new ByteArrayOutputStream();
        Workbook wb = new Workbook(wide, "test", "1.0");
        var ws = wb.newWorksheet("宽表");
        ws.value(0, 0, "项目名称");
        ws.value(0, 16383, "最后一列");
        wb.finish();
        preview(wide.toByteArray())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.file[0]").value("列数过多，请只保留台账所需的列。"));
        assertThat(projects()).isEqualTo(before);
    }

    @Test
    void formulasInExportedCellsArriveAsText() throws Exception {
        long region = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        mvc.perform(post("/api/v1/projects")
                        .header("Authorization", XIAOYI)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"=HYPERLINK(\\\"http://evil\\\",\\\"点我\\\")\",\"regionId\":" + region
                                + ",\"totalInvestment\":100}"))
                .andExpect(status().isCreated());
        byte[] xlsx = mvc.perform(
                        get("/api/v1/projects/export?format=xlsx&q=HYPERLINK").header("Authorization", XIAOYI))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            var rows = wb.getFirstSheet().read();
            var cell = rows.get(1).getCell(1);
            assertThat(cell.getType()).isEqualTo(CellType.STRING);
            assertThat(cell.getText()).startsWith("'=HYPERLINK");
        }
        String csv = mvc.perform(
                        get("/api/v1/projects/export?format=csv&q=HYPERLINK").header("Authorization", XIAOYI))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\"");
        assertThat(csv).doesNotContain(",=HYPERLINK");
    }

    @Test
    void templateCarriesTheHeadersAndInstructions() throws Exception {
        var session = mvc.perform(SecurityMockMvcRequestBuilders.formLogin()
                        .user("xiaoyi")
                        .password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
        byte[] xlsx = mvc.perform(get("/ledger/template.xlsx").session((MockHttpSession) session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheets = wb.getSheets().map(s -> s.getName()).toList();
            assertThat(sheets).contains("项目台账", "填写说明");
            assertThat(wb.getFirstSheet().read().get(0).getCellText(1)).isEqualTo("项目名称*");
        }
    }

    @Test
    void activitiesExportListsThePeriodsRecords() throws Exception {
        byte[] xlsx = mvc.perform(get("/api/v1/activities/export?from=2024-01-01&to=2024-12-31&type=TRIP")
                        .header("Authorization", "Bearer demo-token-city"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            var rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("类型");
            assertThat(rows).hasSize(1 + 53);
            assertThat(rows.get(1).getCellText(0)).isEqualTo("外出招商");
        }
    }
}
