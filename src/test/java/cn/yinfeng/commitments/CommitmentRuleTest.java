package cn.yinfeng.commitments;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.commitments.CommitmentRule.Kind;
import cn.yinfeng.commitments.CommitmentRule.Status;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitmentRuleTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    private static BigDecimal wan(String s) {
        return new BigDecimal(s);
    }

    @Test
    void investment_counts_every_year_up_to_the_due_year() {
        var r = CommitmentRule.read(
                Kind.INVESTMENT,
                LocalDate.of(2025, 12, 31),
                wan("50000"),
                Map.of(2024, wan("20000.50"), 2025, wan("29999.50")),
                null,
                TODAY);

        assertThat(r.status()).isEqualTo(Status.MET);
        assertThat(r.actual()).isEqualByComparingTo("50000.00");
    }

    @Test
    void investment_short_once_due_by_the_difference_and_its_share() {
        var r = CommitmentRule.read(
                Kind.INVESTMENT,
                LocalDate.of(2025, 12, 31),
                wan("50000"),
                Map.of(2024, wan("12000"), 2025, wan("18000")),
                null,
                TODAY);

        assertThat(r.status()).isEqualTo(Status.SHORT);
        assertThat(r.shortBy()).isEqualByComparingTo("20000");
        assertThat(r.shortShare()).isEqualByComparingTo("40.0");
        assertThat(r.status().behind()).isTrue();
    }

    @Test
    void investment_reaching_the_promise_only_after_the_due_year_is_met_late() {
        var r = CommitmentRule.read(
                Kind.INVESTMENT,
                LocalDate.of(2025, 12, 31),
                wan("50000"),
                Map.of(2025, wan("30000"), 2026, wan("20000")),
                null,
                TODAY);

        assertThat(r.status()).isEqualTo(Status.MET_LATE);
        assertThat(r.status().kept()).isTrue();
    }

    @Test
    void a_yearly_figure_is_the_due_year_alone_not_a_sum() {
        // tax of 3,000 promised for 2025: 2,000 in 2024 and 1,500 in 2025 do not add up to it
        var r = CommitmentRule.read(
                Kind.TAX,
                LocalDate.of(2025, 12, 31),
                wan("3000"),
                Map.of(2024, wan("2000"), 2025, wan("1500")),
                null,
                TODAY);

        assertThat(r.status()).isEqualTo(Status.SHORT);
        assertThat(r.actual()).isEqualByComparingTo("1500");
        assertThat(r.shortShare()).isEqualByComparingTo("50.0");
    }

    @Test
    void a_yearly_figure_not_reported_for_an_ended_year_is_unreported_never_met() {
        var r = CommitmentRule.read(
                Kind.OUTPUT, LocalDate.of(2025, 12, 31), wan("80000"), Map.of(2024, wan("90000")), null, TODAY);

        assertThat(r.status()).isEqualTo(Status.UNREPORTED);
        assertThat(r.actual()).isNull();
        assertThat(r.status().kept()).isFalse();
        assertThat(r.status().behind()).isTrue();
    }

    @Test
    void not_due_yet_is_pending_with_what_is_left() {
        var r = CommitmentRule.read(
                Kind.JOBS, LocalDate.of(2027, 6, 30), wan("300"), Map.of(2027, wan("120")), null, TODAY);

        assertThat(r.status()).isEqualTo(Status.PENDING);
        assertThat(r.shortBy()).isEqualByComparingTo("180");
        assertThat(r.shortShare()).isEqualByComparingTo("60.0");
    }

    @Test
    void met_early_before_the_due_date_is_met() {
        var r = CommitmentRule.read(
                Kind.INVESTMENT, LocalDate.of(2027, 12, 31), wan("1000"), Map.of(2026, wan("1000")), null, TODAY);

        assertThat(r.status()).isEqualTo(Status.MET);
    }

    @Test
    void a_start_reached_after_its_date_is_met_late_by_the_days_between() {
        var r = CommitmentRule.read(
                Kind.START, LocalDate.of(2026, 3, 31), null, Map.of(), LocalDate.of(2026, 5, 10), TODAY);

        assertThat(r.status()).isEqualTo(Status.MET_LATE);
        assertThat(r.daysLate()).isEqualTo(40);
        assertThat(r.reachedOn()).isEqualTo(LocalDate.of(2026, 5, 10));
    }

    @Test
    void production_not_reached_past_its_date_is_short_by_the_days_since() {
        var r = CommitmentRule.read(Kind.PRODUCTION, LocalDate.of(2026, 11, 30), null, Map.of(), null, TODAY);

        assertThat(r.status()).isEqualTo(Status.SHORT);
        assertThat(r.daysLate()).isEqualTo(6);
        var onTime = CommitmentRule.read(
                Kind.PRODUCTION, LocalDate.of(2026, 11, 30), null, Map.of(), LocalDate.of(2026, 11, 30), TODAY);
        assertThat(onTime.status()).isEqualTo(Status.MET);
    }

    @Test
    void the_due_day_itself_is_not_yet_past_due() {
        var r = CommitmentRule.read(Kind.START, TODAY, null, Map.of(), null, TODAY);

        assertThat(r.status()).isEqualTo(Status.PENDING);
    }
}
