package cn.yinfeng.commitments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Whether a contract's promise was kept: plain Java, the one place the rule is written.
 * <ul>
 *   <li>Fixed-asset investment (固定资产投资) is cumulative: the actuals of every year up to the due date's year
 *       against the amount promised by then.</li>
 *   <li>Output (产值), tax (税收) and jobs (就业) are yearly: the due year's actual against the promise.</li>
 *   <li>Start (开工) and production (投产) are dates: the day the project reached that stage against the due date.</li>
 * </ul>
 * Met by the due date is 已履约; met only in a later year (or on a later day) is 逾期履约; a yearly figure not reported
 * for a year that has ended is 未报送 — never counted as met; below the promise once due is 未达约定, short by the
 * difference and its share; not due yet is 履约期内 with the progress so far.
 */
public final class CommitmentRule {

    public enum Kind {
        INVESTMENT(true, true),
        OUTPUT(true, false),
        TAX(true, false),
        JOBS(true, false),
        START(false, false),
        PRODUCTION(false, false);

        private final boolean amount;
        private final boolean cumulative;

        Kind(boolean amount, boolean cumulative) {
            this.amount = amount;
            this.cumulative = cumulative;
        }

        /** Promised as an amount (万元, or persons for jobs); the others are a date. */
        public boolean hasAmount() {
            return amount;
        }

        /** Counted as the sum of the years up to the due date (investment), not the due year alone. */
        public boolean cumulative() {
            return cumulative;
        }

        /** Counted in whole persons, not 万元. */
        public boolean whole() {
            return this == JOBS;
        }
    }

    public enum Status {
        /** Below the promise once due. */
        SHORT,
        /** A yearly figure for a year that has ended, not reported. */
        UNREPORTED,
        /** Met, but after the due date. */
        MET_LATE,
        /** Not due yet. */
        PENDING,
        /** Met by the due date. */
        MET;

        /** Due and not met on time (the red list's). */
        public boolean behind() {
            return this == SHORT || this == UNREPORTED;
        }

        /** Counted as kept in the 履约率. */
        public boolean kept() {
            return this == MET || this == MET_LATE;
        }
    }

    /**
     * A commitment read on a day: its status, the figure counted (null for a date kind, or when nothing is
     * reported), by how much and what share it is short (0 unless short, unreported or pending; always 0 for a date
     * kind, whose shortfall is its days late), the days late (a date kind reached late, or not reached and past due)
     * and the day reached (date kinds).
     */
    public record Reading(
            Status status,
            @Nullable BigDecimal actual,
            BigDecimal shortBy,
            BigDecimal shortShare,
            int daysLate,
            @Nullable LocalDate reachedOn) {}

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CommitmentRule() {}

    /**
     * @param actuals the project's actuals of this kind by year
     * @param reachedOn for START and PRODUCTION, the day the project reached that stage
     */
    public static Reading read(
            Kind kind,
            LocalDate dueOn,
            @Nullable BigDecimal promised,
            Map<Integer, BigDecimal> actuals,
            @Nullable LocalDate reachedOn,
            LocalDate today) {
        boolean due = today.isAfter(dueOn);
        if (!kind.hasAmount()) {
            if (reachedOn != null) {
                int late = (int) Math.max(0, ChronoUnit.DAYS.between(dueOn, reachedOn));
                return new Reading(
                        late > 0 ? Status.MET_LATE : Status.MET,
                        null,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        late,
                        reachedOn);
            }
            return due
                    ? new Reading(
                            Status.SHORT,
                            null,
                            BigDecimal.ZERO,
                            BigDecimal.ZERO,
                            (int) ChronoUnit.DAYS.between(dueOn, today),
                            null)
                    : new Reading(Status.PENDING, null, BigDecimal.ZERO, BigDecimal.ZERO, 0, null);
        }
        BigDecimal promise = promised == null ? BigDecimal.ZERO : promised;
        int dueYear = dueOn.getYear();
        BigDecimal byDue;
        boolean reported;
        if (kind.cumulative()) {
            byDue = sum(actuals, Integer.MIN_VALUE, dueYear);
            reported = actuals.keySet().stream().anyMatch(y -> y <= dueYear);
        } else {
            byDue = actuals.get(dueYear);
            reported = byDue != null;
        }
        if (reported && byDue.compareTo(promise) >= 0) {
            return new Reading(Status.MET, byDue, BigDecimal.ZERO, BigDecimal.ZERO, 0, null);
        }
        if (metLater(kind, actuals, dueYear, promise)) {
            return new Reading(Status.MET_LATE, byDue, BigDecimal.ZERO, BigDecimal.ZERO, 0, null);
        }
        if (!due) {
            BigDecimal so = reported ? byDue : BigDecimal.ZERO;
            return new Reading(
                    Status.PENDING,
                    reported ? byDue : null,
                    promise.subtract(so),
                    share(promise.subtract(so), promise),
                    0,
                    null);
        }
        if (!reported) {
            return new Reading(Status.UNREPORTED, null, promise, HUNDRED, 0, null);
        }
        BigDecimal gap = promise.subtract(byDue);
        return new Reading(Status.SHORT, byDue, gap, share(gap, promise), 0, null);
    }

    private static boolean metLater(Kind kind, Map<Integer, BigDecimal> actuals, int dueYear, BigDecimal promise) {
        if (kind.cumulative()) {
            return actuals.keySet().stream().anyMatch(y -> y > dueYear)
                    && sum(actuals, Integer.MIN_VALUE, Integer.MAX_VALUE).compareTo(promise) >= 0;
        }
        return actuals.entrySet().stream()
                .anyMatch(e -> e.getKey() > dueYear && e.getValue().compareTo(promise) >= 0);
    }

    private static BigDecimal sum(Map<Integer, BigDecimal> actuals, int from, int to) {
        return actuals.entrySet().stream()
                .filter(e -> e.getKey() >= from && e.getKey() <= to)
                .map(Map.Entry::getValue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** {@code part} as a percentage of {@code whole}, one decimal. */
    static BigDecimal share(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? BigDecimal.ZERO : part.multiply(HUNDRED).divide(whole, 1, RoundingMode.HALF_UP);
    }
}
