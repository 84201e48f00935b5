package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.yinfeng.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

/**
 * A commit right after its dry run writes what the dry run decided (nothing is read or decided again), with the
 * same result as deciding again: new projects with the investors they name, changed projects changed. When the
 * ledger changed in between, the commit decides again, so a row the dry run found unchanged is not skipped on a
 * stale decision.
 */
class CommitFromDryRunIT extends IntegrationTest {

    private static final String XIAOYI = "Bearer demo-token-xiaoyi";

    // a county clerk's sheet: a number column, the county written as the column title says, amounts with units
    private static final String[] HEADER = {"序号", "项目名称", "县(市、区)", "投资主体", "计划总投资", "项目进展"};

    @Autowired
    DryRuns dryRuns;

    private static String[] row(String no, String name, String investor, String total) {
        return TestSheets.row(HEADER.length, Map.of(0, no, 1, name, 2, "孝义市", 3, investor, 4, total, 5, "洽谈"));
    }

    private long preview(List<String[]> rows) throws Exception {
        byte[] file = TestSheets.workbook("2025年招商项目", HEADER, rows);
        String preview = mvc.perform(multipart("/api/v1/ledger/projects/preview")
                        .file(new MockMultipartFile("file", "孝义市项目台账.xlsx", "application/octet-stream", file))
                        .header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return ((Number) JsonPath.read(preview, "$.batchId")).longValue();
    }

    private String commit(long batch) throws Exception {
        return mvc.perform(post("/api/v1/ledger/" + batch + "/commit").header("Authorization", XIAOYI))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private static String outcome(String report, String name) {
        List<String> o = JsonPath.read(report, "$.results[?(@.name == '" + name + "')].outcome");
        return o.get(0);
    }

    private BigDecimal total(String name) {
        return jdbc.sql("select total_investment from project where name = :n")
                .param("n", name)
                .query(BigDecimal.class)
                .single();
    }

    @Test
    void aCommitWritesItsDryRunsDecisionsUnlessTheLedgerChangedInBetween() throws Exception {
        commit(preview(List.<String[]>of(row("1", "丁复用既有", "", "1000万元"))));

        // nothing in between: the dry run's decisions are written
        long reused = dryRuns.reused();
        long a = preview(List.<String[]>of(
                row("1", "丁复用既有", "", "1000万元"), row("2", "丁复用新一", "丁复用新投资有限公司", "2,500"), row("3", "丁复用坏", "", "很多")));
        String first = commit(a);
        assertThat(dryRuns.reused()).isEqualTo(reused + 1);
        assertThat(outcome(first, "丁复用既有")).isEqualTo("UNCHANGED");
        assertThat(outcome(first, "丁复用新一")).isEqualTo("CREATE");
        assertThat(outcome(first, "丁复用坏")).isEqualTo("REJECT");
        Number id = JsonPath.<List<Number>>read(first, "$.results[?(@.name == '丁复用新一')].recordId")
                .get(0);
        assertThat(total("丁复用新一")).isEqualByComparingTo("2500");
        // the investor the dry run registered (and rolled back) is registered for real, and linked
        assertThat(jdbc.sql("""
                        select e.name from project_investor pi join enterprise e on e.id = pi.enterprise_id
                         where pi.project_id = :p
                        """).param("p", id.longValue()).query(String.class).list())
                .containsExactly("丁复用新投资有限公司");

        // the project changed by another import between the dry run and the commit: decided again
        long b = preview(List.<String[]>of(row("1", "丁复用既有", "", "1000万元"), row("2", "丁复用新二", "", "300")));
        commit(preview(List.<String[]>of(row("1", "丁复用既有", "", "1500万元"))));
        assertThat(total("丁复用既有")).isEqualByComparingTo("1500");
        long afterOther = dryRuns.reused();
        String second = commit(b);
        assertThat(dryRuns.reused()).isEqualTo(afterOther);
        assertThat(outcome(second, "丁复用既有")).isEqualTo("UPDATE");
        assertThat(total("丁复用既有")).isEqualByComparingTo("1000");
        assertThat(outcome(second, "丁复用新二")).isEqualTo("CREATE");
        assertThat(jdbc.sql("select count(*) from project where name like '丁复用新%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }
}
