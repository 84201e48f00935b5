package cn.yinfeng.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text a spreadsheet would run as a formula leaves the export inert (checklist #17); other text is unchanged. */
class ExplanationExportTest {

    @Test
    void aCellThatWouldRunAsAFormulaStartsWithAnApostrophe() {
        for (String formula : new String[] {"=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"}) {
            assertThat(ExplanationExport.inert(formula)).isEqualTo("'" + formula);
        }
        assertThat(ExplanationExport.inert("中阳县氢能重卡换电站项目")).isEqualTo("中阳县氢能重卡换电站项目");
        assertThat(ExplanationExport.inert("")).isEmpty();
    }
}
