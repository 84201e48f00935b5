package cn.yinfeng.ledger.sheet;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Numbers as a spreadsheet shows them: at most 15 significant digits, as Excel and WPS display a double, so a
 * formula's 0.30000000000000004 reads 0.3 and 12345.600000000002 reads 12345.6; plain notation, no trailing zeros.
 */
final class Numbers {

    private static final MathContext SHOWN = new MathContext(15);

    private Numbers() {}

    static String shown(BigDecimal n) {
        return n.round(SHOWN).stripTrailingZeros().toPlainString();
    }

    static String shown(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        return shown(new BigDecimal(Double.toString(d)));
    }

    /** A formula's cached value: a number in the shown form, any other text as it is. */
    static String shownIfNumber(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        char c = raw.charAt(0);
        if ((c >= '0' && c <= '9') || c == '-' || c == '.') {
            try {
                return shown(new BigDecimal(raw));
            } catch (NumberFormatException e) {
                return raw;
            }
        }
        return raw;
    }
}
