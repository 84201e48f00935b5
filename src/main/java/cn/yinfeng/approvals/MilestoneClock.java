package cn.yinfeng.approvals;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * When an approval step is due and whether it kept its time: plain Java, the one place the rule is written, with
 * {@link #DEADLINE_SQL} and {@link #statusSql} its SQL twins for lists and counts.
 * <p>
 * A step accepted by its unit (受理) is due its time limit in calendar days later; a step not yet accepted is due on
 * its planned date. Done on or before the deadline is on time; done after it is late by the days between. Not done
 * and past the deadline is overdue; due within {@link #SOON_DAYS} days is due soon.
 */
public final class MilestoneClock {

    /** How many days before its deadline a step counts as due soon. */
    public static final int SOON_DAYS = 3;

    /** The deadline of a milestone row aliased {@code m}. */
    public static final String DEADLINE_SQL = "coalesce(m.started_on + m.limit_days, m.planned_on)";

    public enum Status {
        /** Not done and past its deadline. */
        OVERDUE,
        /** Not done, due within {@link #SOON_DAYS} days. */
        DUE_SOON,
        /** Accepted by its unit, within its limit. */
        IN_PROGRESS,
        /** Not accepted yet, its planned date ahead. */
        PLANNED,
        /** Done after its deadline. */
        DONE_LATE,
        /** Done on time. */
        DONE;

        public boolean done() {
            return this == DONE || this == DONE_LATE;
        }

        public boolean late() {
            return this == OVERDUE || this == DONE_LATE;
        }
    }

    /** What the deadline is counted from: the time limit after acceptance, or the planned date. */
    public enum Basis {
        LIMIT,
        PLAN
    }

    /**
     * A milestone read on a day: its status, deadline and its basis, the days past the deadline (overdue today or
     * late when done; 0 otherwise) and the days it took from acceptance to done (null until both are known).
     */
    public record Reading(
            Status status,
            @Nullable LocalDate deadline,
            @Nullable Basis basis,
            int daysOver,
            @Nullable Integer daysTaken) {}

    private MilestoneClock() {}

    public static @Nullable LocalDate deadline(
            int limitDays, @Nullable LocalDate planned, @Nullable LocalDate started) {
        return started != null ? started.plusDays(limitDays) : planned;
    }

    public static Reading read(
            int limitDays,
            @Nullable LocalDate planned,
            @Nullable LocalDate started,
            @Nullable LocalDate done,
            LocalDate today) {
        LocalDate deadline = deadline(limitDays, planned, started);
        Basis basis = started != null ? Basis.LIMIT : planned != null ? Basis.PLAN : null;
        Integer taken = started != null && done != null ? (int) ChronoUnit.DAYS.between(started, done) : null;
        if (done != null) {
            if (deadline != null && done.isAfter(deadline)) {
                return new Reading(
                        Status.DONE_LATE, deadline, basis, (int) ChronoUnit.DAYS.between(deadline, done), taken);
            }
            return new Reading(Status.DONE, deadline, basis, 0, taken);
        }
        if (deadline == null) {
            return new Reading(Status.PLANNED, null, null, 0, null);
        }
        if (today.isAfter(deadline)) {
            return new Reading(Status.OVERDUE, deadline, basis, (int) ChronoUnit.DAYS.between(deadline, today), null);
        }
        if (!deadline.isAfter(today.plusDays(SOON_DAYS))) {
            return new Reading(Status.DUE_SOON, deadline, basis, 0, null);
        }
        return new Reading(started != null ? Status.IN_PROGRESS : Status.PLANNED, deadline, basis, 0, null);
    }

    /** The condition that a milestone row {@code m} has this status on {@code :today}, as {@link #read} decides. */
    public static String statusSql(Status status) {
        String d = DEADLINE_SQL;
        return switch (status) {
            case OVERDUE -> "(m.done_on is null and " + d + " < :today)";
            case DUE_SOON -> "(m.done_on is null and " + d + " >= :today and " + d + " <= :today + " + SOON_DAYS + ")";
            case IN_PROGRESS ->
                "(m.done_on is null and m.started_on is not null and " + d + " > :today + " + SOON_DAYS + ")";
            case PLANNED ->
                "(m.done_on is null and m.started_on is null and (" + d + " is null or " + d + " > :today + "
                        + SOON_DAYS + "))";
            case DONE_LATE -> "(m.done_on is not null and m.done_on > " + d + ")";
            case DONE -> "(m.done_on is not null and (" + d + " is null or m.done_on <= " + d + "))";
        };
    }
}
