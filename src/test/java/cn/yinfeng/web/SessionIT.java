package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.accounts.Role;
import cn.yinfeng.accounts.TestAccounts;
import java.util.Map;
import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** Sessions over real HTTP: new id at sign-in, logout ends the session, cookie flags, CSRF, headers, timeout. */
class SessionIT extends IntegrationTest {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void signInIssuesANewSessionIdAndTheOldOneGivesNoAccess() throws Exception {
        var browser = new HttpSession(baseUrl());
        browser.get("/login");
        String before = browser.sessionCookie;
        assertThat(before).isNotNull();
        var response = browser.login("zhongyang", "Yinfeng@2024");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/");
        assertThat(browser.sessionCookie).isNotEqualTo(before);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        var stale = new HttpSession(baseUrl());
        stale.sessionCookie = before;
        assertThat(stale.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void logoutInvalidatesTheSession() throws Exception {
        var browser = new HttpSession(baseUrl());
        browser.login("zhongyang", "Yinfeng@2024");
        String session = browser.sessionCookie;
        String token = HttpSession.csrf(browser.get("/").body());
        assertThat(browser.post("/logout", Map.of("_csrf", token))
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .endsWith("/login?logout");
        var reuse = new HttpSession(baseUrl());
        reuse.sessionCookie = session;
        var after = reuse.get("/");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void stateChangeWithoutCsrfTokenIsRefused() throws Exception {
        String user = accounts.create("csrf", "141181", Role.COUNTY_STAFF);
        var browser = new HttpSession(baseUrl());
        browser.login(user, TestAccounts.PASSWORD);
        var forged = browser.post(
                "/account/password",
                Map.of(
                        "oldPassword",
                        TestAccounts.PASSWORD,
                        "newPassword",
                        "Forged#Pass2024",
                        "confirmPassword",
                        "Forged#Pass2024"));
        assertThat(forged.statusCode()).isEqualTo(403);
        // the password is unchanged: the real one still signs in
        assertThat(new HttpSession(baseUrl())
                        .login(user, TestAccounts.PASSWORD)
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .doesNotContain("error");
        String token = HttpSession.csrf(browser.get("/account").body());
        var real = browser.post(
                "/account/password",
                Map.of(
                        "oldPassword",
                        TestAccounts.PASSWORD,
                        "newPassword",
                        "Changed#Pass2024",
                        "confirmPassword",
                        "Changed#Pass2024",
                        "_csrf",
                        token));
        assertThat(real.statusCode()).isEqualTo(302);
        assertThat(auditRows("PASSWORD_CHANGE", user, "SUCCESS")).isEqualTo(1);
    }

    @Test
    void sessionCookieAndSecurityHeaders() throws Exception {
        var response = new HttpSession(baseUrl()).get("/login");
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID"))
                .findFirst()
                .orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
        assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void idleSessionsEndAfterThirtyMinutes() {
        var tomcat = (TomcatWebServer) context.getWebServer();
        Context app = (Context) tomcat.getTomcat().getHost().findChildren()[0];
        assertThat(app.getSessionTimeout()).isEqualTo(30);
    }
}
