package cn.yinfeng.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Saved checks are JSON: a check saved before {@code completion} and {@code reasonDetail} existed still reads. */
class CheckedJsonTest {

    final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @Test
    void aCheckSavedWithoutTheNewFieldsStillReads() {
        var checked = new ReconcileService.Checked(
                0,
                0,
                0,
                4,
                "117个",
                "SIGNED_COUNT",
                "签约项目数",
                "签约项目",
                "个",
                new BigDecimal("117"),
                Claim.Qualifier.EXACT,
                false,
                true,
                "141100",
                "吕梁市",
                YearMonth.of(2024, 1),
                YearMonth.of(2024, 10),
                "1-10月",
                ReconcileService.Verdict.AGREES,
                "reconcile.reason.agrees.exact",
                null,
                new BigDecimal("117"),
                "117个",
                "117个",
                "/stats/explain?region=141100");
        var result = new ReconcileService.Result(
                LocalDate.of(2024, 11, 5),
                "141100",
                "吕梁市",
                List.of(new ReconcileService.Sentence(0, 0, "签约项目117个。")),
                List.of(checked),
                1,
                0,
                0,
                List.of());
        String written = json.writeValueAsString(result);
        assertThat(written).contains("\"completion\":true");
        String old = written.replace("\"completion\":true,", "")
                .replace("\"reasonDetail\":null,", "")
                .replace(",\"asOf\":[]", "");
        assertThat(old).doesNotContain("completion").doesNotContain("reasonDetail");
        var read = json.readValue(old, ReconcileService.Result.class);
        assertThat(read.claims().get(0).completion()).isFalse();
        assertThat(read.claims().get(0).reasonDetail()).isNull();
        assertThat(old).doesNotContain("asOf");
        assertThat(read.asOf()).as("a check saved before the as-of notes").isEmpty();
        assertThat(read.claims().get(0).written()).isEqualTo("117个");
    }
}
