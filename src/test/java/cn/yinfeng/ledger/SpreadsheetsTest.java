package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpreadsheetsTest {

    @Test
    void amountsAsPeopleWriteThemBecomeExactWan() {
        assertThat(Spreadsheets.wan("15000")).isEqualByComparingTo("15000");
        assertThat(Spreadsheets.wan("15,000")).isEqualByComparingTo("15000");
        assertThat(Spreadsheets.wan("1.5亿")).isEqualByComparingTo("15000");
        assertThat(Spreadsheets.wan("1.5亿元")).isEqualByComparingTo("15000");
        assertThat(Spreadsheets.wan("15000万元")).isEqualByComparingTo("15000");
        assertThat(Spreadsheets.wan("１５０００")).isEqualByComparingTo("15000");
        assertThat(Spreadsheets.wan("150000000元")).isEqualByComparingTo("15000");
        assertThat(Spreadsheets.wan("0.1亿")).isEqualByComparingTo("1000");
        assertThat(Spreadsheets.wan(" ")).isNull();
        assertThatThrownBy(() -> Spreadsheets.wan("一亿")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headersAreComparedWithoutUnitsMarksAndWidths() {
        assertThat(Spreadsheets.header(" 总投资额（万元）* ")).isEqualTo("总投资额");
        assertThat(Spreadsheets.header("项目名称(必填)")).isEqualTo("项目名称");
        assertThat(Spreadsheets.header("签约日期：")).isEqualTo("签约日期");
    }

    @Test
    void formulaLikeCellsAreNeutralised() {
        for (String bad : new String[] {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"}) {
            assertThat(Spreadsheets.neutralise(bad)).startsWith("'");
        }
        assertThat(Spreadsheets.neutralise("孝义市")).isEqualTo("孝义市");
        assertThat(Spreadsheets.restore(Spreadsheets.neutralise("=1+1"))).isEqualTo("=1+1");
        assertThat(Spreadsheets.restore("'abc")).isEqualTo("'abc");
    }

    @Test
    void yesAndNo() {
        assertThat(Spreadsheets.yesNo("是")).isTrue();
        assertThat(Spreadsheets.yesNo("否")).isFalse();
        assertThat(Spreadsheets.yesNo("Y")).isTrue();
        assertThatThrownBy(() -> Spreadsheets.yesNo("也许")).isInstanceOf(IllegalArgumentException.class);
    }
}
