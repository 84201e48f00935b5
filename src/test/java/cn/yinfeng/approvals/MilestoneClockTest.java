package cn.yinfeng.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.approvals.MilestoneClock.Basis;
import cn.yinfeng.approvals.MilestoneClock.Status;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MilestoneClockTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    @Test
    void accepted_step_is_due_its_limit_in_calendar_days_after_acceptance() {
        var r = MilestoneClock.read(20, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 11, 30), null, TODAY);

        assertThat(r.deadline()).isEqualTo(LocalDate.of(2026, 12, 20));
        assertThat(r.basis()).isEqualTo(Basis.LIMIT);
        assertThat(r.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(r.daysOver()).isZero();
    }

    @Test
    void step_not_accepted_is_due_on_its_planned_date() {
        var r = MilestoneClock.read(20, LocalDate.of(2026, 12, 31), null, null, TODAY);

        assertThat(r.deadline()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(r.basis()).isEqualTo(Basis.PLAN);
        assertThat(r.status()).isEqualTo(Status.PLANNED);
    }

    @Test
    void the_day_of_the_deadline_is_still_in_time_and_the_next_is_overdue() {
        LocalDate started = TODAY.minusDays(30);

        assertThat(MilestoneClock.read(30, null, started, null, TODAY).status()).isEqualTo(Status.DUE_SOON);
        var next = MilestoneClock.read(30, null, started, null, TODAY.plusDays(1));
        assertThat(next.status()).isEqualTo(Status.OVERDUE);
        assertThat(next.daysOver()).isEqualTo(1);
    }

    @Test
    void past_the_planned_date_without_acceptance_is_overdue_by_the_plan() {
        var r = MilestoneClock.read(60, TODAY.minusDays(12), null, null, TODAY);

        assertThat(r.status()).isEqualTo(Status.OVERDUE);
        assertThat(r.basis()).isEqualTo(Basis.PLAN);
        assertThat(r.daysOver()).isEqualTo(12);
    }

    @Test
    void acceptance_replaces_the_plan_as_the_deadline() {
        // planned for last week, accepted yesterday with a 15-day limit: in time again
        var r = MilestoneClock.read(15, TODAY.minusDays(7), TODAY.minusDays(1), null, TODAY);

        assertThat(r.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(r.deadline()).isEqualTo(TODAY.plusDays(14));
    }

    @Test
    void due_within_three_days_is_due_soon_and_four_is_not() {
        assertThat(MilestoneClock.read(10, TODAY.plusDays(3), null, null, TODAY).status())
                .isEqualTo(Status.DUE_SOON);
        assertThat(MilestoneClock.read(10, TODAY.plusDays(4), null, null, TODAY).status())
                .isEqualTo(Status.PLANNED);
    }

    @Test
    void done_after_the_deadline_is_late_by_the_days_between_and_took_its_days() {
        LocalDate started = LocalDate.of(2026, 3, 1);
        var r = MilestoneClock.read(30, null, started, LocalDate.of(2026, 4, 10), TODAY);

        assertThat(r.status()).isEqualTo(Status.DONE_LATE);
        assertThat(r.deadline()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(r.daysOver()).isEqualTo(10);
        assertThat(r.daysTaken()).isEqualTo(40);
        assertThat(r.status().late()).isTrue();
        assertThat(r.status().done()).isTrue();
    }

    @Test
    void done_on_the_deadline_is_on_time_however_late_today_is() {
        LocalDate started = LocalDate.of(2026, 3, 1);
        var r = MilestoneClock.read(30, null, started, LocalDate.of(2026, 3, 31), TODAY);

        assertThat(r.status()).isEqualTo(Status.DONE);
        assertThat(r.daysOver()).isZero();
        assertThat(r.daysTaken()).isEqualTo(30);
    }

    @Test
    void done_without_acceptance_recorded_is_judged_by_the_plan_and_has_no_days_taken() {
        var r = MilestoneClock.read(30, LocalDate.of(2026, 5, 1), null, LocalDate.of(2026, 5, 3), TODAY);

        assertThat(r.status()).isEqualTo(Status.DONE_LATE);
        assertThat(r.daysOver()).isEqualTo(2);
        assertThat(r.daysTaken()).isNull();
    }
}
