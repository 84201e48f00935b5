package cn.yinfeng.projects;

import cn.yinfeng.common.InvalidInputException.Problem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The lifecycle rules in one place, plain Java: no stage is skipped, every dated stage up to the current one has
 * its date, dates follow the stage order and none lies in the future.
 */
public final class Lifecycle {

    /** No project stage is dated before this year (a "0/1/1" typed into a sheet is a field error). */
    static final int EARLIEST_YEAR = 1900;

    private Lifecycle() {}

    /** Problems with moving a project at {@code current} (with {@code dates}) forward to {@code target} on {@code on}. */
    public static List<Problem> checkAdvance(
            Stage current, StageDates dates, Stage target, LocalDate on, LocalDate today) {
        var problems = new ArrayList<Problem>();
        if (!current.onMainLine()) {
            problems.add(new Problem("stage", "stage.notActive"));
            return problems;
        }
        if (!target.onMainLine() || target.order() <= current.order()) {
            problems.add(new Problem("stage", "stage.notForward"));
            return problems;
        }
        if (target.order() > current.order() + 1) {
            // name the first stage that would be skipped, e.g. 签约 when moving from 洽谈 to 开工
            problems.add(new Problem("stage", "stage.skipped", current.next()));
            return problems;
        }
        problems.addAll(checkDate("date", on, today));
        if (on != null && target.dated()) {
            LocalDate previous = lastDateBefore(target, dates);
            if (previous != null && on.isBefore(previous)) {
                problems.add(new Problem("date", "stage.dateBeforePrevious", previous.toString()));
            }
        }
        return problems;
    }

    /** Problems with a project entered directly at {@code stage} with {@code dates} (forms and imports). */
    public static List<Problem> checkState(Stage stage, StageDates dates, LocalDate today) {
        var problems = new ArrayList<Problem>();
        Stage line = stage.onMainLine() ? stage : Stage.RESERVE;
        LocalDate previous = null;
        for (Stage s : Stage.datedStages()) {
            LocalDate d = dates.of(s);
            String field = fieldOf(s);
            if (s.order() <= line.order() && stage.onMainLine()) {
                if (d == null) {
                    problems.add(new Problem(field, "stage.dateMissing", s));
                    continue;
                }
            } else if (d != null && stage.onMainLine()) {
                problems.add(new Problem(field, "stage.dateAhead", s));
                continue;
            }
            if (d != null) {
                problems.addAll(checkDate(field, d, today));
                if (previous != null && d.isBefore(previous)) {
                    problems.add(new Problem(field, "stage.dateBeforePrevious", previous.toString()));
                }
                previous = d;
            }
        }
        return problems;
    }

    static String fieldOf(Stage s) {
        return switch (s) {
            case SIGNED -> "signedOn";
            case REGISTERED -> "registeredOn";
            case STARTED -> "startedOn";
            case PRODUCING -> "producingOn";
            case FULL_PRODUCTION -> "fullProductionOn";
            default -> "stage";
        };
    }

    private static List<Problem> checkDate(String field, LocalDate on, LocalDate today) {
        if (on == null) {
            return List.of(new Problem(field, "validation.required"));
        }
        if (on.isAfter(today)) {
            return List.of(new Problem(field, "stage.dateFuture"));
        }
        if (on.getYear() < EARLIEST_YEAR) {
            return List.of(new Problem(field, "stage.dateTooEarly", String.valueOf(EARLIEST_YEAR)));
        }
        return List.of();
    }

    private static LocalDate lastDateBefore(Stage target, StageDates dates) {
        LocalDate last = null;
        for (Stage s : Stage.datedStages()) {
            if (s.order() < target.order() && dates.of(s) != null) {
                last = dates.of(s);
            }
        }
        return last;
    }
}
