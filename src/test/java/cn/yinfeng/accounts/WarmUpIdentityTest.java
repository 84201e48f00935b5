package cn.yinfeng.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The warm-up token: only the current one, only GET, only from the loopback address, and only until it ends. */
class WarmUpIdentityTest {

    private final WarmUpIdentity identity = new WarmUpIdentity(() -> 7L);

    @Test
    void signsInAReadOnlyLeaderOfTheRootOnLoopbackGets() {
        String token = identity.begin();

        YinfengUser u = identity.check(token, "GET", "127.0.0.1");
        assertThat(u).isNotNull();
        assertThat(u.roles()).containsExactly(Role.LEADER);
        assertThat(u.region()).isEqualTo(7L);
        assertThat(u.isStaff()).isFalse();
        assertThat(identity.check(token, "GET", "::1")).isNotNull();
    }

    @Test
    void refusesOtherMethodsOtherMachinesOtherTokensAndAnEndedWarmUp() {
        String token = identity.begin();

        assertThat(identity.check(token, "POST", "127.0.0.1")).isNull();
        assertThat(identity.check(token, "PUT", "127.0.0.1")).isNull();
        assertThat(identity.check(token, "GET", "10.0.0.8")).isNull();
        assertThat(identity.check(token.substring(1), "GET", "127.0.0.1")).isNull();
        assertThat(identity.check("not base64 !", "GET", "127.0.0.1")).isNull();

        String next = identity.begin();
        assertThat(identity.check(token, "GET", "127.0.0.1")).isNull(); // a new warm-up, a new token
        identity.end();
        assertThat(identity.check(next, "GET", "127.0.0.1")).isNull();
    }

    @Test
    void nothingIsAcceptedBeforeAWarmUpBegins() {
        assertThat(identity.check("", "GET", "127.0.0.1")).isNull();
    }
}
