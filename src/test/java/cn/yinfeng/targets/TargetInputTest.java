package cn.yinfeng.targets;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.targets.TargetInput.AmountUnit;
import cn.yinfeng.targets.TargetInput.Kind;
import java.math.BigDecimal;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What clerks type into a target, read into the stored value (万元, counts, fractions) or a named problem. */
class TargetInputTest {

    @ParameterizedTest(name = "{0} ({1}) = {2} 万元")
    @CsvSource(
            delimiter = '|',
            value = {
                "1019.6亿         | WAN | 10196000.00",
                "1019.6亿元       | WAN | 10196000.00",
                "'1,019.6 亿元'   | WAN | 10196000.00",
                "10196000万元     | WAN | 10196000.00",
                "10196000万元     | YI  | 10196000.00",
                "5000万           | WAN | 5000.00",
                "5000             | WAN | 5000.00",
                "１０１９．６亿   | WAN | 10196000.00",
                "１，０１９．６亿元 | WAN | 10196000.00",
                "0.123456亿       | WAN | 1234.56",
                "1019.6           | YI  | 10196000.00",
                "'  88.25 '       | WAN | 88.25",
                "0                | WAN | 0.00",
                "'10,000,000'     | WAN | 10000000.00",
                "1019.6 亿        | YI  | 10196000.00",
            })
    void amountsInEitherUnit(String text, AmountUnit unit, String expected) {
        var r = TargetInput.parse(text, Kind.AMOUNT, unit);
        assertThat(r.problem()).isNull();
        assertThat(r.value()).isEqualByComparingTo(expected);
        assertThat(r.value().scale()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} is refused with {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "一千亿          | targets.input.amount",
                "1019.6亿亿      | targets.input.amount",
                "1019.6万亿      | targets.input.amount",
                "5000元          | targets.input.amount",
                "85%             | targets.input.amount",
                "1.2.3           | targets.input.amount",
                "'1,0196'        | targets.input.amount",
                "abc             | targets.input.amount",
                "亿              | targets.input.amount",
                "-5000           | targets.input.negative",
                "－5000万        | targets.input.negative",
                "0.1234567亿     | targets.input.decimals",
                "5000.123        | targets.input.decimals",
                "1e5             | targets.input.amount",
                "999999999999999 | targets.input.tooLarge",
            })
    void badAmounts(String text, String key) {
        var r = TargetInput.parse(text, Kind.AMOUNT, AmountUnit.WAN);
        assertThat(r.value()).isNull();
        assertThat(r.problem()).isEqualTo(key);
        assertThat(r.blank()).isFalse();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"117, 117", "117个, 117", "120项, 120", "５次, 5", "'1,200人次', 1200", "117.0, 117", "0, 0"})
    void wholeCounts(String text, String expected) {
        var r = TargetInput.parse(text, Kind.COUNT, AmountUnit.WAN);
        assertThat(r.problem()).isNull();
        assertThat(r.value()).isEqualByComparingTo(expected);
        assertThat(r.value().scale()).isZero();
    }

    @ParameterizedTest(name = "{0} is refused with {1}")
    @CsvSource({
        "117.5, targets.input.whole",
        "117.5个, targets.input.whole",
        "一百, targets.input.count",
        "117亿, targets.input.count",
        "-3, targets.input.negative",
        "117个项, targets.input.count"
    })
    void badCounts(String text, String key) {
        assertThat(TargetInput.parse(text, Kind.COUNT, AmountUnit.WAN).problem())
                .isEqualTo(key);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"85%, 0.85", "85％, 0.85", "８５％, 0.85", "85, 0.85", "0.85, 0.85", "100%, 1.00", "1, 1.00", "0%, 0"})
    void ratesAreStoredAsFractions(String text, String expected) {
        var r = TargetInput.parse(text, Kind.RATE, AmountUnit.WAN);
        assertThat(r.problem()).isNull();
        assertThat(r.value()).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "{0} is refused with {1}")
    @CsvSource({
        "85.5%, targets.input.ratePrecision",
        "85.5％, targets.input.ratePrecision",
        "0.855, targets.input.ratePrecision",
        "120%, targets.input.rateRange",
        "150, targets.input.rateRange",
        "八成, targets.input.rate",
        "85万, targets.input.rate",
        "-5%, targets.input.negative"
    })
    void badRates(String text, String key) {
        assertThat(TargetInput.parse(text, Kind.RATE, AmountUnit.WAN).problem()).isEqualTo(key);
    }

    @Test
    void usdAmountsAreInTenThousandDollars() {
        assertThat(TargetInput.parse("1200万美元", Kind.USD, AmountUnit.WAN).value())
                .isEqualByComparingTo("1200");
        assertThat(TargetInput.parse("1.5亿美元", Kind.USD, AmountUnit.WAN).value())
                .isEqualByComparingTo("15000");
        assertThat(TargetInput.parse("1200", Kind.USD, AmountUnit.YI).value()).isEqualByComparingTo("1200");
        assertThat(TargetInput.parse("1200万元", Kind.USD, AmountUnit.WAN).problem())
                .isEqualTo("targets.input.usd");
    }

    @Test
    void blankClearsTheTarget() {
        for (String blank : new String[] {null, "", "   ", "\u3000"}) {
            var r = TargetInput.parse(blank, Kind.AMOUNT, AmountUnit.WAN);
            assertThat(r.blank()).isTrue();
            assertThat(r.value()).isNull();
            assertThat(r.problem()).isNull();
        }
    }

    @Test
    void kindFollowsTheIndicatorUnitByName() {
        assertThat(TargetInput.kindOf(Indicator.Unit.WAN)).isEqualTo(Kind.AMOUNT);
        assertThat(TargetInput.kindOf(Indicator.Unit.COUNT)).isEqualTo(Kind.COUNT);
        assertThat(TargetInput.kindOf(Indicator.Unit.RATE)).isEqualTo(Kind.RATE);
    }

    @Test
    void storedValuesAreShownInTheChosenUnitAndReadBackTheSame() {
        var v = new BigDecimal("10196000.00");
        assertThat(TargetInput.format(v, Kind.AMOUNT, AmountUnit.YI)).isEqualTo("1019.6");
        assertThat(TargetInput.format(v, Kind.AMOUNT, AmountUnit.WAN)).isEqualTo("10196000");
        assertThat(TargetInput.format(new BigDecimal("1234.56"), Kind.AMOUNT, AmountUnit.YI))
                .isEqualTo("0.123456");
        assertThat(TargetInput.format(new BigDecimal("0.85"), Kind.RATE, AmountUnit.WAN))
                .isEqualTo("85%");
        assertThat(TargetInput.format(new BigDecimal("117"), Kind.COUNT, AmountUnit.WAN))
                .isEqualTo("117");
        assertThat(TargetInput.format(null, Kind.AMOUNT, AmountUnit.YI)).isEmpty();
        for (String s : new String[] {"10196000.00", "1234.56", "0.01", "11000000.00"}) {
            var b = new BigDecimal(s);
            for (AmountUnit u : AmountUnit.values()) {
                assertThat(TargetInput.parse(TargetInput.format(b, Kind.AMOUNT, u), Kind.AMOUNT, u)
                                .value())
                        .isEqualByComparingTo(b);
            }
        }
        assertThat(TargetInput.unitFor(v)).isEqualTo(AmountUnit.YI);
        assertThat(TargetInput.unitFor(new BigDecimal("5000"))).isEqualTo(AmountUnit.WAN);
        assertThat(TargetInput.unitFor(null)).isEqualTo(AmountUnit.WAN);
    }

    @Test
    void monthsCoveredOpenOnTheYearInQuestion() {
        var latest = YearMonth.of(2024, 10);
        var now = YearMonth.of(2026, 12);
        assertThat(TargetInput.monthsCovered(2023, latest, now)).isEqualTo(12); // a past year: 1-12月
        assertThat(TargetInput.monthsCovered(2024, latest, now)).isEqualTo(10); // the latest year: up to its month
        assertThat(TargetInput.monthsCovered(2026, latest, now)).isEqualTo(12); // no data yet: the calendar
        assertThat(TargetInput.monthsCovered(2026, latest, YearMonth.of(2026, 3)))
                .isEqualTo(3);
        assertThat(TargetInput.monthsCovered(2034, latest, now)).isZero(); // not begun
    }
}
