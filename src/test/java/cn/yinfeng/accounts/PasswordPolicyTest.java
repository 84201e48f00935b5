package cn.yinfeng.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.common.InvalidInputException.Problem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(new SecurityProperties.Password(10, 3, Duration.ZERO));

    @Test
    void acceptsLongMixedPassword() {
        assertThat(policy.check("p", "xiaoyi", "Lvliang#2024")).isEmpty();
    }

    @Test
    void rejectsShortPassword() {
        assertThat(policy.check("p", "u", "Ab1#"))
                .extracting(Problem::messageKey)
                .containsExactly("password.tooShort");
    }

    @Test
    void rejectsTooFewCharacterClasses() {
        assertThat(policy.check("p", "u", "abcdefghijk1"))
                .extracting(Problem::messageKey)
                .containsExactly("password.tooSimple");
        assertThat(policy.check("p", "u", "abcdefghiJK1")).isEmpty();
    }

    @Test
    void rejectsPasswordContainingUsernameInAnyCase() {
        assertThat(policy.check("p", "xiaoyi", "XiaoYi#2024"))
                .extracting(Problem::messageKey)
                .containsExactly("password.containsUsername");
    }

    @Test
    void countsCharacterClasses() {
        assertThat(PasswordPolicy.classes("abc")).isEqualTo(1);
        assertThat(PasswordPolicy.classes("aB3!")).isEqualTo(4);
        assertThat(PasswordPolicy.classes("密码Ab")).isEqualTo(3); // CJK counts as "other"
    }
}
