package cn.yinfeng.enterprises;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTest {

    /** Codes published by their companies (GB 32100-2015 check characters). */
    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "911100001000080343", "91110108551385082Q", "91440300708461136T"})
    void acceptsPublishedCodes(String code) {
        assertThat(CreditCode.isValid(code)).isTrue();
        assertThat(CreditCode.checkCharacter(code.substring(0, 17))).isEqualTo(code.charAt(17));
    }

    @Test
    void rejectsAWrongCheckCharacter() {
        assertThat(CreditCode.problem("91440300708461136X")).isEqualTo(CreditCode.Problem.CHECK);
        // every single-character change of the body is caught
        String good = "91440300708461136T";
        for (int i = 0; i < 17; i++) {
            char c = good.charAt(i);
            char other = c == '0' ? '1' : '0';
            String bad = good.substring(0, i) + other + good.substring(i + 1);
            assertThat(CreditCode.problem(bad)).as(bad).isEqualTo(CreditCode.Problem.CHECK);
        }
    }

    @Test
    void rejectsLettersOutsideTheAlphabetAndWrongLengths() {
        assertThat(CreditCode.problem("91440300708461136I")).isEqualTo(CreditCode.Problem.CHARACTER);
        assertThat(CreditCode.problem("9144030070846113")).isEqualTo(CreditCode.Problem.LENGTH);
    }

    @Test
    void normalisesFullWidthLowerCaseAndSpaces() {
        assertThat(CreditCode.normalise(" ９１４４０３００７０８４６１１３６ｔ ")).isEqualTo("91440300708461136T");
        assertThat(CreditCode.isValid("91440300708461136t")).isTrue();
        assertThat(CreditCode.normalise("  ")).isNull();
    }
}
