package cn.yinfeng.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The step a code belongs to, which the sign-in stores so that a code works once (checklist #30). */
class TotpStepTest {

    static final String SECRET = Totp.base32("12345678901234567890".getBytes());
    static final Instant AT = Instant.ofEpochSecond(1_111_111_109L);

    @Test
    @DisplayName("checklist #30: a code names its own step, also one step either side")
    void aCodeNamesItsStep() {
        long step = AT.getEpochSecond() / Totp.STEP_SECONDS;
        assertThat(Totp.matchingStep(SECRET, Totp.code(SECRET, AT), AT)).isEqualTo(step);
        assertThat(Totp.matchingStep(SECRET, Totp.code(SECRET, AT.minusSeconds(30)), AT))
                .isEqualTo(step - 1);
        assertThat(Totp.matchingStep(SECRET, Totp.code(SECRET, AT.plusSeconds(30)), AT))
                .isEqualTo(step + 1);
    }

    @Test
    void codesOutsideTheWindowOrMalformedMatchNoStep() {
        assertThat(Totp.matchingStep(SECRET, Totp.code(SECRET, AT.minusSeconds(90)), AT))
                .isEqualTo(-1);
        assertThat(Totp.matchingStep(SECRET, "12345", AT)).isEqualTo(-1);
        assertThat(Totp.matchingStep(null, "123456", AT)).isEqualTo(-1);
        assertThat(Totp.matchingStep(SECRET, null, AT)).isEqualTo(-1);
    }
}
