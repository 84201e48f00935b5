package cn.yinfeng.activities;

import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.InvalidInputException.Problem;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters of a list of one kind of activity: a period of days (either bound may be open), a region subtree, a
 * leader (trips), a text, and a page. {@link #parse} reads them from request parameters; a value it cannot read is
 * a problem on that parameter, so the 400 names it.
 */
public record ActivityQuery(LocalDate from, LocalDate to, Long regionId, Long leaderId, String q, int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    /**
     * {@code month} ({@code 2024-01}) is a shortcut for its first and last day, instead of {@code from}/{@code to}
     * ({@code 2024-01-31}).
     */
    static ActivityQuery parse(
            String from,
            String to,
            String month,
            String regionId,
            String leaderId,
            String q,
            String page,
            String size) {
        var problems = new ArrayList<Problem>();
        LocalDate start = day(problems, "from", from);
        LocalDate end = day(problems, "to", to);
        YearMonth ym = month(problems, month);
        if (ym != null && (present(from) || present(to))) {
            problems.add(new Problem("month", "activity.list.monthOrDays"));
        } else if (ym != null) {
            start = ym.atDay(1);
            end = ym.atEndOfMonth();
        }
        if (start != null && end != null && start.isAfter(end)) {
            problems.add(new Problem("from", "activity.list.order"));
        }
        Long region = whole(problems, "regionId", regionId);
        Long leader = whole(problems, "leaderId", leaderId);
        Long pageNo = whole(problems, "page", page);
        Long pageSize = whole(problems, "size", size);
        if (pageSize != null && (pageSize < 1 || pageSize > MAX_SIZE)) {
            problems.add(new Problem("size", "activity.list.size", MAX_SIZE));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new ActivityQuery(
                start,
                end,
                region,
                leader,
                present(q) ? q.trim() : null,
                pageNo == null ? 0 : Math.toIntExact(pageNo),
                pageSize == null ? DEFAULT_SIZE : Math.toIntExact(pageSize));
    }

    private static LocalDate day(List<Problem> problems, String name, String value) {
        if (!present(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            problems.add(new Problem(name, "activity.list.day"));
            return null;
        }
    }

    private static YearMonth month(List<Problem> problems, String value) {
        if (!present(value)) {
            return null;
        }
        try {
            return YearMonth.parse(value.trim());
        } catch (DateTimeParseException e) {
            problems.add(new Problem("month", "activity.list.month"));
            return null;
        }
    }

    /** A whole number not below zero (ids, page numbers); more than nine digits is not one we hand out. */
    private static Long whole(List<Problem> problems, String name, String value) {
        if (!present(value)) {
            return null;
        }
        String v = value.trim();
        if (!v.matches("\\d{1,9}")) {
            problems.add(new Problem(name, "activity.list.whole"));
            return null;
        }
        return Long.parseLong(v);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
