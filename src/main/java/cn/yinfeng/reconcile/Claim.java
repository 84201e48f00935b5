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
 * @param indicator catalogue code (or a code the catalogue may lack, e.g. TALENT_INTRODUCED), or {@link #UNMAPPED}
 * @param keyword the words that named the indicator; for an unmapped value the words before it, or null
 * @param unit the unit as written: 个 家 次 批次 人 人次 亿元 万元 万美元 亿美元 %
 * @param value the value in the indicator's unit: 万元 for money, 万美元 for US dollars, a count, or percent
 * @param step the rounding step the text used, in the same unit (941.5亿元: 1000 万元)
 * @param growth a growth rate (同比增长8%) of {@code indicator}, in percent
 * @param completion a share of the annual target (完成年度目标的85.2%) of {@code indicator}, in percent
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
        boolean completion,
        String regionCode,
        String regionText,
        YearMonth from,
        YearMonth to,
        String periodText) {

    /** The indicator of a value whose indicator cannot be read: listed, never checked. */
    public static final String UNMAPPED = "UNMAPPED";

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

    /** An amount in US dollars (万美元, 亿美元): never mixed with 万元. */
    public boolean usd() {
        return unit != null && unit.endsWith("美元");
    }

    public boolean unmapped() {
        return UNMAPPED.equals(indicator);
    }
}
