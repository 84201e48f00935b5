package cn.yinfeng.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.yinfeng.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/**
 * The sign-in page does not tell which user names exist (checklist #2, ASVS 2.2.1 / 3.0 enumeration): after the same
 * attempts a known and an unknown name get byte-identical answers — "locked" included, as unknown names are counted
 * and locked like accounts — and a disabled account is named as such only to who knows its password.
 */
class UnknownUserNameIT extends IntegrationTest {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    /** Status, redirect and body of a sign-in attempt, then the page it leads to (CSRF token blanked). */
    private String answer(String username, String password) throws Exception {
        MockHttpServletResponse r = mvc.perform(post("/login")
                        .with(csrf())
                        .session(new MockHttpSession())
                        .param("username", username)
                        .param("password", password))
                .andReturn()
                .getResponse();
        String page = mvc.perform(get(r.getRedirectedUrl()).session(new MockHttpSession()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var m = CSRF.matcher(page);
        if (m.find()) {
            page = page.replace(m.group(1), "CSRF");
        }
        return r.getStatus() + " " + r.getRedirectedUrl() + " " + r.getContentAsString() + "\n" + page;
    }

    private List<String> sequence(String username) throws Exception {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(answer(username, "wrong-Password1"));
        }
        answers.add(answer(username, TestAccounts.PASSWORD)); // the known user's right password, while locked
        answers.add(answer(username, "wrong-Password1"));
        return answers;
    }

    @Test
    @DisplayName("checklist #2: after five failures a known and an unknown name both read 'locked', byte for byte")
    void knownAndUnknownNamesGetIdenticalAnswersThroughTheLockout() throws Exception {
        String known = accounts.create("enum-known", "141181", Role.COUNTY_STAFF);
        String unknown = "enum-nobody" + System.nanoTime();

        List<String> forKnown = sequence(known);
        List<String> forUnknown = sequence(unknown);
        assertThat(forUnknown).containsExactlyElementsOf(forKnown);
        assertThat(forKnown.get(4)).startsWith("302 /login?error=bad ");
        assertThat(forKnown.get(5)).startsWith("302 /login?error=locked ").contains("账号已临时锁定");
        assertThat(forUnknown.get(6)).startsWith("302 /login?error=locked ");
        assertThat(auditRows("LOGIN_NAME_LOCKED", unknown, "FAILURE")).isEqualTo(1);

        clock.advance(Duration.ofMinutes(16));
        assertThat(answer(unknown, "wrong-Password1"))
                .isEqualTo(answer(known, "wrong-Password1"))
                .startsWith("302 /login?error=bad ");
    }

    @Test
    @DisplayName("checklist #2: the name is matched without regard to case or surrounding blanks, as accounts are")
    void anUnknownNameIsLockedWhateverItsCase() throws Exception {
        String unknown = "enum-Case" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            answer(i % 2 == 0 ? unknown.toUpperCase() : " " + unknown + " ", "wrong-Password1");
        }
        assertThat(answer(unknown.toLowerCase(), "wrong-Password1")).startsWith("302 /login?error=locked ");
    }

    @Test
    @DisplayName("checklist #2: a disabled account with a wrong password answers like an unknown name")
    void aDisabledAccountIsNotRevealedByAWrongPassword() throws Exception {
        String disabled = accounts.create("enum-off", "141181", Role.COUNTY_STAFF);
        jdbc.sql("update app_user set enabled = false where username = :u")
                .param("u", disabled)
                .update();
        String unknown = "enum-off-nobody" + System.nanoTime();
        assertThat(answer(disabled, "wrong-Password1"))
                .isEqualTo(answer(unknown, "wrong-Password1"))
                .startsWith("302 /login?error=bad ");
        // who knows the password learns why it is refused
        assertThat(answer(disabled, TestAccounts.PASSWORD)).startsWith("302 /login?error=disabled ");
    }

    @Test
    @DisplayName("checklist #2: an unknown name costs the same BCrypt work as a known one (timing roughly equal)")
    void anUnknownNameIsNotAnsweredFaster() throws Exception {
        String known = accounts.create("enum-time", "141181", Role.COUNTY_STAFF);
        String unknown = "enum-time-nobody" + System.nanoTime();
        answer(unknown, "warm-up-Password1"); // the stand-in's hash is made once, on first use
        long[] k = new long[3];
        long[] u = new long[3];
        for (int i = 0; i < 3; i++) {
            k[i] = timed(known);
            u[i] = timed(unknown);
        }
        Arrays.sort(k);
        Arrays.sort(u);
        // BCrypt(12) is some hundred milliseconds; without it an unknown name would take a few
        assertThat((double) u[1]).as("median ns, unknown vs known").isGreaterThan(0.4 * k[1]);
    }

    private long timed(String username) throws Exception {
        long t0 = System.nanoTime();
        mvc.perform(post("/login").with(csrf()).param("username", username).param("password", "wrong-Password1"));
        return System.nanoTime() - t0;
    }
}
