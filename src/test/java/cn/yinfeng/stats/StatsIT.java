package cn.yinfeng.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.targets.Indicator;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Each indicator's definition on hand-built fixtures in 2018-2020 (years the demo ledger leaves empty): approved
 * only, not-counted projects out, expansions with their added amount, credit split between regions, 同比 across a
 * year boundary, "as of" after a correction, rank ties, region scope; then the seed's figures on the demo data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsIT extends IntegrationTest {

    static final String XIAOYI = "Bearer demo-token-xiaoyi";
    static final String CITY = "Bearer demo-token-city";

    private ResultActions call(MockHttpServletRequestBuilder r, String token, String json) throws Exception {
        return mvc.perform(r.header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json == null ? "" : json));
    }

    private long region(String code) {
        return jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    private long version(long id) {
        return jdbc.sql("select version from project where id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    /** A project signed on {@code signed}, created by the county user of {@code token}, left in {@code review}. */
    private long project(
            String token,
            String regionCode,
            String name,
            String signed,
            int total,
            int contract,
            String extra,
            String review)
            throws Exception {
        String body = call(
                        post("/api/v1/projects"),
                        token,
                        "{\"name\":\"" + name + "\",\"regionId\":" + region(regionCode)
                                + ",\"totalInvestment\":" + total + ",\"contractAmount\":" + contract
                                + ",\"stage\":\"SIGNED\",\"signedOn\":\""
                                + signed + "\"" + (extra == null ? "" : "," + extra) + "}")
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = ((Number) JsonPath.read(body, "$.id")).longValue();
        if (!review.equals("DRAFT")) {
            call(
                    post("/api/v1/projects/" + id + "/reviews"),
                    token,
                    "{\"action\":\"SUBMIT\",\"version\":" + version(id) + "}");
            String action = review.equals("APPROVED") ? "APPROVE" : "RETURN";
            call(
                            post("/api/v1/projects/" + id + "/reviews"),
                            CITY,
                            "{\"action\":\"" + action + "\",\"opinion\":\"测试\",\"version\":" + version(id) + "}")
                    .andExpect(status().isOk());
        }
        return id;
    }

    private long p1;

    @BeforeAll
    void fixtures() throws Exception {
        p1 = project(XIAOYI, "141181", "统计夹具甲", "2019-03-10", 20000, 18000, null, "APPROVED");
        project(
                XIAOYI,
                "141181",
                "统计夹具不计入",
                "2019-04-10",
                5000,
                5000,
                "\"counted\":false,\"notCountedReason\":\"房地产\"",
                "APPROVED");
        project(XIAOYI, "141181", "统计夹具草稿", "2019-05-10", 30000, 30000, null, "DRAFT");
        project(XIAOYI, "141181", "统计夹具退回", "2019-05-11", 30000, 30000, null, "RETURNED");
        project(XIAOYI, "141181", "统计夹具扩建", "2019-06-01", 3000, 3000, "\"expansionOfId\":" + p1, "APPROVED");
        project(
                XIAOYI,
                "141181",
                "统计夹具分成",
                "2019-07-01",
                10000,
                10000,
                "\"attractingRegionId\":" + region("141129") + ",\"attractingShare\":40",
                "APPROVED");
        project(XIAOYI, "141181", "统计夹具次年", "2020-02-15", 9000, 9000, null, "APPROVED");
        // rank ties in 2018: 文水 and 交城 equal, everybody else nothing
        project(CITY, "141121", "排名夹具文水", "2018-05-01", 7000, 7000, null, "APPROVED");
        project(CITY, "141122", "排名夹具交城", "2018-06-01", 7000, 7000, null, "APPROVED");
    }

    private String summary(String token, String region, String from, String to, String asOf) throws Exception {
        return call(
                        get("/api/v1/stats/summary?" + (region == null ? "" : "region=" + region + "&") + "from=" + from
                                + "&to=" + to + (asOf == null ? "" : "&asOf=" + asOf)),
                        token,
                        null)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private BigDecimal value(String json, String code) {
        Object v = ((List<?>) JsonPath.read(json, "$.indicators[?(@.code == '" + code + "')].value")).get(0);
        return v == null ? null : new BigDecimal(v.toString());
    }

    @Test
    void onlyApprovedCountedProjectsCountAndCreditIsSplitByTheRecordedShare() throws Exception {
        String xy = summary(XIAOYI, "141181", "2019-01", "2019-12", null);
        // 甲 (1) + 扩建 (1, its own added amount) + 0.6 of the split project; not the draft, return or not-counted
        assertThat(value(xy, "SIGNED_COUNT")).isEqualByComparingTo("2.6");
        assertThat(value(xy, "SIGNED_AMOUNT")).isEqualByComparingTo("27000.00"); // 18000 + 3000 + 6000
        assertThat(value(xy, "SIGNED_1YI_COUNT")).isEqualByComparingTo("1.6"); // 甲 (2亿) and 0.6 of the 1亿 one
        String zy = summary(CITY, "141129", "2019-01", "2019-12", null);
        assertThat(value(zy, "SIGNED_COUNT")).isEqualByComparingTo("0.4");
        assertThat(value(zy, "SIGNED_AMOUNT")).isEqualByComparingTo("4000.00");
        // the city total is whole again
        String city = summary(CITY, "141100", "2019-01", "2019-12", null);
        assertThat(value(city, "SIGNED_COUNT")).isEqualByComparingTo("3");
        assertThat(value(city, "SIGNED_AMOUNT")).isEqualByComparingTo("31000.00");
    }

    @Test
    void yearOnYearComparesTheSameMonthsAcrossTheYearBoundary() throws Exception {
        String s = summary(XIAOYI, "141181", "2020-01", "2020-03", null);
        assertThat(value(s, "SIGNED_AMOUNT")).isEqualByComparingTo("9000.00");
        Object previous =
                ((List<?>) JsonPath.read(s, "$.indicators[?(@.code == 'SIGNED_AMOUNT')].previousYear")).get(0);
        Object yoy = ((List<?>) JsonPath.read(s, "$.indicators[?(@.code == 'SIGNED_AMOUNT')].yoy")).get(0);
        assertThat(new BigDecimal(previous.toString())).isEqualByComparingTo("18000.00");
        assertThat(new BigDecimal(yoy.toString())).isEqualByComparingTo("-0.5");
    }

    @Test
    void asOfReproducesTheFigureBeforeALaterCorrection() throws Exception {
        long id = project(XIAOYI, "141181", "更正夹具", "2020-09-01", 12000, 12000, null, "APPROVED");
        // the first approval happened back in 2019
        jdbc.sql("update project_approved set valid_from = timestamptz '2020-09-10 10:00+08' where project_id = :id")
                .param("id", id)
                .update();
        String before = summary(XIAOYI, "141181", "2020-09", "2020-09", null);
        assertThat(value(before, "SIGNED_AMOUNT")).isEqualByComparingTo("12000.00");
        call(
                put("/api/v1/projects/" + id),
                XIAOYI,
                "{\"name\":\"更正夹具\",\"regionId\":" + region("141181")
                        + ",\"totalInvestment\":12000,\"contractAmount\":15000,\"version\":" + version(id) + "}");
        call(
                post("/api/v1/projects/" + id + "/reviews"),
                XIAOYI,
                "{\"action\":\"SUBMIT\",\"version\":" + version(id) + "}");
        call(
                post("/api/v1/projects/" + id + "/reviews"),
                CITY,
                "{\"action\":\"APPROVE\",\"version\":" + version(id) + "}");
        assertThat(value(summary(XIAOYI, "141181", "2020-09", "2020-09", null), "SIGNED_AMOUNT"))
                .isEqualByComparingTo("15000.00");
        assertThat(value(summary(XIAOYI, "141181", "2020-09", "2020-09", "2020-12-31"), "SIGNED_AMOUNT"))
                .isEqualByComparingTo("12000.00");
        assertThat(value(summary(XIAOYI, "141181", "2020-09", "2020-09", "2020-09-01"), "SIGNED_AMOUNT"))
                .as("before its first approval it did not count")
                .isEqualByComparingTo("0.00");
    }

    @Test
    void rankingTiesShareARank() throws Exception {
        String body = call(
                        get("/api/v1/stats/ranking?region=141100&indicator=SIGNED_AMOUNT&from=2018-01&to=2018-12"),
                        CITY,
                        null)
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<Integer> ranks = JsonPath.read(body, "$[*].rank");
        List<String> names = JsonPath.read(body, "$[*].regionName");
        assertThat(names.subList(0, 2)).containsExactlyInAnyOrder("文水县", "交城县");
        assertThat(ranks.subList(0, 3)).containsExactly(1, 1, 3);
        assertThat(ranks).hasSize(14).allMatch(r -> r == 1 || r == 3);
    }

    @Test
    void figuresOutsideTheCallersRegionAreNotFound() throws Exception {
        call(get("/api/v1/stats/summary?region=141129&from=2024-01&to=2024-10"), XIAOYI, null)
                .andExpect(status().isNotFound());
        String own = summary(XIAOYI, null, "2024-01", "2024-10", null);
        assertThat((String) JsonPath.read(own, "$.regionName")).isEqualTo("孝义市");
    }

    @Test
    void seedFiguresAndTheBriefing() throws Exception {
        String s = summary(CITY, "141100", "2024-01", "2024-10", null);
        assertThat(value(s, "SIGNED_COUNT")).isEqualByComparingTo("117");
        assertThat(value(s, "SIGNED_AMOUNT")).isEqualByComparingTo("9415000.00");
        assertThat(value(s, "SIGNED_1YI_COUNT")).isEqualByComparingTo("62");
        assertThat(value(summary(CITY, "141100", "2024-01", "2024-12", null), "TRIPS"))
                .as("一年来外出考察50余次")
                .isGreaterThan(new BigDecimal("50"));
        String report = call(get("/api/v1/stats/report?region=141100&to=2024-10"), CITY, null)
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat((String) JsonPath.read(report, "$.briefing"))
                .startsWith("1-10月份，全市招商引资签约项目117个，签约金额941.5亿元")
                .contains("其中亿元以上项目62个");
        List<String> rows = JsonPath.read(report, "$.rows[*].regionName");
        assertThat(rows).hasSize(15).endsWith("吕梁市");
    }

    @Test
    void excelReportHasTheGovernmentLayoutAndExactTotals() throws Exception {
        var session = mvc.perform(
                        SecurityMockMvcRequestBuilders.formLogin().user("city").password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
        byte[] xlsx = mvc.perform(
                        get("/stats/report.xlsx?region=141100&to=2024-10").session((MockHttpSession) session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = wb.getFirstSheet();
            assertThat(sheet.getName()).isEqualTo("1-10月");
            var rows = sheet.read();
            assertThat(rows.get(0).getCellText(0)).contains("吕梁市2024年1-10月");
            assertThat(rows.get(1).getCellText(1)).isEqualTo("签约情况");
            var total = rows.stream()
                    .filter(r -> "合计".equals(r.getCellText(0)))
                    .findFirst()
                    .orElseThrow();
            assertThat(total.getCellAsNumber(1).orElseThrow()).isEqualByComparingTo("117");
            assertThat(total.getCellAsNumber(2).orElseThrow()).isEqualByComparingTo("941.5");
            assertThat(total.getCellAsNumber(3).orElseThrow()).isEqualByComparingTo("62");
            // the 截至 line in Beijing time, never an ISO instant
            assertThat(rows.get(rows.size() - 1).getCellText(0))
                    .containsPattern("截至 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}；")
                    .doesNotContain("T")
                    .doesNotContain("Z；");
        }
        // it prints on A4 landscape, one page wide, header rows repeated, page x of y and the local print time
        String sheetXml = zipEntry(xlsx, "xl/worksheets/sheet1.xml");
        assertThat(sheetXml)
                .contains("paperSize=\"9\"")
                .contains("orientation=\"landscape\"")
                .contains("fitToWidth=\"1\"")
                .contains("fitToHeight=\"0\"")
                .contains("fitToPage=\"true\"")
                .contains("&amp;P")
                .contains("&amp;N")
                .contains(java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai"))
                        .toString());
        assertThat(zipEntry(xlsx, "xl/workbook.xml"))
                .contains("_xlnm.Print_Titles")
                .contains("!$2:$3");
    }

    private static String zipEntry(byte[] zip, String name) throws java.io.IOException {
        // the workbook is streamed (entry sizes after the data), so it is read as a file, not as a stream
        var file = java.nio.file.Files.createTempFile("report", ".xlsx");
        try {
            java.nio.file.Files.write(file, zip);
            try (var z = new java.util.zip.ZipFile(file.toFile())) {
                var e = z.getEntry(name);
                if (e != null) {
                    return new String(z.getInputStream(e).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
        throw new AssertionError("no " + name + " in the workbook");
    }

    @Test
    void lightsFollowTheSchedule() {
        var stats = new Stats(
                null,
                null,
                null,
                null,
                null,
                null,
                new BigDecimal("0.10"),
                null,
                new JdbcTransactionManager(),
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(stats.lightFor(new BigDecimal("100"), new BigDecimal("100"))).isEqualTo(Stats.Light.GREEN);
        assertThat(stats.lightFor(new BigDecimal("90"), new BigDecimal("100"))).isEqualTo(Stats.Light.YELLOW);
        assertThat(stats.lightFor(new BigDecimal("89.99"), new BigDecimal("100")))
                .isEqualTo(Stats.Light.RED);
        var line = stats.line(
                new Indicator(
                        "X",
                        "x",
                        "x",
                        Indicator.Unit.COUNT,
                        "SIGNED_COUNT",
                        null,
                        null,
                        List.of(),
                        List.of(),
                        true,
                        false,
                        0),
                new BigDecimal("50"),
                new BigDecimal("40"),
                new BigDecimal("120"),
                6);
        assertThat(line.schedule()).isEqualByComparingTo("60"); // 120 × 6 ÷ 12
        assertThat(line.aheadOfSchedule()).isEqualByComparingTo("-10");
        assertThat(line.completion()).isEqualByComparingTo("0.4167");
        assertThat(line.yoy()).isEqualByComparingTo("0.25");
        assertThat(line.light()).isEqualTo(Stats.Light.RED);
    }

    @Test
    void publishingFreezesTheFiguresAndShowsLaterChanges() throws Exception {
        var session = (MockHttpSession) mvc.perform(
                        SecurityMockMvcRequestBuilders.formLogin().user("city").password("Yinfeng@2024"))
                .andReturn()
                .getRequest()
                .getSession();
        mvc.perform(post("/stats/report/publish")
                .session(session)
                .with(SecurityMockMvcRequestPostProcessors.csrf())
                .param("region", "141181")
                .param("to", "2017-12"));
        String page = mvc.perform(get("/stats/report?region=141181&to=2017-12").session(session))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("发布以来数据没有变化");
        project(XIAOYI, "141181", "发布后新增", "2017-11-11", 6000, 6000, null, "APPROVED");
        page = mvc.perform(get("/stats/report?region=141181&to=2017-12").session(session))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("data-testid=\"changes\"").contains("签约项目数");
        assertThat(Map.of()).isEmpty();
    }
}
