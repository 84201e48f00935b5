package cn.yinfeng.stats;

import cn.yinfeng.common.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The rule version a figure is computed under: the one in force today, the one in force at the period's end (the
 * then-valid rules), or a version by number.
 */
public record RuleBasis(Kind kind, int version) {

    public enum Kind {
        CURRENT,
        PERIOD,
        VERSION
    }

    public static final RuleBasis CURRENT = new RuleBasis(Kind.CURRENT, 0);
    public static final RuleBasis PERIOD = new RuleBasis(Kind.PERIOD, 0);

    public static RuleBasis version(int version) {
        return new RuleBasis(Kind.VERSION, version);
    }

    /** From a request parameter: {@code current} (or none), {@code period}, or a version number. */
    public static RuleBasis parse(@Nullable String raw) {
        if (raw == null || raw.isBlank() || raw.equalsIgnoreCase("current")) {
            return CURRENT;
        }
        if (raw.equalsIgnoreCase("period")) {
            return PERIOD;
        }
        try {
            return version(Integer.parseInt(raw.trim()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("rules", "stats.rules.invalid");
        }
    }
}
