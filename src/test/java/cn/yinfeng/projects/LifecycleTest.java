package cn.yinfeng.projects;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.common.InvalidInputException.Problem;
import java.time.LocalDate;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The lifecycle rules, without Spring. */
class LifecycleTest {

    static final LocalDate TODAY = LocalDate.of(2024, 11, 1);
    static final StageDates SIGNED = new StageDates(LocalDate.of(2024, 3, 1), null, null, null, null);

    @Test
    void advancesOneStageWithADate() {
        assertThat(Lifecycle.checkAdvance(
                        Stage.NEGOTIATING, StageDates.NONE, Stage.SIGNED, LocalDate.of(2024, 3, 1), TODAY))
                .isEmpty();
        assertThat(Lifecycle.checkAdvance(Stage.SIGNED, SIGNED, Stage.REGISTERED, LocalDate.of(2024, 3, 1), TODAY))
                .as("same day as the previous stage is fine")
                .isEmpty();
    }

    @Test
    void startingWithoutASigningIsAnErrorNamingTheMissingStage() {
        var problems = Lifecycle.checkAdvance(
                Stage.NEGOTIATING, StageDates.NONE, Stage.STARTED, LocalDate.of(2024, 5, 1), TODAY);
        assertThat(problems).extracting(Problem::messageKey).containsExactly("stage.skipped");
        assertThat(problems.get(0).args()).containsExactly(Stage.SIGNED);
    }

    @Test
    void futureDatesAndDatesBeforeThePreviousStageAreRefused() {
        assertThat(Lifecycle.checkAdvance(Stage.NEGOTIATING, StageDates.NONE, Stage.SIGNED, TODAY.plusDays(1), TODAY))
                .extracting(Problem::messageKey)
                .containsExactly("stage.dateFuture");
        assertThat(Lifecycle.checkAdvance(Stage.SIGNED, SIGNED, Stage.REGISTERED, LocalDate.of(2024, 2, 28), TODAY))
                .extracting(Problem::messageKey)
                .containsExactly("stage.dateBeforePrevious");
        assertThat(Lifecycle.checkAdvance(Stage.NEGOTIATING, StageDates.NONE, Stage.SIGNED, null, TODAY))
                .extracting(Problem::messageKey)
                .containsExactly("validation.required");
    }

    @Test
    void noBackwardsOrSideStepsThroughAdvance() {
        assertThat(Lifecycle.checkAdvance(Stage.STARTED, SIGNED, Stage.SIGNED, TODAY, TODAY))
                .extracting(Problem::messageKey)
                .containsExactly("stage.notForward");
        assertThat(Lifecycle.checkAdvance(Stage.SUSPENDED, SIGNED, Stage.STARTED, TODAY, TODAY))
                .extracting(Problem::messageKey)
                .containsExactly("stage.notActive");
    }

    @Test
    void enteringAProjectAtAStageNeedsEveryEarlierDateInOrder() {
        var started = new StageDates(
                LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 20), LocalDate.of(2024, 5, 1), null, null);
        assertThat(Lifecycle.checkState(Stage.STARTED, started, TODAY)).isEmpty();
        var noSigning = new StageDates(null, LocalDate.of(2024, 3, 20), LocalDate.of(2024, 5, 1), null, null);
        assertThat(Lifecycle.checkState(Stage.STARTED, noSigning, TODAY))
                .extracting(Problem::field, Problem::messageKey)
                .containsExactly(Tuple.tuple("signedOn", "stage.dateMissing"));
        var reversed = new StageDates(
                LocalDate.of(2024, 6, 1), LocalDate.of(2024, 3, 20), LocalDate.of(2024, 7, 1), null, null);
        assertThat(Lifecycle.checkState(Stage.STARTED, reversed, TODAY))
                .extracting(Problem::messageKey)
                .containsExactly("stage.dateBeforePrevious");
        assertThat(Lifecycle.checkState(Stage.NEGOTIATING, SIGNED, TODAY))
                .extracting(Problem::messageKey)
                .containsExactly("stage.dateAhead");
        assertThat(Lifecycle.checkState(Stage.RESERVE, StageDates.NONE, TODAY)).isEmpty();
    }

    @Test
    void stagesKnowTheirOrder() {
        assertThat(Stage.NEGOTIATING.next()).isEqualTo(Stage.SIGNED);
        assertThat(Stage.FULL_PRODUCTION.next()).isNull();
        assertThat(Stage.SUSPENDED.next()).isNull();
        assertThat(Stage.datedStages())
                .containsExactly(Stage.SIGNED, Stage.REGISTERED, Stage.STARTED, Stage.PRODUCING, Stage.FULL_PRODUCTION);
    }
}
