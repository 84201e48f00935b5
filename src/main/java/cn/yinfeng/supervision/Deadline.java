package cn.yinfeng.supervision;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A deadline from a rule: the day something began plus the days the rule allows. Plain arithmetic, no Spring: the
 * stage rule warns once more days than allowed have passed, so the last day still in time is {@code due}.
 *
 * @param since the day the stage was entered (or the submission made)
 * @param days the days the rule allows
 * @param due {@code since + days}: the last day in time
 * @param daysLeft days from today to {@code due}; negative once overdue
 */
public record Deadline(LocalDate since, int days, LocalDate due, long daysLeft) {

    public static Deadline of(LocalDate since, int days, LocalDate today) {
        LocalDate due = since.plusDays(days);
        return new Deadline(since, days, due, ChronoUnit.DAYS.between(today, due));
    }

    public boolean overdue() {
        return daysLeft < 0;
    }

    /** How many days past due, 0 while in time. */
    public long daysOver() {
        return overdue() ? -daysLeft : 0;
    }

    /** Due within {@code window} days from today and not yet past. */
    public boolean dueWithin(int window) {
        return daysLeft >= 0 && daysLeft <= window;
    }
}
