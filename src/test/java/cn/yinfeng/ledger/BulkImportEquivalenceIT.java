package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

/**
 * The bulk path of the project import (rows decided first, new projects written together by COPY, one audit row)
 * gives exactly what the row-by-row path gives, which goes through {@code Projects.create} like the form: the same
 * outcome and reasons for every row, the same project rows, transitions and investors. The same ledger is imported
 * twice, once per path, under two name prefixes (甲, 乙), over the same existing projects.
 */
class BulkImportEquivalenceIT extends IntegrationTest {

    private static final String XIAOYI = "Bearer demo-token-xiaoyi";

    private static final String[] HEADER = {
        "项目编号",
        "项目名称",
        "落地区域",
        "投资方",
        "投资方统一社会信用代码",
        "产业链",
        "项目类型",
        "总投资（万元）",
        "签约金额（万元）",
        "资金来源",
        "重点项目",
        "阶段",
        "签约日期",
        "注册日期",
        "开工日期",
        "投产日期",
        "达产日期",
        "包联领导",
        "责任单位",
        "联系人",
        "联系电话",
        "计入考核",
        "不计入原因"
    };

    @Autowired
    Imports imports;

    @AfterEach
    void bulkBackOn() {
        imports.bulk(true);
    }

    /** The ledger under test; {@code p} prefixes every project and enterprise name. */
    private List<String[]> ledger(String p) {
        String chain = jdbc.sql("select name from chain order by id limit 1")
                .query(String.class)
                .single();
        String future = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(20).toString();
        String longName = "联".repeat(60);
        var rows = new ArrayList<String[]>();
        // creates, with every field the sheet can carry
        rows.add(row(Map.ofEntries(
                Map.entry(1, p + "全字段项目"),
                Map.entry(2, "孝义市"),
                Map.entry(3, p + "全字段投资有限公司"),
                Map.entry(5, chain),
                Map.entry(6, "服务业"),
                Map.entry(7, "2.35亿"),
                Map.entry(8, "20,000"),
                Map.entry(9, "境外"),
                Map.entry(10, "是"),
                Map.entry(11, "开工"),
                Map.entry(12, "2025-01-10"),
                Map.entry(13, "2025/2/3"),
                Map.entry(14, "2025年4月5日"),
                Map.entry(17, "分管副市长 刘市长"),
                Map.entry(18, "孝义市商务局"),
                Map.entry(19, "张三"),
                Map.entry(20, "13800001111"),
                Map.entry(21, "否"),
                Map.entry(22, "跨年结转"))));
        rows.add(row(Map.of(1, p + "洽谈项目", 2, "孝义", 7, "15000万元", 11, "洽谈", 3, p + "全字段投资有限公司")));
        rows.add(row(Map.of(1, p + "储备项目", 7, "800", 11, "储备")));
        // rejected, each for one rule
        rows.add(row(Map.of(1, p + "缺签约日期", 2, "孝义市", 7, "5000", 11, "签约")));
        rows.add(row(Map.of(1, p + "未来日期", 2, "孝义市", 7, "5000", 11, "签约", 12, future)));
        rows.add(row(Map.of(1, p + "日期超前", 2, "孝义市", 7, "5000", 11, "签约", 12, "2025-03-01", 13, "2025-04-01")));
        rows.add(row(Map.of(1, p + "日期倒序", 2, "孝义市", 7, "5000", 11, "注册落地", 12, "2025-03-01", 13, "2025-02-01")));
        rows.add(row(Map.of(1, p + "联系人过长", 2, "孝义市", 7, "5000", 11, "洽谈", 19, longName)));
        rows.add(row(Map.of(1, p + "越权项目", 2, "中阳县", 7, "5000", 11, "洽谈")));
        rows.add(row(Map.of(1, p + "未知产业链", 2, "孝义市", 7, "5000", 11, "洽谈", 5, "不存在的产业链")));
        rows.add(row(Map.of(1, p + "不计入无原因", 2, "孝义市", 7, "5000", 11, "洽谈", 21, "否")));
        rows.add(row(Map.of(1, p + "坏金额", 2, "孝义市", 7, "很多", 11, "洽谈")));
        rows.add(row(Map.of(1, p + "缺总投资", 2, "孝义市", 11, "洽谈")));
        rows.add(row(Map.of(1, p + "坏信用代码", 2, "孝义市", 7, "5000", 11, "洽谈", 3, p + "坏代码公司", 4, "9114000000000000")));
        rows.add(row(Map.of(1, p + "未知领导", 2, "孝义市", 7, "5000", 11, "洽谈", 17, "没有这个人")));
        rows.add(row(Map.of(0, "P1999-99999", 1, p + "未知编号", 2, "孝义市", 7, "5000", 11, "洽谈")));
        rows.add(row(Map.of(1, p + "洽谈项目", 2, "孝义", 7, "15000", 11, "洽谈"))); // the same project twice in the file
        // the same new project with its region written two ways (a blank region is the importer's own)
        rows.add(row(Map.of(1, p + "双写区域", 2, "孝义市", 7, "700", 11, "储备")));
        rows.add(row(Map.of(1, p + "双写区域", 7, "700", 11, "储备")));
        // text that COPY must carry as typed: backslashes, \N, \., tab, line breaks, a character beyond the BMP
        rows.add(row(Map.of(1, p + "转义\\N\\.\t项目😀", 2, "孝义市", 7, "900", 11, "洽谈", 18, "孝义市\\商务局\r\n二科", 19, "王\t五")));
        rows.add(row(Map.of(1, p + "天文数字", 2, "孝义市", 7, "1E20", 11, "洽谈")));
        rows.add(row(Map.of(1, p + "公元元年", 2, "孝义市", 7, "900", 11, "签约", 12, "0001-01-01")));
        // rows matching existing projects: unchanged, changed fields, a stage moved forward; one project changed
        // by its code and then named again with other figures (the second row must see the first row's change)
        String code2 = jdbc.sql("select code from project where name = :n")
                .param("n", p + "既有二")
                .query(String.class)
                .single();
        rows.add(row(Map.of(1, p + "既有一", 2, "孝义市", 7, "1000", 11, "洽谈")));
        rows.add(row(Map.of(0, code2, 1, p + "既有二", 2, "孝义市", 7, "2500", 11, "洽谈")));
        rows.add(row(Map.of(1, p + "既有二", 2, "孝义市", 7, "2000", 11, "洽谈")));
        rows.add(row(Map.of(1, p + "既有三", 2, "孝义市", 7, "3000", 11, "签约", 12, "2025-06-01")));
        return rows;
    }

    private static String[] row(Map<Integer, String> cells) {
        return TestSheets.row(HEADER.length, cells);
    }

    private static byte[] workbook(List<String[]> rows) throws Exception {
        return TestSheets.workbook("台账", HEADER, rows);
    }

    /** Preview then commit; returns both answers. */
    private String[] importFile(byte[] file) throws Exception {
        String preview = mvc.perform(multipart("/api/v1/ledger/projects/preview")
                        .file(new MockMultipartFile("file", "台账.xlsx", "application/octet-stream", file))
                        .header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long batch = ((Number) JsonPath.read(preview, "$.batchId")).longValue();
        String commit = mvc.perform(post("/api/v1/ledger/" + batch + "/commit").header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return new String[] {preview, commit};
    }

    /** Each row's number, outcome and reasons, with the prefix taken out of the reasons. */
    private static List<String> outcomes(String report, String prefix) {
        List<Map<String, Object>> results = JsonPath.read(report, "$.results");
        return results.stream()
                .map(r -> r.get("rowNumber") + " " + r.get("outcome") + " " + r.get("name") + " " + r.get("problems"))
                .map(s -> s.replace(prefix, "*"))
                .toList();
    }

    /** The projects (and their transitions and investors) whose names start with the prefix, without the prefix. */
    private List<String> snapshot(String prefix) {
        return jdbc.sql("""
                select substr(p.name, 2) || ' | ' || concat_ws(' | ', p.region_id, p.attracting_region_id,
                       p.attracting_share, p.chain_id, p.chain_node_id, p.project_type, p.total_investment,
                       p.contract_amount, p.foreign_currency, p.foreign_amount, p.exchange_rate, p.fund_origin,
                       p.key_project, p.leader_user_id, p.responsible_unit, p.contact_name, p.contact_phone, p.counted,
                       p.not_counted_reason, p.expansion_of_id, p.stage, p.held_stage, p.signed_on, p.registered_on,
                       p.started_on, p.producing_on, p.full_production_on, p.review_status, p.version, p.created_by,
                       p.code ~ '^P[0-9]{4}-[0-9]{5,}$', substr(p.name_key, 2))
                       || ' | transitions ' || coalesce((select string_agg(concat_ws('/', t.from_stage, t.to_stage,
                          t.on_date, t.actor_id, t.note), ', ' order by t.id) from project_transition t
                          where t.project_id = p.id), '')
                       || ' | investors ' || coalesce((select string_agg(substr(e.name, 2) || '/' || coalesce(e.credit_code,
                          ''), ', ' order by e.name) from project_investor pi join enterprise e on e.id = pi.enterprise_id
                          where pi.project_id = p.id), '')
                  from project p where p.name like :p order by substr(p.name, 2)
                """).param("p", prefix + "%").query(String.class).list();
    }

    @Test
    void theBulkPathGivesWhatTheRowByRowPathGives() throws Exception {
        // the existing projects both ledgers match, made the same way for both prefixes
        imports.bulk(false);
        for (String p : List.of("甲", "乙")) {
            importFile(workbook(List.of(
                    row(Map.of(1, p + "既有一", 2, "孝义市", 7, "1000", 11, "洽谈")),
                    row(Map.of(1, p + "既有二", 2, "孝义市", 7, "1500", 11, "洽谈")),
                    row(Map.of(1, p + "既有三", 2, "孝义市", 7, "3000", 11, "洽谈")))));
        }
        long batchAudits = jdbc.sql("select count(*) from audit_log where action = 'PROJECT_CREATE_BATCH'")
                .query(Long.class)
                .single();

        String[] oneByOne = importFile(workbook(ledger("甲")));
        imports.bulk(true);
        String[] bulk = importFile(workbook(ledger("乙")));

        // the same outcome and reasons for every row, in the dry run and in the commit
        assertThat(outcomes(bulk[0], "乙")).isEqualTo(outcomes(oneByOne[0], "甲"));
        assertThat(outcomes(bulk[1], "乙")).isEqualTo(outcomes(oneByOne[1], "甲"));
        assertThat(outcomes(bulk[1], "乙")).filteredOn(s -> s.contains("REJECT")).hasSize(16);
        assertThat(outcomes(bulk[1], "乙")).filteredOn(s -> s.contains("CREATE")).hasSize(6);
        assertThat(outcomes(bulk[1], "乙")).filteredOn(s -> s.contains("UPDATE")).hasSize(3);
        assertThat(outcomes(bulk[1], "乙"))
                .filteredOn(s -> s.contains("UNCHANGED"))
                .hasSize(1);
        assertThat(outcomes(bulk[1], "乙"))
                .anyMatch(s -> s.contains("*双写区域") && s.contains("重复"))
                .anyMatch(s -> s.contains("*天文数字") && s.contains("金额过大"))
                .anyMatch(s -> s.contains("*公元元年") && s.contains("1900"))
                // a leader with no account is imported without the link, and the row says so
                .anyMatch(s -> s.contains("*未知领导") && s.contains("CREATE") && s.contains("没有对应的领导账号"));
        // the long contact name is the field's error (the column's limit), not a failed insert
        assertThat(outcomes(bulk[1], "乙")).anyMatch(s -> s.contains("联系人：") && s.contains("50"));

        // the same rows written
        List<String> expected = snapshot("甲");
        assertThat(expected).hasSize(9);
        assertThat(snapshot("乙")).isEqualTo(expected);
        assertThat(jdbc.sql("select total_investment from project where name = '乙既有二'")
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("2000");
        assertThat(jdbc.sql(
                                "select name || '|' || responsible_unit || '|' || contact_name from project where name like "
                                        + "'乙转义%'")
                        .query(String.class)
                        .single())
                .isEqualTo("乙转义\\N\\.\t项目😀|孝义市\\商务局\r\n二科|王\t五");

        // created rows name their project in the commit's answer
        List<Object> ids = JsonPath.read(bulk[1], "$.results[?(@.outcome == 'CREATE')].recordId");
        assertThat(ids).hasSize(6).doesNotContainNull();
        List<Object> links = JsonPath.read(bulk[1], "$.results[?(@.outcome == 'CREATE')].link");
        assertThat(links).allMatch(l -> String.valueOf(l).startsWith("/projects/"));
        List<Map<String, Object>> created = JsonPath.read(bulk[1], "$.results[?(@.outcome == 'CREATE')]");
        for (Map<String, Object> c : created) { // each row's id is the project with that row's name
            assertThat(jdbc.sql("select name from project where id = :id")
                            .param("id", ((Number) c.get("recordId")).longValue())
                            .query(String.class)
                            .single())
                    .isEqualTo(c.get("name"));
        }
        // one audit row for the batch of new projects, naming the import
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'PROJECT_CREATE_BATCH'")
                        .query(Long.class)
                        .single())
                .isEqualTo(batchAudits + 1);
        long batch = ((Number) JsonPath.read(bulk[1], "$.batchId")).longValue();
        assertThat(jdbc.sql(
                                "select detail from audit_log where action = 'PROJECT_CREATE_BATCH' order by id desc limit 1")
                        .query(String.class)
                        .single())
                .matches("6 projects P\\d{4}-\\d{5,} \\.\\. P\\d{4}-\\d{5,}; import_batch " + batch);

        // and a second import of the same file changes nothing, on either path, but for the project the file itself
        // names twice with two totals (set to 2500 by its code, back to 2000 by its name, each time)
        for (boolean b : new boolean[] {false, true}) {
            imports.bulk(b);
            String again = importFile(workbook(ledger("乙")))[1];
            assertThat(((Number) JsonPath.read(again, "$.created")).intValue()).isZero();
            assertThat(((Number) JsonPath.read(again, "$.updated")).intValue())
                    .isEqualTo(2); // 既有二 by code, then by name
            assertThat(((Number) JsonPath.read(again, "$.unchanged")).intValue())
                    .isEqualTo(8);
        }
        assertThat(snapshot("乙"))
                .filteredOn(l -> !l.startsWith("既有二"))
                .isEqualTo(expected.stream().filter(l -> !l.startsWith("既有二")).toList());
    }

    @Test
    void aFailureWhileWritingTheBatchLeavesNothing() throws Exception {
        long before = jdbc.sql("select count(*) from project").query(Long.class).single();
        byte[] file = workbook(List.of(
                row(Map.of(1, "丙整批回滚一", 2, "孝义市", 7, "1000", 11, "洽谈")),
                row(Map.of(1, "丙整批回滚二", 2, "孝义市", 7, "1000", 11, "洽谈"))));
        String preview = mvc.perform(multipart("/api/v1/ledger/projects/preview")
                        .file(new MockMultipartFile("file", "台账.xlsx", "application/octet-stream", file))
                        .header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long batch = ((Number) JsonPath.read(preview, "$.batchId")).longValue();
        // the sequence's next code is taken behind the import's back, so the COPY meets a duplicate code
        long next = jdbc.sql("select last_value + 1 from project_code_seq")
                .query(Long.class)
                .single();
        String year = String.valueOf(LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear());
        long region = jdbc.sql("select id from region where code = '141181'")
                .query(Long.class)
                .single();
        jdbc.sql("insert into project (code, name, name_key, region_id, total_investment) values (:c, '丙占号', '丙占号', "
                        + ":r, 1)")
                .param("c", "P" + year + "-" + String.format("%05d", next + 1))
                .param("r", region)
                .update();
        mvc.perform(post("/api/v1/ledger/" + batch + "/commit").header("Authorization", XIAOYI))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(Matchers.containsString("没有写入任何数据")));
        assertThat(jdbc.sql("select count(*) from project where name like '丙整批回滚%'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from project").query(Long.class).single())
                .isEqualTo(before + 1);
        assertThat(jdbc.sql("select status from import_batch where id = :id")
                        .param("id", batch)
                        .query(String.class)
                        .single())
                .isEqualTo("PREVIEWED");
        // committed again, it goes through: the clash was the ledger's, not the file's
        mvc.perform(post("/api/v1/ledger/" + batch + "/commit").header("Authorization", XIAOYI))
                .andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from project where name like '丙整批回滚%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }
}
