package cn.yinfeng.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How a 同比 is written in prose: over nothing as "上年同期无", over a tiny base (growth above {@link #TINY_BASE_GROWTH}) as
 * "基数较小" without a percentage, otherwise as a growth, a fall or level to one decimal place of a percent. The
 * report's own paragraph and the 简报 both read it, so neither ever says "同比增长22943.3%".
 */
public enum YearOnYear {
    NONE_BEFORE,
    TINY_BASE,
    UP,
    DOWN,
    FLAT;

    /** A growth above this (300 %) is read as a tiny base. */
    public static final BigDecimal TINY_BASE_GROWTH = new BigDecimal("3");

    /**
     * @param current this period's amount
     * @param previous the same months of last year (null or zero: nothing before)
     * @param yoy the growth as a share, four places
     */
    public static YearOnYear of(BigDecimal current, BigDecimal previous, BigDecimal yoy) {
        if (previous == null || previous.signum() == 0 || yoy == null) {
            return NONE_BEFORE;
        }
        if (current != null && yoy.compareTo(TINY_BASE_GROWTH) > 0) {
            return TINY_BASE;
        }
        BigDecimal pct = percent(yoy);
        return pct.signum() > 0 ? UP : pct.signum() < 0 ? DOWN : FLAT;
    }

    /** A share as a percentage to one place ("0.1234" → 12.3). */
    public static BigDecimal percent(BigDecimal share) {
        return share.movePointRight(2).setScale(1, RoundingMode.HALF_UP);
    }
}
