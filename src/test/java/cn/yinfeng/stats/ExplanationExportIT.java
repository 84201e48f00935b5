package cn.yinfeng.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.targets.Catalogue;
import cn.yinfeng.targets.Indicator;
import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every indicator of the shipped rule version 1, on a small ledger of 中阳县 in 2035 (projects approved, one in draft,
 * one not counted, one landing in 中阳 attracted by 交口 with a 40% share, fund records approved and not, trips done
 * and planned, an enterprise visited twice, delegations, talents and training attendances): the figure of the
 * summary equals the explanation's total, the export's total row and the sum of its counted rows, in xlsx and csv, for
 * the county and the city, as of now and as of a date. The clock stands in mid-2036 meanwhile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplanationExportIT extends IntegrationTest {

    static final String CITY = "Bearer demo-token-city";
    static final String COUNTY = "Bearer demo-token-zhongyang";
    static final String TALENT = "Bearer demo-token-talent";
    static final String PERIOD = "from=2035-01&to=2035-12&rules=1";

    @Autowired
    JsonMapper json;

    @Autowired
    Catalogue catalogue;

    private long keyProject;

    private final Duration ahead =
            Duration.between(Instant.now(), LocalDate.of(2036, 6, 1).atStartOfDay(ZoneId.of("Asia/Shanghai")));

    @BeforeEach
    void inMid2036() {
        clock.reset();
        clock.advance(ahead);
    }

    private JsonNode send(MockHttpServletRequestBuilder r, String token, @Nullable String body, int expected)
            throws Exception {
        var result = mvc.perform(r.header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body == null ? "" : body))
                .andReturn()
                .getResponse();
        String text = result.getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getStatus()).as(text).isEqualTo(expected);
        return text.isEmpty() ? json.readTree("{}") : json.readTree(text);
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

    private void approve(long id) throws Exception {
        send(
                post("/api/v1/projects/" + id + "/reviews"),
                COUNTY,
                "{\"action\":\"SUBMIT\",\"version\":" + version(id) + "}",
                200);
        send(
                post("/api/v1/projects/" + id + "/reviews"),
                CITY,
                "{\"action\":\"APPROVE\",\"opinion\":\"材料齐全，同意\",\"version\":" + version(id) + "}",
                200);
    }

    private long project(String fields, boolean approved) throws Exception {
        long id = send(post("/api/v1/projects"), COUNTY, "{\"regionId\":" + region("141129") + "," + fields + "}", 201)
                .get("id")
                .asLong();
        if (approved) {
            approve(id);
        }
        return id;
    }

    private void fund(long project, String month, String origin, String amount) throws Exception {
        send(
                post("/api/v1/projects/" + project + "/funds"),
                COUNTY,
                "{\"month\":\"%s\",\"origin\":\"%s\",\"amount\":%s,\"note\":\"银行进账单\"}"
                        .formatted(month, origin, amount),
                201);
    }

    @BeforeAll
    void ledger() throws Exception {
        inMid2036();
        long hydrogen = project("""
                "name":"中阳县氢能重卡换电站项目","projectType":"INDUSTRIAL","totalInvestment":120000.5,
                "contractAmount":118000.5,"fundOrigin":"OUT_OF_PROVINCE","stage":"STARTED","signedOn":"2035-03-12",
                "registeredOn":"2035-04-02","startedOn":"2035-05-20"
                """, false);
        fund(hydrogen, "2035-04", "OUT_OF_PROVINCE", "12000.5");
        fund(hydrogen, "2035-06", "IN_CITY", "3000.25");
        approve(hydrogen);
        keyProject = project("""
                "name":"中阳县文旅康养小镇","projectType":"SERVICE","totalInvestment":8600,"contractAmount":8600,
                "fundOrigin":"IN_PROVINCE","keyProject":true,"stage":"SIGNED","signedOn":"2035-05-08"
                """, true);
        long carbon = project("""
                "name":"中阳县碳基新材料产业园","projectType":"INDUSTRIAL","totalInvestment":10655.33,
                "contractAmount":10655.33,"fundOrigin":"OVERSEAS","foreignCurrency":"USD","foreignAmount":1500.75,
                "exchangeRate":7.1,"attractingRegionId":%d,"attractingShare":40,"stage":"PRODUCING",
                "signedOn":"2035-06-18","registeredOn":"2035-07-01","startedOn":"2035-07-15","producingOn":"2035-11-30"
                """.formatted(region("141130")), false);
        fund(carbon, "2035-09", "OVERSEAS", "2100.4");
        approve(carbon);
        long housing = project("""
                "name":"中阳县城南商住综合体","projectType":"OTHER","totalInvestment":50000,"contractAmount":48000,
                "fundOrigin":"IN_CITY","counted":false,"notCountedReason":"房地产项目","stage":"SIGNED",
                "signedOn":"2035-02-10"
                """, false);
        fund(housing, "2035-03", "IN_CITY", "5000");
        approve(housing);
        long draft = project("""
                "name":"中阳县光伏制氢示范项目","projectType":"INDUSTRIAL","totalInvestment":32000,"contractAmount":30000,
                "fundOrigin":"OUT_OF_PROVINCE","stage":"SIGNED","signedOn":"2035-08-01"
                """, false);
        fund(draft, "2035-09", "OUT_OF_PROVINCE", "1500");
        project("""
                "name":"中阳县氢能重卡换电站二期扩建","projectType":"INDUSTRIAL","totalInvestment":20000,
                "contractAmount":19800.75,"fundOrigin":"OUT_OF_PROVINCE","expansionOfId":%d,"stage":"SIGNED",
                "signedOn":"2035-09-01"
                """.formatted(hydrogen), true);
        // recorded after the last approval: not counted until the project's next version is approved
        fund(hydrogen, "2035-10", "OUT_OF_PROVINCE", "800.8");

        long zy = region("141129");
        long shenzhen = send(post("/api/v1/trips"), COUNTY, """
                {"title":"赴深圳对接新能源装备企业","regionId":%d,"leaderName":"王建国","leaderRank":"副县长",
                 "pointToPoint":false,"startDate":"2035-03-05","endDate":"2035-03-07","cities":"深圳",
                 "purpose":"氢能装备招商","status":"DONE"}
                """.formatted(zy), 201)
                .get("id")
                .asLong();
        send(post("/api/v1/trips/" + shenzhen + "/visits"), COUNTY, """
                {"enterpriseName":"深圳市氢途动力科技有限公司","visitDate":"2035-03-05","city":"深圳"}
                """, 201);
        send(post("/api/v1/trips/" + shenzhen + "/visits"), COUNTY, """
                {"enterpriseName":"深圳市光合储能集团有限公司","visitDate":"2035-03-06","city":"深圳"}
                """, 201);
        long again = send(post("/api/v1/trips"), COUNTY, """
                {"title":"点对点回访氢途动力","regionId":%d,"leaderName":"王建国","pointToPoint":true,
                 "startDate":"2035-06-10","endDate":"2035-06-10","cities":"深圳","status":"DONE"}
                """.formatted(zy), 201)
                .get("id")
                .asLong();
        send(post("/api/v1/trips/" + again + "/visits"), COUNTY, """
                {"enterpriseName":"深圳市氢途动力科技有限公司","visitDate":"2035-06-10","city":"深圳"}
                """, 201);
        send(post("/api/v1/trips"), COUNTY, """
                {"title":"赴苏州考察碳基材料企业","regionId":%d,"leaderName":"李明","startDate":"2035-11-20",
                 "endDate":"2035-11-22","cities":"苏州","status":"PLANNED"}
                """.formatted(zy), 201);
        send(post("/api/v1/delegations"), COUNTY, """
                {"title":"江苏中能集团考察团","regionId":%d,"visitDate":"2035-04-15","people":6,"hostName":"张华",
                 "sites":"中阳经济技术开发区","enterprises":["江苏中能集团有限公司"],"status":"DONE"}
                """.formatted(zy), 201);
        send(post("/api/v1/delegations"), COUNTY, """
                {"title":"山东鲁泰化学考察团","regionId":%d,"visitDate":"2035-12-01","people":4,"hostName":"张华","enterprises":["山东鲁泰化学有限公司"],
                 "status":"PLANNED"}
                """.formatted(zy), 201);

        for (String t : List.of(
                "\"name\":\"刘思远\",\"degree\":\"MASTER\",\"employer\":\"中阳县人民医院\",\"introducedOn\":\"2035-03-01\"",
                "\"name\":\"陈雨桐\",\"degree\":\"DOCTOR\",\"employer\":\"中阳县第一中学\",\"introducedOn\":\"2035-07-01\"")) {
            send(
                    post("/api/v1/talent/talents"),
                    TALENT,
                    "{\"regionId\":" + zy + ",\"employerKind\":\"INSTITUTION\"," + t + "}",
                    201);
        }
        long cls = send(post("/api/v1/talent/classes"), TALENT, """
                {"name":"2035年中青年干部培训班","regionId":%d,"kind":"ZHONGQING","term":5,
                 "startDate":"2035-04-01","endDate":"2035-04-30"}
                """.formatted(zy), 201)
                .get("id")
                .asLong();
        send(post("/api/v1/talent/classes/" + cls + "/participants"), TALENT, """
                [{"name":"赵磊","unit":"县发改局"},{"name":"孙丽","unit":"县商务局"},{"name":"周强","unit":"县投促中心"}]
                """, 201);
        long absent = jdbc.sql("select id from talent_training_participant where class_id = :c and name = '周强'")
                .param("c", cls)
                .query(Long.class)
                .single();
        send(post("/api/v1/talent/classes/" + cls + "/sessions"), TALENT, """
                {"sessionDate":"2035-04-10","topic":"招商引资政策解读","speaker":"市投促中心"}
                """, 201);
        send(post("/api/v1/talent/classes/" + cls + "/sessions"), TALENT, """
                {"sessionDate":"2035-04-20","topic":"项目谋划与包装","speaker":"省发展研究中心","absent":[%d]}
                """.formatted(absent), 201);
    }

    /** The key project stops being key again, so the demo's 重点招引项目 stock stays what other tests read. */
    @AfterAll
    void unkey() throws Exception {
        inMid2036();
        try {
            JsonNode p = send(get("/api/v1/projects/" + keyProject), COUNTY, null, 200);
            send(
                    org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(
                            "/api/v1/projects/" + keyProject),
                    COUNTY,
                    """
                    {"name":"中阳县文旅康养小镇","regionId":%d,"projectType":"SERVICE","totalInvestment":8600,
                     "contractAmount":8600,"fundOrigin":"IN_PROVINCE","keyProject":false,"stage":"SIGNED",
                     "signedOn":"2035-05-08","version":%d}
                    """.formatted(region("141129"), p.get("version").asLong()),
                    200);
            approve(keyProject);
        } finally {
            clock.reset();
        }
    }

    private JsonNode api(String path) throws Exception {
        return send(get(path), CITY, null, 200);
    }

    private byte[] file(String path, @Nullable String lang) throws Exception {
        var r = get(path).header("Authorization", CITY);
        if (lang != null) {
            r = r.cookie(new Cookie("yf-lang", lang));
        }
        var response = mvc.perform(r).andExpect(status().isOk()).andReturn().getResponse();
        return response.getContentAsByteArray();
    }

    /** What a file's rows say: the title line, and the counted rows' sums by part, and the total rows. */
    record Read(
            String title,
            BigDecimal num,
            BigDecimal den,
            @Nullable BigDecimal total,
            Set<String> reasons) {}

    private static Read read(List<List<String>> rows, boolean rate, String countedWord, String totalWord) {
        BigDecimal num = BigDecimal.ZERO;
        BigDecimal den = BigDecimal.ZERO;
        BigDecimal total = null;
        var reasons = new HashSet<String>();
        for (List<String> row : rows.subList(2, rows.size())) {
            String first = cell(row, 0);
            if (first.equals(totalWord)) {
                total = cell(row, 8).isEmpty() ? null : new BigDecimal(cell(row, 8));
                continue;
            }
            String reason = cell(row, 9);
            reasons.add(reason);
            if (!reason.equals(countedWord) || cell(row, 8).isEmpty()) {
                continue;
            }
            BigDecimal v = new BigDecimal(cell(row, 8));
            String part = rate ? cell(row, 10) : "";
            if (!part.equals("分母")) {
                num = num.add(v);
            }
            if (part.equals("分母") || part.equals("分子和分母")) {
                den = den.add(v);
            }
        }
        return new Read(cell(rows.get(0), 0), num, den, total, reasons);
    }

    private static String cell(List<String> row, int c) {
        return c < row.size() && row.get(c) != null ? row.get(c) : "";
    }

    private static List<List<String>> xlsx(byte[] file) throws Exception {
        var out = new ArrayList<List<String>>();
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            for (Row row : wb.getSheetAt(0)) {
                var cells = new ArrayList<String>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(
                            cell == null
                                    ? ""
                                    : cell.getCellType() == CellType.NUMERIC
                                            ? BigDecimal.valueOf(cell.getNumericCellValue())
                                                    .toPlainString()
                                            : cell.getStringCellValue());
                }
                out.add(cells);
            }
        }
        return out;
    }

    private static List<List<String>> csv(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\ufeff");
        var out = new ArrayList<List<String>>();
        for (String line : text.substring(1).split("\r\n")) {
            var cells = new ArrayList<String>();
            var cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cur.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    cells.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(ch);
                }
            }
            cells.add(cur.toString());
            out.add(cells);
        }
        return out;
    }

    private static @Nullable BigDecimal figure(JsonNode summary, String code) {
        for (JsonNode line : summary.get("indicators")) {
            if (line.get("code").asString().equals(code)) {
                return line.path("value").isNumber() ? line.get("value").decimalValue() : null;
            }
        }
        throw new AssertionError("no " + code);
    }

    private static BigDecimal round(Indicator ind, BigDecimal v) {
        return v.setScale(ind.unit() == Indicator.Unit.RATE ? 4 : 2, RoundingMode.HALF_UP);
    }

    private static void same(String what, Indicator ind, @Nullable BigDecimal actual, @Nullable BigDecimal figure) {
        if (figure == null) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(actual).as(what).isNotNull();
            assertThat(round(ind, actual)).as(what).isEqualByComparingTo(round(ind, figure));
        }
    }

    private static @Nullable BigDecimal rate(BigDecimal num, BigDecimal den) {
        return den.signum() == 0 ? null : num.divide(den, 4, RoundingMode.HALF_UP);
    }

    @Test
    void everyShippedFigureEqualsItsListAndBothExports() throws Exception {
        List<Indicator> indicators = catalogue.version(1).indicators();
        assertThat(indicators).hasSizeGreaterThanOrEqualTo(30);
        var reasons = new HashSet<String>();
        int checked = 0;
        for (String region : List.of("141129", "141100")) {
            for (String asOf : new String[] {null, "2036-06-01"}) {
                String query = "region=" + region + "&" + PERIOD + (asOf == null ? "" : "&asOf=" + asOf);
                JsonNode summary = api("/api/v1/stats/summary?" + query);
                for (Indicator ind : indicators) {
                    String q = query + "&indicator=" + ind.code();
                    String what = ind.code() + " " + q;
                    boolean rate = ind.unit() == Indicator.Unit.RATE;
                    BigDecimal figure = figure(summary, ind.code());
                    JsonNode x = api("/api/v1/stats/explain?" + q);
                    assertThat(x.get("supported").asBoolean()).as(what).isTrue();
                    assertThat(x.get("truncated").asBoolean()).isFalse();
                    same(
                            what + " total",
                            ind,
                            x.path("total").isNumber() ? x.get("total").decimalValue() : null,
                            figure);
                    BigDecimal num = BigDecimal.ZERO;
                    BigDecimal den = BigDecimal.ZERO;
                    long counted = 0;
                    for (JsonNode item : x.get("items")) {
                        if (item.hasNonNull("reason")) {
                            reasons.add(item.get("reason").asString());
                            continue;
                        }
                        counted++;
                        BigDecimal v = item.get("adds").decimalValue();
                        String part = item.get("part").asString();
                        if (!part.equals("DENOMINATOR")) {
                            num = num.add(v);
                        }
                        if (part.equals("DENOMINATOR") || part.equals("BOTH")) {
                            den = den.add(v);
                        }
                    }
                    assertThat(counted).as(what).isEqualTo(x.get("counted").asLong());
                    same(what + " list", ind, rate ? rate(num, den) : num, figure);

                    for (String format : List.of("xlsx", "csv")) {
                        byte[] bytes = file("/api/v1/stats/explain/export?" + q + "&format=" + format, null);
                        List<List<String>> rows = format.equals("xlsx") ? xlsx(bytes) : csv(bytes);
                        Read r = read(rows, rate, "计入", "合计（即该数据）");
                        assertThat(r.title()).as(what).contains(ind.nameZh(), "2035-01至2035-12", "按第1版认定规则");
                        assertThat(cell(rows.get(1), 1)).isEqualTo("记录");
                        same(what + " " + format + " total row", ind, r.total(), figure);
                        same(what + " " + format + " rows", ind, rate ? rate(r.num(), r.den()) : r.num(), figure);
                        assertThat(rows.size() - 3 - (rate ? 2 : 0))
                                .as(what + " " + format + " row count")
                                .isEqualTo(x.get("counted").asInt()
                                        + x.get("leftOut").asInt());
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(4 * indicators.size());
        // the ledger exercises the reasons: origin, not counted, draft project, fund not approved, planned, repeat
        assertThat(reasons)
                .contains(
                        "ORIGIN",
                        "NOT_COUNTED",
                        "PROJECT_NOT_APPROVED",
                        "FUND_NOT_APPROVED",
                        "PLANNED",
                        "REPEAT",
                        "NOT_POINT_TO_POINT",
                        "BELOW_BAND");
    }

    @Test
    void theFiguresOfTheLedgerAreTheOnesItWasBuiltFor() throws Exception {
        JsonNode s = api("/api/v1/stats/summary?region=141129&" + PERIOD + "&asOf=2036-06-01");
        // 氢能重卡 + 文旅康养 + 碳基 60% + 二期扩建 (the not-counted one and the draft are left out)
        assertThat(figure(s, "SIGNED_COUNT")).isEqualByComparingTo("3.6");
        assertThat(figure(s, "FUNDS")).isEqualByComparingTo("16260.99"); // 12000.5 + 3000.25 + 60% of 2100.4
        assertThat(figure(s, "VISITED")).isEqualByComparingTo("2");
        assertThat(figure(s, "TRIPS")).isEqualByComparingTo("2");
        assertThat(figure(s, "DELEGATIONS")).isEqualByComparingTo("1");
        assertThat(figure(s, "TALENTS_INTRODUCED")).isEqualByComparingTo("2");
        assertThat(figure(s, "TRAINING_ATTENDANCE")).isEqualByComparingTo("5");
        JsonNode visited = api("/api/v1/stats/explain?region=141129&" + PERIOD + "&asOf=2036-06-01&indicator=VISITED");
        assertThat(visited.get("items").get(0).get("link").asString()).startsWith("/activities/trips/");
        JsonNode city =
                api("/api/v1/stats/explain?region=141100&" + PERIOD + "&asOf=2036-06-01&indicator=SIGNED_COUNT");
        // in the city the attracted project is credited twice: 60% to 中阳, 40% to 交口
        long carbonRows = 0;
        for (JsonNode item : city.get("items")) {
            if (item.get("label").asString().equals("中阳县碳基新材料产业园")) {
                carbonRows++;
            }
        }
        assertThat(carbonRows).isEqualTo(2);
    }

    @Test
    void anEnglishUserReadsTheReasonsInEnglishAndACountyOnlyItsOwn() throws Exception {
        byte[] bytes = file(
                "/api/v1/stats/explain/export?region=141129&" + PERIOD + "&indicator=FUNDS_OUT_PROVINCE&format=csv",
                "en");
        List<List<String>> rows = csv(bytes);
        assertThat(cell(rows.get(0), 0)).contains("Funds arrived from other provinces", "counting rules version 1");
        Read r = read(rows, false, "counted", "Total (the figure)");
        assertThat(r.reasons()).contains("origin of funds not the indicator's (or not given)");
        assertThat(r.total()).isEqualByComparingTo("12000.50");
        // a county clerk exporting another county's figure is refused, as the list is
        var response = mvc.perform(get("/api/v1/stats/explain/export?region=141130&" + PERIOD
                                + "&indicator=SIGNED_COUNT&format=csv")
                        .header("Authorization", COUNTY))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isIn(403, 404);
        assertThat(response.getContentAsString()).doesNotContain("中阳县碳基新材料产业园");
    }

    @Test
    void theExportIsNotCappedWhereThePageIs() throws Exception {
        long big = project("""
                "name":"中阳县煤层气综合利用项目","projectType":"INDUSTRIAL","totalInvestment":66000,
                "contractAmount":65000.5,"fundOrigin":"OUT_OF_PROVINCE","stage":"SIGNED","signedOn":"2036-01-05"
                """, true);
        // 2,100 approved records of funds arrived in one month, more than a page lists
        jdbc.sql("""
                insert into project_fund (project_id, month, origin, amount, note, recorded_at, approved_at)
                select :p, date '2036-02-01', 'OUT_OF_PROVINCE', 10.25, '分笔到账第' || n || '笔', now(), now()
                  from generate_series(1, 2100) n
                """).param("p", big).update();
        String q = "region=141129&from=2036-01&to=2036-05&rules=1&indicator=FUNDS";
        assertThat(figure(api("/api/v1/stats/summary?region=141129&from=2036-01&to=2036-05&rules=1"), "FUNDS"))
                .isEqualByComparingTo("21525.00");
        JsonNode x = api("/api/v1/stats/explain?" + q);
        assertThat(x.get("truncated").asBoolean()).isTrue();
        assertThat(x.get("items").size()).isEqualTo(FigureExplanation.LIMIT);
        assertThat(x.get("counted").asLong()).isEqualTo(2100);
        assertThat(x.get("total").decimalValue()).isEqualByComparingTo("21525.00");
        for (String format : List.of("xlsx", "csv")) {
            byte[] bytes = file("/api/v1/stats/explain/export?" + q + "&format=" + format, null);
            List<List<String>> rows = format.equals("xlsx") ? xlsx(bytes) : csv(bytes);
            assertThat(rows).as(format).hasSize(2 + 2100 + 1);
            Read r = read(rows, false, "计入", "合计（即该数据）");
            assertThat(r.num()).as(format).isEqualByComparingTo("21525.00");
            assertThat(r.total()).as(format).isEqualByComparingTo("21525.00");
        }
    }
}
