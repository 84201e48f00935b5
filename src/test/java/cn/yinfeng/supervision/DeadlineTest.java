package cn.yinfeng.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.common.InvalidInputException.Problem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deadline arithmetic and the checks of a rule's numbers, in plain Java. */
class DeadlineTest {

    private static final LocalDate ENTERED = LocalDate.of(2030, 3, 1);

    @Test
    void aStageEnteredTenDaysAgoWithFortyFiveDaysHasThirtyFiveLeft() {
        Deadline d = Deadline.of(ENTERED, 45, ENTERED.plusDays(10));
        assertThat(d.due()).isEqualTo(LocalDate.of(2030, 4, 15));
        assertThat(d.daysLeft()).isEqualTo(35);
        assertThat(d.overdue()).isFalse();
        assertThat(d.daysOver()).isZero();
        assertThat(d.dueWithin(7)).isFalse();
    }

    @Test
    void theLastDayIsStillInTimeAndTheNextIsOverdueAsTheWarningRuleCounts() {
        // the stage rule warns when more days than allowed have passed: day 45 is in time, day 46 is not
        assertThat(Deadline.of(ENTERED, 45, ENTERED.plusDays(45)).overdue()).isFalse();
        assertThat(Deadline.of(ENTERED, 45, ENTERED.plusDays(45)).dueWithin(7)).isTrue();
        Deadline late = Deadline.of(ENTERED, 45, ENTERED.plusDays(48));
        assertThat(late.overdue()).isTrue();
        assertThat(late.daysOver()).isEqualTo(3);
        assertThat(late.dueWithin(7)).isFalse();
    }

    @Test
    void everyBadNumberIsNamedAtOnceAndTheGoodOnesAreParsed() {
        var problems = new ArrayList<Problem>();
        var parsed = RuleNumbers.parse(
                "STAGE_STALLED",
                Map.of(
                        "param_RESERVE", "180",
                        "param_NEGOTIATING", "-5",
                        "param_SIGNED", "",
                        "param_REGISTERED", "9.5",
                        "param_STARTED", "abc",
                        "param_redFactor", "2"),
                problems);
        assertThat(problems)
                .extracting(Problem::field)
                .containsExactly("param_NEGOTIATING", "param_SIGNED", "param_REGISTERED", "param_STARTED");
        assertThat(problems)
                .extracting(Problem::messageKey)
                .containsExactly(
                        "warningRules.numberRange",
                        "warningRules.numberMissing",
                        "warningRules.numberWhole",
                        "warningRules.numberInvalid");
        assertThat(problems.get(0).args()[0]).isEqualTo("stage.NEGOTIATING");
        assertThat(parsed).containsEntry("RESERVE", BigDecimal.valueOf(180)).containsKey("redFactor");
    }

    @Test
    void aRedShareBelowTheYellowShareIsRefused() {
        var problems = new ArrayList<Problem>();
        RuleNumbers.parse(
                "FUNDS_BEHIND",
                Map.of("param_scheduleMonths", "24", "param_yellowShare", "0.5", "param_redShare", "0.2"),
                problems);
        assertThat(problems).extracting(Problem::field).containsExactly("param_redShare");
    }

    @Test
    void theNumbersReadInWordsForTheAuditLog() {
        assertThat(RuleNumbers.words("REVIEW_WAITING", Map.of("days", 3, "redFactor", 2.0), k -> k))
                .isEqualTo("warningRules.reviewDays=3, warningRules.redFactor=2");
    }
}
