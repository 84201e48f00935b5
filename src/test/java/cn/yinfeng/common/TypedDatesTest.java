package cn.yinfeng.common;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.common.InvalidInputException.Problem;
import java.time.LocalDate;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class TypedDatesTest {

    @Test
    void reads_the_ways_clerks_write_a_date() {
        var problems = new ArrayList<Problem>();
        LocalDate d = LocalDate.of(2026, 3, 5);

        assertThat(TypedDates.parse("2026-03-05", "f", problems)).isEqualTo(d);
        assertThat(TypedDates.parse("2026/3/5", "f", problems)).isEqualTo(d);
        assertThat(TypedDates.parse("2026.3.5", "f", problems)).isEqualTo(d);
        assertThat(TypedDates.parse(" 2026年3月5日 ", "f", problems)).isEqualTo(d);
        assertThat(TypedDates.parse("  ", "f", problems)).isNull();
        assertThat(problems).isEmpty();
    }

    @Test
    void no_such_day_or_no_date_is_a_problem_naming_the_field_and_the_text() {
        var problems = new ArrayList<Problem>();

        assertThat(TypedDates.parse("2026-02-30", "startedOn", problems)).isNull();
        assertThat(TypedDates.parse("三月初", "doneOn", problems)).isNull();

        assertThat(problems).extracting(Problem::field).containsExactly("startedOn", "doneOn");
        assertThat(problems.get(1).args()).containsExactly("三月初");
    }
}
