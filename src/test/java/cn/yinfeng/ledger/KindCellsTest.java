package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.common.InvalidInputException.Problem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cells of the other kinds' ledgers as clerks write them: trip days in one cell, head counts, estimates. */
class KindCellsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2024.3.12-3.15|2024-03-12|2024-03-15",
                "2024年4月8日-10日|2024-04-08|2024-04-10",
                "2024年4月28日至5月2日|2024-04-28|2024-05-02",
                "2024-03-12至2024-03-15|2024-03-12|2024-03-15",
                "2024.12.30～2025.1.2|2024-12-30|2025-01-02",
                "2024.5.6|2024-05-06|2024-05-06",
                "45420|2024-05-08|2024-05-08",
                "2024年3月12日 — 15日|2024-03-12|2024-03-15"
            })
    void aTripsDaysInOneCellAreItsFirstAndLastDay(String cell, LocalDate start, LocalDate end) {
        assertThat(TripRows.period(cell)).containsExactly(start, end);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024年5月20日至5月18日", "3月12日-15日", "上旬", "2024.2.30-3.2"})
    void daysThatAreNoneOrRunBackwardsAreNotRead(String cell) {
        assertThat(TripRows.period(cell)).isNull();
    }

    private static Object headcount(String cell) {
        var problems = new ArrayList<Problem>();
        Integer n = ImportRun.headcount(Map.of("people", cell), "people", problems);
        return problems.isEmpty() ? n : problems.get(0).messageKey();
    }

    @Test
    void aHeadCountIsReadExactlyAsWrittenOrNotAtAll() {
        assertThat(headcount("12")).isEqualTo(12);
        assertThat(headcount("12人")).isEqualTo(12);
        assertThat(headcount("１２ 名")).isEqualTo(12);
        assertThat(headcount("十二人")).isEqualTo(12);
        assertThat(headcount("十人")).isEqualTo(10);
        assertThat(headcount("二十人")).isEqualTo(20);
        assertThat(headcount("两人")).isEqualTo(2);
        assertThat(headcount("一百零五人")).isEqualTo(105);
        assertThat(headcount("三千二百")).isEqualTo(3200);
        for (String vague : List.of("五十余人", "约20人", "30多人", "数十人", "近百人", "20人左右", "十几人")) {
            assertThat(headcount(vague)).as(vague).isEqualTo("import.vagueCount");
        }
        for (String bad : List.of("二三人", "一百十人", "若", "12.5")) {
            assertThat(headcount(bad)).as(bad).isIn("import.badNumber", "import.vagueCount");
        }
        assertThat(ImportRun.headcount(Map.of(), "people", new ArrayList<>())).isNull();
    }

    @Test
    void anEstimatedAmountIsTheColumnsErrorNotAFigure() {
        var problems = new ArrayList<Problem>();
        assertThat(ImportRun.exactAmount(Map.of("amount", "约300"), "amount", problems))
                .isNull();
        assertThat(ImportRun.exactAmount(Map.of("amount", "300余万元"), "amount", problems))
                .isNull();
        assertThat(problems).extracting(Problem::messageKey).containsOnly("import.vagueAmount");
        assertThat(problems).extracting(Problem::field).containsOnly("amount");
        assertThat(ImportRun.exactAmount(Map.of("amount", "0.12亿"), "amount", new ArrayList<>()))
                .isEqualByComparingTo("1200");
    }
}
