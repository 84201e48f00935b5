package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.enterprises.CreditCode;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The other ledger kinds through the one import framework: enterprises, funds arrived, trips and delegations. For
 * each: a partial-failure preview that writes nothing, the commit, an idempotent second import, the region rule
 * (a county user's row naming another county is rejected, row by row), and export → import where an export exists.
 */
class LedgerKindsIT extends IntegrationTest {

    static final String XIAOYI = "Bearer demo-token-xiaoyi";

    /** A sheet with a merged title row above the header, then the rows (LocalDate values become date cells). */
    static byte[] sheet(String title, String[] header, Object[]... rows) throws Exception {
        var out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "test", "1.0");
        var ws = wb.newWorksheet("台账");
        ws.value(0, 0, title);
        ws.range(0, 0, 0, header.length - 1).merge();
        for (int c = 0; c < header.length; c++) {
            ws.value(1, c, header[c]);
        }
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                Object v = rows[r][c];
                if (v instanceof Number n) {
                    ws.value(r + 2, c, n);
                } else if (v instanceof LocalDate d) {
                    ws.value(r + 2, c, d);
                    ws.style(r + 2, c).format("yyyy-mm-dd").set();
                } else if (v != null) {
                    ws.value(r + 2, c, (String) v);
                }
            }
        }
        wb.finish();
        return out.toByteArray();
    }

    private ResultActions preview(String kind, byte[] file) throws Exception {
        return mvc.perform(multipart("/api/v1/ledger/" + kind + "/preview")
                .file(new MockMultipartFile("file", "台账.xlsx", "application/octet-stream", file))
                .header("Authorization", XIAOYI));
    }

    private String previewJson(String kind, byte[] file) throws Exception {
        return preview(kind, file)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private String commit(String report) throws Exception {
        long batch = ((Number) JsonPath.read(report, "$.batchId")).longValue();
        return mvc.perform(post("/api/v1/ledger/" + batch + "/commit").header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.committed").value(true))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private static int count(String report, String field) {
        return JsonPath.read(report, "$." + field);
    }

    private static List<String> reasons(String report) {
        return JsonPath.read(report, "$.results[?(@.outcome == 'REJECT')].problems[*]");
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    static String code(String first17) {
        return first17 + CreditCode.checkCharacter(first17);
    }

    @Test
    void enterprisesMatchByCreditCodeElseByNameInTheRegionAndASecondImportChangesNothing() throws Exception {
        String good = code("91141181MA0KXT001");
        String bad = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
        String[] header = {"企业名称", "统一社会信用代码", "所属区域", "注册资本（万元）", "所属行业"};
        byte[] file = sheet(
                "孝义市客商名录",
                header,
                new Object[] {"导入测试氢能科技有限公司", good, "孝义市", "1.5亿", "氢能"},
                new Object[] {"导入测试无代码商贸公司", null, null, "500", "商贸"},
                new Object[] {"导入测试坏代码公司", bad, "孝义市", "100", null},
                new Object[] {"导入测试越权企业", null, "中阳县", "100", null},
                new Object[] {"导入测试氢能科技（重复）", "９" + good.substring(1), "孝义市", "100", null});
        long before = count("select count(*) from enterprise");
        String report = previewJson("enterprises", file);
        assertThat(count(report, "created")).isEqualTo(2);
        assertThat(count(report, "rejected")).isEqualTo(3);
        assertThat(count("select count(*) from enterprise")).isEqualTo(before);
        assertThat(reasons(report))
                .anyMatch(r -> r.startsWith("统一社会信用代码：") && r.contains("校验位"))
                .anyMatch(r -> r.startsWith("所属区域：") && r.contains("管辖范围"))
                .anyMatch(r -> r.contains("与第 3 行重复")); // full-width digit folded: the same code

        commit(report);
        assertThat(count("select count(*) from enterprise")).isEqualTo(before + 2);
        assertThat(jdbc.sql("select registered_capital from enterprise where credit_code = :c")
                        .param("c", good)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("15000");
        assertThat(jdbc.sql("select r.code from enterprise e join region r on r.id = e.created_region_id "
                                + "where e.name = '导入测试无代码商贸公司'")
                        .query(String.class)
                        .single())
                .isEqualTo("141181");

        String again = previewJson("enterprises", file);
        assertThat(count(again, "created")).isZero();
        assertThat(count(again, "updated")).isZero();
        assertThat(count(again, "unchanged")).isEqualTo(2);

        byte[] changed = sheet("孝义市客商名录", header, new Object[] {"导入测试氢能科技有限公司", good, "孝义市", "2亿", "氢能"});
        commit(previewJson("enterprises", changed));
        assertThat(jdbc.sql("select registered_capital from enterprise where credit_code = :c")
                        .param("c", good)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("20000");
    }

    @Test
    void enterpriseExportThenImportChangesNothing() throws Exception {
        byte[] xlsx = mvc.perform(get("/api/v1/enterprises/export?format=xlsx").header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        long before = count("select count(*) from enterprise");
        String report = previewJson("enterprises", xlsx);
        assertThat(reasons(report)).isEmpty();
        assertThat(count(report, "created")).isZero();
        assertThat(count(report, "updated")).isZero();
        assertThat(count(report, "unchanged")).isEqualTo(count(report, "rows")).isPositive();
        assertThat(count("select count(*) from enterprise")).isEqualTo(before);
    }

    @Test
    void fundsArriveThroughTheFundRulesOnceAndTheProjectGoesBackToReview() throws Exception {
        long region = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        mvc.perform(post("/api/v1/projects")
                        .header("Authorization", XIAOYI)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"到位资金导入测试项目\",\"regionId\":" + region + ",\"totalInvestment\":50000,"
                                + "\"contractAmount\":40000,\"stage\":\"SIGNED\",\"signedOn\":\"2019-02-01\"}"))
                .andExpect(status().isCreated());
        String code = jdbc.sql("select code from project where name = '到位资金导入测试项目'")
                .query(String.class)
                .single();
        String foreign = jdbc.sql("select p.code from project p join region r on r.id = p.region_id "
                        + "where r.code = '141129' order by p.id limit 1")
                .query(String.class)
                .single();
        String[] header = {"项目编号", "项目名称", "到位时间", "资金来源", "到位金额（万元）"};
        byte[] file = sheet(
                "2019年到位资金",
                header,
                new Object[] {code, "到位资金导入测试项目", "2019-03", "国内省外", "1,200.5"},
                new Object[] {code, null, "2019年4月", "境外", "0.15亿"},
                new Object[] {code, null, LocalDate.of(2019, 3, 15), "国内省外", "99"},
                new Object[] {code, null, "2099-01", "国内省外", "10"},
                new Object[] {foreign, null, "2019-03", "国内省外", "10"},
                new Object[] {"P0000-99999", null, "2019-03", "国内省外", "10"},
                new Object[] {code, null, "2019-05", "国内省外", "1.234"},
                new Object[] {code, "别的项目", "2019-06", "国内省外", "5"});
        String report = previewJson("funds", file);
        assertThat(count(report, "created")).isEqualTo(2);
        assertThat(count(report, "rejected")).isEqualTo(6);
        assertThat(count("select count(*) from project_fund f join project p on p.id = f.project_id "
                        + "where p.name = '到位资金导入测试项目'"))
                .isZero();
        assertThat(reasons(report))
                .anyMatch(r -> r.contains("与第 3 行重复"))
                .anyMatch(r -> r.startsWith("到位时间：")) // the column as the file names it
                .anyMatch(r -> r.startsWith("项目编号：") && r.contains("管辖范围"))
                .anyMatch(r -> r.contains("P0000-99999"))
                .anyMatch(r -> r.startsWith("到位金额（万元）：") && r.contains("两位小数"))
                .anyMatch(r -> r.startsWith("项目名称：") && r.contains("不符"));

        jdbc.sql("update project set review_status = 'APPROVED' where code = :c")
                .param("c", code)
                .update();
        commit(report);
        assertThat(jdbc.sql("select sum(amount) from project_fund f join project p on p.id = f.project_id "
                                + "where p.code = :c and f.deleted_at is null")
                        .param("c", code)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("2700.5");
        assertThat(jdbc.sql("select review_status from project where code = :c")
                        .param("c", code)
                        .query(String.class)
                        .single())
                .isEqualTo("DRAFT");

        String again = previewJson("funds", file);
        assertThat(count(again, "created")).isZero();
        assertThat(count(again, "updated")).isZero();
        assertThat(count(again, "unchanged")).isEqualTo(2);

        commit(previewJson("funds", sheet("更正", header, new Object[] {code, null, "2019-03", "国内省外", "1300"})));
        assertThat(jdbc.sql("select sum(amount) from project_fund f join project p on p.id = f.project_id "
                                + "where p.code = :c and f.deleted_at is null")
                        .param("c", code)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("2800");

        // the funds export reads back unchanged: one line per project, month and origin, in the template's words,
        // two records of one month summed into one line (the import compares the month's sum)
        jdbc.sql("insert into project_fund (project_id, month, origin, amount, note) select id, date '2019-04-01', "
                        + "'OVERSEAS', 0.5, '第二笔' from project where code = :c")
                .param("c", code)
                .update();
        for (String format : new String[] {"xlsx", "csv"}) {
            byte[] export = mvc.perform(get("/api/v1/funds/export?format=" + format + "&from=2019-01&to=2019-12")
                            .header("Authorization", XIAOYI))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsByteArray();
            if (format.equals("csv")) {
                String text = new String(export, StandardCharsets.UTF_8);
                assertThat(text).contains("项目编号").contains(code + ",到位资金导入测试项目,2019-04,境外,1500.50");
                continue; // the import takes xlsx only
            }
            String roundTrip = previewJson("funds", export);
            assertThat(reasons(roundTrip)).isEmpty();
            assertThat(count(roundTrip, "unchanged"))
                    .isEqualTo(count(roundTrip, "rows"))
                    .isGreaterThanOrEqualTo(2);
        }
        // the funds page of /ledger links the export
        var session = (MockHttpSession) mvc.perform(SecurityMockMvcRequestBuilders.formLogin()
                        .user("xiaoyi")
                        .password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
        assertThat(mvc.perform(get("/ledger?kind=funds").session(session))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8))
                .contains("href=\"/projects/funds/export?format=xlsx\"");
        // another county's funds are not in a county user's export
        String zhongyang = jdbc.sql(
                        "select p.code from project_fund f join project p on p.id = f.project_id join region r "
                                + "on r.id = p.region_id where r.code = '141129' limit 1")
                .query(String.class)
                .optional()
                .orElse(null);
        if (zhongyang != null) {
            String all = mvc.perform(get("/api/v1/funds/export?format=csv").header("Authorization", XIAOYI))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            assertThat(all).doesNotContain(zhongyang + ",");
        }
    }

    @Test
    void tripsComeInWithTheirVisitsOnceAndTheActivitiesExportReadsBackUnchanged() throws Exception {
        String[] header = {"出访事项", "区域", "带队领导", "开始日期", "结束日期", "前往城市", "拜访企业", "状态"};
        byte[] file = sheet(
                "2019年外出招商台账",
                header,
                new Object[] {"导入测试赴深圳招商", "孝义市", "导入测试张副市长", "2019-03-01", "2019/3/3", "深圳", "导入测试甲公司、导入测试乙公司", "已完成"},
                new Object[] {
                    "导入测试赴上海招商", null, "导入测试李局长", LocalDate.of(2019, 4, 1), LocalDate.of(2019, 4, 2), "上海", null, null
                },
                new Object[] {"导入测试越权出访", "中阳县", "导入测试王县长", "2019-03-05", "2019-03-06", "北京", null, null},
                new Object[] {"导入测试缺城市", "孝义市", "导入测试赵局长", "2019-03-07", "2019-03-08", null, null, null});
        long before = count("select count(*) from trip");
        String report = previewJson("trips", file);
        assertThat(count(report, "created")).isEqualTo(2);
        assertThat(count(report, "rejected")).isEqualTo(2);
        assertThat(count("select count(*) from trip")).isEqualTo(before);
        assertThat(reasons(report))
                .anyMatch(r -> r.startsWith("区域：") && r.contains("管辖范围"))
                .anyMatch(r -> r.startsWith("前往城市："));

        commit(report);
        assertThat(count("select count(*) from trip")).isEqualTo(before + 2);
        assertThat(count("select count(*) from trip_visit v join trip t on t.id = v.trip_id "
                        + "where t.title = '导入测试赴深圳招商'"))
                .isEqualTo(2);
        assertThat(jdbc.sql("select end_date from trip where title = '导入测试赴上海招商'")
                        .query(LocalDate.class)
                        .single())
                .isEqualTo(LocalDate.of(2019, 4, 2)); // an Excel date cell

        String again = previewJson("trips", file);
        assertThat(count(again, "created")).isZero();
        assertThat(count(again, "updated")).isZero();
        assertThat(count(again, "unchanged")).isEqualTo(2);

        byte[] export = mvc.perform(get("/api/v1/activities/export?from=2019-03-01&to=2019-04-30&type=TRIP")
                        .header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        String roundTrip = previewJson("trips", export);
        assertThat(reasons(roundTrip)).isEmpty();
        assertThat(count(roundTrip, "unchanged"))
                .isEqualTo(count(roundTrip, "rows"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void delegationsComeInOnceAndAChangedHeadcountIsAnUpdate() throws Exception {
        String[] header = {"来访团组", "接待日期", "来访人数", "主陪领导", "来访企业", "区域"};
        byte[] file = sheet(
                "2019年接待考察台账",
                header,
                new Object[] {"导入测试华为考察团", "2019-06-01", 5, "导入测试张市长", "导入测试丙公司；导入测试丁公司", null},
                new Object[] {"导入测试缺企业团", "2019-06-02", 3, "导入测试李县长", null, null},
                new Object[] {"导入测试越权团", "2019-06-03", 3, "导入测试王县长", "导入测试戊公司", "中阳县"});
        String report = previewJson("delegations", file);
        assertThat(count(report, "created")).isEqualTo(1);
        assertThat(count(report, "rejected")).isEqualTo(2);
        assertThat(reasons(report))
                .anyMatch(r -> r.startsWith("来访企业："))
                .anyMatch(r -> r.startsWith("区域：") && r.contains("管辖范围"));
        commit(report);
        assertThat(count("select count(*) from delegation_enterprise de join delegation d on d.id = de.delegation_id "
                        + "where d.title = '导入测试华为考察团'"))
                .isEqualTo(2);

        String again = previewJson("delegations", file);
        assertThat(count(again, "unchanged")).isEqualTo(1);
        assertThat(count(again, "created")).isZero();

        byte[] export = mvc.perform(get("/api/v1/activities/export?from=2019-06-01&to=2019-06-30&type=DELEGATION")
                        .header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        String roundTrip = previewJson("delegations", export);
        assertThat(reasons(roundTrip)).isEmpty();
        assertThat(count(roundTrip, "unchanged"))
                .isEqualTo(count(roundTrip, "rows"))
                .isPositive();

        commit(previewJson(
                "delegations", sheet("更正", header, new Object[] {"导入测试华为考察团", "2019-06-01", 8, null, null, null})));
        assertThat(jdbc.sql("select people from delegation where title = '导入测试华为考察团'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(8);

        // a visiting enterprise the record does not list yet is added on re-import (once; none is removed)
        byte[] more = sheet("补充", header, new Object[] {"导入测试华为考察团", "2019-06-01", 8, null, "导入测试丙公司；导入测试己公司", null});
        String added = previewJson("delegations", more);
        assertThat(count(added, "updated")).isEqualTo(1);
        commit(added);
        assertThat(jdbc.sql("select e.name from delegation_enterprise de join enterprise e on e.id = de.enterprise_id "
                                + "join delegation d on d.id = de.delegation_id where d.title = '导入测试华为考察团'")
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder("导入测试丙公司", "导入测试丁公司", "导入测试己公司");
        assertThat(count(previewJson("delegations", more), "unchanged")).isEqualTo(1);
    }

    @Test
    void everyKindHasATemplateWithPickListsAndInstructions() throws Exception {
        for (ImportKind kind : ImportKind.values()) {
            byte[] xlsx = mvc.perform(
                            get("/api/v1/ledger/" + kind.path() + "/template").header("Authorization", XIAOYI))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsByteArray();
            try (var wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
                assertThat(wb.getSheets().map(s -> s.getName()).toList())
                        .containsExactly(Imports.sheetName(kind), "选项", "填写说明");
                var header = wb.getFirstSheet().read().get(0);
                assertThat(header.stream().map(c -> c.getText()).toList()).anyMatch(h -> h.endsWith("*"));
            }
            // the central directory is what Excel reads (the streaming writer leaves local sizes to descriptors)
            var tmp = Files.createTempFile("template", ".xlsx");
            String sheet1;
            try {
                Files.write(tmp, xlsx);
                try (var zip = new ZipFile(tmp.toFile())) {
                    sheet1 = new String(
                            zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml"))
                                    .readAllBytes(),
                            StandardCharsets.UTF_8);
                }
            } finally {
                Files.delete(tmp);
            }
            assertThat(sheet1).as(kind + " pick lists").contains("<dataValidation");
            // the template itself reads back as a header with no rows
            preview(kind.path(), xlsx)
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.rows").value(0));
        }
    }

    @Test
    void enterpriseCellsLongerThanTheirColumnsAreThatRowsErrorNamingTheColumnAndTheOtherRowsGoOn() throws Exception {
        String[] header = {"企业名称", "所属区域", "总部城市", "行业", "注册资本（万元）", "来源渠道"};
        byte[] file = sheet(
                "孝义市客商名录",
                header,
                new Object[] {"导入测试超长城市公司", "孝义市", "太".repeat(51), "化工", "100", null},
                new Object[] {"导入测试超大资本公司", "孝义市", "太原", "化工", "1E20", null},
                new Object[] {"导入测试超长渠道公司", "孝义市", "太原", "化工", "100", "渠".repeat(51)},
                new Object[] {"导入测试正常长度公司", "孝义市", "太".repeat(50), "化工", "100", null});
        String report = previewJson("enterprises", file); // was a 500 for the whole file
        assertThat(count(report, "created")).isEqualTo(1);
        assertThat(count(report, "rejected")).isEqualTo(3);
        assertThat(reasons(report))
                .anyMatch(r -> r.equals("总部城市：不能超过 50 个字符。"))
                .anyMatch(r -> r.startsWith("注册资本（万元）："))
                .anyMatch(r -> r.equals("来源渠道：不能超过 50 个字符。"));
        commit(report);
        assertThat(count("select count(*) from enterprise where name like '导入测试超%'"))
                .isZero();
        assertThat(jdbc.sql("select hq_city from enterprise where name = '导入测试正常长度公司'")
                        .query(String.class)
                        .single())
                .hasSize(50);
        // and through the API's form the same: a field error, not a failed insert
        mvc.perform(post("/api/v1/enterprises")
                        .header("Authorization", XIAOYI)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"接口超长城市公司\",\"hqCity\":\"" + "太".repeat(51) + "\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aRowTheDatabaseRefusesIsThatRowsErrorAndTheOthersAreKept() throws Exception {
        // trips check no text lengths of their own: the leader's name is longer than its column
        String[] header = {"出访事项", "带队领导", "开始日期", "结束日期", "前往城市", "区域"};
        byte[] file = sheet(
                "孝义市外出招商",
                header,
                new Object[] {"导入测试超长带队人出访", "带".repeat(101), "2018-06-06", "2018-06-08", "杭州", "孝义市"},
                new Object[] {"导入测试正常带队人出访", "正常带队人", "2018-06-06", "2018-06-08", "杭州", "孝义市"});
        String report = previewJson("trips", file); // was a 500 for the whole file
        assertThat(count(report, "created")).isEqualTo(1);
        assertThat(count(report, "rejected")).isEqualTo(1);
        assertThat(reasons(report)).singleElement().asString().startsWith("数据库拒绝了这一行");
        commit(report);
        assertThat(count("select count(*) from trip where title = '导入测试正常带队人出访'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from trip where title = '导入测试超长带队人出访'"))
                .isZero();
    }

    @Test
    void hostileFilesAreRefusedForEveryKind() throws Exception {
        for (ImportKind kind : ImportKind.values()) {
            preview(kind.path(), "<html>hello</html>".getBytes(StandardCharsets.UTF_8))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors.file[0]").value("不是有效的 .xlsx、.xls 或 .csv 台账（按文件内容判断）。"));
        }
        preview("projects", sheet("无表头", new String[] {"甲", "乙", "丙"}, new Object[] {"1", "2", "3"}))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.file[0]").value(Matchers.containsString("项目名称")));
        mvc.perform(multipart("/api/v1/ledger/nonsense/preview")
                        .file(new MockMultipartFile("file", "x.xlsx", "application/octet-stream", new byte[] {1}))
                        .header("Authorization", XIAOYI))
                .andExpect(status().isNotFound());
    }
}
