package cn.yinfeng.common;

import cn.yinfeng.common.InvalidInputException.Problem;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Dates as clerks type them into a form: 2026-12-01, 2026/12/1, 2026.12.1 or 2026年12月1日. Plain Java, tested alone.
 */
public final class TypedDates {

    private static final Pattern DATE =
            Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");

    private TypedDates() {}

    /** The date typed, or null when blank; a problem under {@code field} when it is not a date. */
    public static @Nullable LocalDate parse(@Nullable String typed, String field, List<Problem> problems) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        var m = DATE.matcher(typed.trim());
        if (m.matches()) {
            try {
                return LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } catch (DateTimeException e) {
                // 2026-02-30: a date's shape but no such day
            }
        }
        problems.add(new Problem(field, "validation.dateFormat", typed.trim()));
        return null;
    }
}
