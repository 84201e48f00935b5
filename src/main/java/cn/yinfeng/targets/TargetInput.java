package cn.yinfeng.targets;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a clerk types into a target into the value stored: amounts in 万元 (at most two decimals), counts as
 * whole numbers, rates as fractions (85% = 0.85, the way {@code Stats} compares a rate with its target).
 *
 * <ul>
 *   <li>Amounts: {@code 1019.6亿}, {@code 1019.6亿元}, {@code 1,019.6 亿元}, {@code 10196000万元}, {@code 5000万}; a
 *       bare number is in the unit chosen beside the input (万元 unless 亿元 is chosen). Full-width digits and
 *       punctuation are read like half-width ones; thousands separators must group by three.
 *   <li>Counts: {@code 117}, {@code 117个}, {@code 120项} (also 次, 人, 人次, 家 …); whole numbers only.
 *   <li>Rates: {@code 85%} or {@code 85％}; a bare number above 1 is a percentage ({@code 85}), up to 1 a fraction
 *       ({@code 0.85}). Targets are stored with two decimals of the fraction, so a rate target is a whole percentage:
 *       {@code 85.5%} is refused with a message saying so. At most 100%.
 *   <li>{@code USD} amounts (万美元): {@code 1200}, {@code 1200万美元}, {@code 1.5亿美元}.
 * </ul>
 *
 * A blank input clears the target. Anything else is a {@link Result#problem()}: a message key taking the indicator's
 * name as {0} and the typed text as {1}.
 */
public final class TargetInput {

    /** How an indicator's target is read: by its unit. */
    public enum Kind {
        AMOUNT,
        USD,
        COUNT,
        RATE
    }

    /** The unit a bare amount is read in, chosen beside the input. */
    public enum AmountUnit {
        WAN,
        YI
    }

    /**
     * The value to store ({@code null} with {@code blank} to clear it), or the message key of the problem.
     *
     * @param text what was typed, kept to show it again
     */
    public record Result(
            @Nullable BigDecimal value, @Nullable String problem, boolean blank, String text) {

        public boolean ok() {
            return problem == null;
        }
    }

    /** The largest whole part a target holds (numeric(16, 2)). */
    private static final int MAX_DIGITS = 14;

    private static final BigDecimal TEN_THOUSAND = new BigDecimal(10000);
    private static final String NUMBER = "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)";
    private static final Pattern AMOUNT = Pattern.compile(NUMBER + "(万元|万|亿元|亿)?");
    private static final Pattern USD = Pattern.compile(NUMBER + "(万美元|亿美元)?");
    private static final Pattern COUNT = Pattern.compile(NUMBER + "(个|项|次|人次|人|家|批|场|期|名|所|处|件|条|份)?");
    private static final Pattern RATE = Pattern.compile(NUMBER + "(%)?");

    private TargetInput() {}

    public static Kind kindOf(Indicator.Unit unit) {
        // by name: the catalogue's units grow (USD), the reading of the known ones does not change
        switch (unit.name()) {
            case "WAN":
                return Kind.AMOUNT;
            case "USD":
                return Kind.USD;
            case "RATE":
                return Kind.RATE;
            default:
                return Kind.COUNT;
        }
    }

    public static Result parse(@Nullable String typed, Kind kind, AmountUnit unit) {
        String text = typed == null ? "" : typed;
        String s = normalise(text);
        if (s.isEmpty()) {
            return new Result(null, null, true, text);
        }
        String problem = problemKey(kind);
        boolean negative = s.startsWith("-");
        Matcher m = pattern(kind).matcher(negative ? s.substring(1) : s);
        if (!m.matches()) {
            return error(problem, text);
        }
        if (negative) {
            return error("targets.input.negative", text);
        }
        BigDecimal number = new BigDecimal(m.group(1).replace(",", ""));
        String suffix = m.group(2);
        BigDecimal value;
        switch (kind) {
            case AMOUNT:
                boolean yi = suffix == null ? unit == AmountUnit.YI : suffix.startsWith("亿");
                value = yi ? number.multiply(TEN_THOUSAND) : number;
                if (decimals(value) > 2) {
                    return error("targets.input.decimals", text);
                }
                break;
            case USD:
                value = "亿美元".equals(suffix) ? number.multiply(TEN_THOUSAND) : number;
                if (decimals(value) > 2) {
                    return error("targets.input.decimals", text);
                }
                break;
            case COUNT:
                if (decimals(number) > 0) {
                    return error("targets.input.whole", text);
                }
                value = number.setScale(0);
                return wholePart(value) > MAX_DIGITS ? error("targets.input.tooLarge", text) : ok(value, text);
            default: // RATE
                value = suffix != null || number.compareTo(BigDecimal.ONE) > 0 ? number.movePointLeft(2) : number;
                if (value.compareTo(BigDecimal.ONE) > 0) {
                    return error("targets.input.rateRange", text);
                }
                if (decimals(value) > 2) {
                    return error("targets.input.ratePrecision", text);
                }
                break;
        }
        value = value.setScale(2);
        return wholePart(value) > MAX_DIGITS ? error("targets.input.tooLarge", text) : ok(value, text);
    }

    /** A stored value as it is typed in the chosen unit (empty for none): {@code 10196000.00} in 亿元 is "1019.6". */
    public static String format(@Nullable BigDecimal value, Kind kind, AmountUnit unit) {
        if (value == null) {
            return "";
        }
        BigDecimal shown;
        switch (kind) {
            case AMOUNT:
                shown = unit == AmountUnit.YI ? value.movePointLeft(4) : value;
                break;
            case RATE:
                return plain(value.movePointRight(2)) + "%";
            default:
                shown = value;
        }
        return plain(shown);
    }

    /** The unit an amount input opens in: 亿元 from one 亿 up, 万元 below it and for no target. */
    public static AmountUnit unitFor(@Nullable BigDecimal value) {
        return value != null && value.compareTo(TEN_THOUSAND) >= 0 ? AmountUnit.YI : AmountUnit.WAN;
    }

    /**
     * The months of {@code year} its progress covers (1-N月): all twelve for a year before the latest month with
     * data, up to that month in its year; for a later year without data, up to the calendar month in the current
     * year, all of a past one, none of one not begun.
     */
    public static int monthsCovered(int year, YearMonth latest, YearMonth now) {
        if (year < latest.getYear()) {
            return 12;
        }
        if (year == latest.getYear()) {
            return latest.getMonthValue();
        }
        if (year < now.getYear()) {
            return 12;
        }
        return year == now.getYear() ? now.getMonthValue() : 0;
    }

    /** Full-width digits, letters and punctuation as half-width; every kind of white space dropped. */
    static String normalise(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            }
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Pattern pattern(Kind kind) {
        switch (kind) {
            case AMOUNT:
                return AMOUNT;
            case USD:
                return USD;
            case COUNT:
                return COUNT;
            default:
                return RATE;
        }
    }

    private static String problemKey(Kind kind) {
        switch (kind) {
            case AMOUNT:
                return "targets.input.amount";
            case USD:
                return "targets.input.usd";
            case COUNT:
                return "targets.input.count";
            default:
                return "targets.input.rate";
        }
    }

    private static int decimals(BigDecimal v) {
        return Math.max(0, v.stripTrailingZeros().scale());
    }

    private static int wholePart(BigDecimal v) {
        return v.precision() - v.scale();
    }

    private static String plain(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }

    private static Result ok(BigDecimal value, String text) {
        return new Result(value, null, false, text);
    }

    private static Result error(String key, String text) {
        return new Result(null, key, false, text);
    }
}
