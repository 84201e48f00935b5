package cn.yinfeng.reconcile;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One statistical claim found in a text.
 *
 * @param segment the article (segment) it belongs to
 * @param sentence index of its sentence in the text
 * @param start start of the value as written, within the sentence
 * @param end end of the value as written (exclusive)
 * @param written the value as written, e.g. {@code 50余次}
 * @param indicator catalogue code (or a code the catalogue may lack, e.g. TALENT_INTRODUCED)
 * @param keyword the words that named the indicator
 * @param unit the unit as written: 个 家 次 批次 人 人次 亿元 万元 %
 * @param value the value in the indicator's unit: 万元 for money, a count, or percent for % claims
 * @param step the rounding step the text used, in the same unit (941.5亿元: 1000 万元)
 * @param regionCode the region's code, null when none was named (the text's default applies)
 * @param from first month, null when the period is unclear
 * @param to last month, null when the period is unclear
 */
public record Claim(
        int segment,
        int sentence,
        int start,
        int end,
        String written,
        String indicator,
        String keyword,
        String unit,
        BigDecimal value,
        BigDecimal step,
        Qualifier qualifier,
        boolean growth,
        String regionCode,
        String regionText,
        YearMonth from,
        YearMonth to,
        String periodText) {

    public enum Qualifier {
        EXACT,
        LOWER_BOUND,
        APPROX
    }

    public boolean periodClear() {
        return from != null && to != null;
    }

    public boolean money() {
        return "亿元".equals(unit) || "万元".equals(unit) || "元".equals(unit);
    }
}
