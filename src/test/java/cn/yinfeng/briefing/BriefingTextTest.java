package cn.yinfeng.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.stats.MonthlyReport;
import cn.yinfeng.stats.YearOnYear;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The briefing's wording rules: 同比 over nothing or a tiny base, 序时进度 in points, who leads and who lags. */
class BriefingTextTest {

    /** A row with the signed amount (万元), its previous year, the annual target and the counts. */
    static MonthlyReport.Row row(
            String code, String name, boolean total, String amount, String previous, String target) {
        BigDecimal a = new BigDecimal(amount);
        BigDecimal p = previous == null ? null : new BigDecimal(previous);
        BigDecimal t = target == null ? null : new BigDecimal(target);
        BigDecimal yoy =
                p == null || p.signum() == 0 ? null : a.subtract(p).divide(p, 4, java.math.RoundingMode.HALF_UP);
        BigDecimal completion = t == null ? null : a.divide(t, 4, java.math.RoundingMode.HALF_UP);
        Map<String, BigDecimal> values = Map.of(
                "SIGNED_COUNT", new BigDecimal("12"),
                "SIGNED_AMOUNT", a,
                "SIGNED_1YI_COUNT", new BigDecimal("5"),
                "FUNDS", new BigDecimal("83000.50"),
                "STARTED_COUNT", new BigDecimal("4"),
                "PRODUCING_COUNT", new BigDecimal("2"));
        return new MonthlyReport.Row(code, name, total, values, p, yoy, t, completion, null);
    }

    static BriefingText.Inputs inputs(MonthlyReport.Row total, List<MonthlyReport.Row> units) {
        return new BriefingText.Inputs(
                "吕梁市",
                true,
                2024,
                5,
                total,
                units,
                List.of(new BriefingText.Largest("年产10万吨氢能装备项目", "孝义市", new BigDecimal("502000"))),
                List.of(new BriefingText.Risk("汾阳白酒文旅项目", "签约", LocalDate.of(2024, 6, 15))));
    }

    @Test
    void growthOverNothingOrATinyBaseIsSaidSoNeverAsAHugePercentage() {
        assertThat(YearOnYear.of(new BigDecimal("41200"), null, null)).isEqualTo(YearOnYear.NONE_BEFORE);
        assertThat(YearOnYear.of(new BigDecimal("41200"), BigDecimal.ZERO, null))
                .isEqualTo(YearOnYear.NONE_BEFORE);
        // 412 亿元 over 0.18 亿元: 22,943 %
        BigDecimal yoy = new BigDecimal("229.4333");
        assertThat(YearOnYear.of(new BigDecimal("4120000"), new BigDecimal("1800"), yoy))
                .isEqualTo(YearOnYear.TINY_BASE);
        // exactly 300 % is still a growth rate; just above is a tiny base
        assertThat(YearOnYear.of(new BigDecimal("400"), new BigDecimal("100"), new BigDecimal("3.0000")))
                .isEqualTo(YearOnYear.UP);
        assertThat(YearOnYear.of(new BigDecimal("401"), new BigDecimal("100"), new BigDecimal("3.0100")))
                .isEqualTo(YearOnYear.TINY_BASE);
        assertThat(YearOnYear.of(new BigDecimal("90"), new BigDecimal("100"), new BigDecimal("-0.1000")))
                .isEqualTo(YearOnYear.DOWN);
        assertThat(YearOnYear.of(new BigDecimal("100.04"), new BigDecimal("100"), new BigDecimal("0.0004")))
                .isEqualTo(YearOnYear.FLAT);

        String tiny = String.join(
                "\n",
                BriefingText.write(
                        inputs(row("141100", "吕梁市", true, "4120000", "1800", null), List.of()), Locale.CHINA));
        assertThat(tiny)
                .contains("签约金额412亿元，上年同期基数较小，不作同比")
                .doesNotContain("22943")
                .doesNotContain("同比增长");
        String none = String.join(
                "\n",
                BriefingText.write(inputs(row("141100", "吕梁市", true, "41200", null, null), List.of()), Locale.CHINA));
        assertThat(none).contains("上年同期无签约金额").doesNotContain("同比增长");
        String down = String.join(
                "\n",
                BriefingText.write(
                        inputs(row("141100", "吕梁市", true, "90000", "100000", null), List.of()), Locale.CHINA));
        assertThat(down).contains("同比下降10.0%");
    }

    @Test
    void scheduleIsCompletionMinusElapsedMonthsInPoints() {
        // May: 序时进度 5/12 = 41.67 %
        assertThat(BriefingText.pointsAhead(new BigDecimal("0.4520"), 5)).isEqualByComparingTo("3.5");
        assertThat(BriefingText.pointsAhead(new BigDecimal("0.3000"), 5)).isEqualByComparingTo("-11.7");
        assertThat(BriefingText.pointsAhead(new BigDecimal("1.0000"), 12)).isEqualByComparingTo("0.0");
        // from the completion as written (12.5%), as a reader works it out: 12.5 - 8.33 = 4.2, not 12.45 - 8.33 = 4.1
        assertThat(BriefingText.pointsAhead(new BigDecimal("0.1245"), 1)).isEqualByComparingTo("4.2");
        String ahead = String.join(
                "\n",
                BriefingText.write(
                        inputs(row("141100", "吕梁市", true, "452000", "400000", "1000000"), List.of()), Locale.CHINA));
        assertThat(ahead).contains("全市签约金额完成年度目标的45.2%，快于序时进度3.5个百分点。");
        String behind = String.join(
                "\n",
                BriefingText.write(
                        inputs(row("141100", "吕梁市", true, "300000", "400000", "1000000"), List.of()), Locale.CHINA));
        assertThat(behind).contains("慢于序时进度11.7个百分点");
    }

    @Test
    void leadingUnitsByAmountLaggingUnitsBehindScheduleFurthestFirst() {
        var xiaoyi = row("141181", "孝义市", false, "1205000", "900000", "2000000"); // 60.3 %: ahead
        var fenyang = row("141182", "汾阳市", false, "982000", "900000", "3000000"); // 32.7 %: behind
        var jiaocheng = row("141122", "交城县", false, "760000", "700000", "1000000"); // 76.0 %: ahead
        var shilou = row("141126", "石楼县", false, "12000", "10000", "100000"); // 12.0 %: behind
        var lanxian = row("141127", "岚县", false, "0", "0", null); // no target, nothing signed
        var units = List.of(lanxian, shilou, jiaocheng, fenyang, xiaoyi);
        var in = inputs(row("141100", "吕梁市", true, "2959000", "2510000", null), units);

        assertThat(BriefingText.leading(in))
                .extracting(MonthlyReport.Row::regionName)
                .containsExactly("孝义市", "汾阳市", "交城县");
        assertThat(BriefingText.lagging(in))
                .extracting(MonthlyReport.Row::regionName)
                .containsExactly("石楼县", "汾阳市");
        String text = String.join("\n", BriefingText.write(in, Locale.CHINA));
        assertThat(text)
                .contains("从各县（市、区）看，孝义市签约金额120.5亿元、汾阳市签约金额98.2亿元、交城县签约金额76亿元，居前三位")
                .contains("石楼县签约金额完成年度目标的12.0%，汾阳市签约金额完成年度目标的32.7%，进度相对滞后")
                .contains("签约金额较大的项目有：孝义市投资50.2亿元的年产10万吨氢能装备项目。")
                .contains("近期需关注：汾阳白酒文旅项目签约阶段将于2024年6月15日到期");

        String english = String.join("\n", BriefingText.write(in, Locale.ENGLISH));
        assertThat(english)
                .startsWith(
                        "From January to May, the city signed 12 investment projects worth 295.9 hundred million yuan")
                .contains("Leading units by signed amount: 孝义市 (120.5), 汾阳市 (98.2), 交城县 (76)")
                .contains("behind schedule: 石楼县 (12.0% of target), 汾阳市 (32.7% of target)")
                .doesNotContain("亿元");
    }
}
