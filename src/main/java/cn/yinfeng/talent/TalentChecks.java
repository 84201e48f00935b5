package cn.yinfeng.talent;

import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/** The checks and small conversions every talent record's form shares. */
final class TalentChecks {

    private TalentChecks() {}

    static void required(List<Problem> problems, String field, String value) {
        if (blank(value)) {
            problems.add(new Problem(field, "validation.required"));
        }
    }

    static void required(List<Problem> problems, String field, Object value) {
        if (value == null) {
            problems.add(new Problem(field, "validation.required"));
        }
    }

    /** Required, and not after today (a signing, a founding, an arrival). */
    static void notFuture(List<Problem> problems, String field, LocalDate value, LocalDate today, String key) {
        if (value == null) {
            problems.add(new Problem(field, "validation.required"));
        } else if (value.isAfter(today)) {
            problems.add(new Problem(field, key));
        }
    }

    static void notNegative(List<Problem> problems, String field, Integer value) {
        if (value != null && value < 0) {
            problems.add(new Problem(field, "validation.notNegative"));
        }
    }

    /** A start and an end date, both required, the end not before the start. */
    static void dates(List<Problem> problems, LocalDate start, LocalDate end) {
        if (start == null) {
            problems.add(new Problem("startDate", "validation.required"));
        }
        if (end == null) {
            problems.add(new Problem("endDate", "validation.required"));
        }
        if (start != null && end != null && end.isBefore(start)) {
            problems.add(new Problem("endDate", "talent.endBeforeStart"));
        }
    }

    /** All the problems of a form at once, under their fields. */
    static void throwIfAny(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** Names as clerks list them: one a line, or separated by commas, 、 or semicolons; each once. */
    static long version(Long v) {
        return v == null ? -1 : v;
    }

    static int zero(Integer v) {
        return v == null ? 0 : v;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String trim(String s) {
        return blank(s) ? null : s.trim();
    }

    static LocalDate date(ResultSet rs, String col) throws SQLException {
        return rs.getObject(col, LocalDate.class);
    }
}
