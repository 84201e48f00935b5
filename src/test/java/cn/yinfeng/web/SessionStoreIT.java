package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Sessions live in PostgreSQL (Spring Session JDBC), not in the servlet container: a session id presented by any
 * client is honoured as long as its row is there and not idle for 30 minutes, which is what lets several instances
 * behind a load balancer serve the same signed-in user.
 */
class SessionStoreIT extends IntegrationTest {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void aSignedInSessionIsARowInTheDatabaseAndServesAnyClientThatPresentsIt() throws Exception {
        var first = new HttpSession(baseUrl());
        assertThat(first.login("xiaoyi", "Yinfeng@2024").statusCode()).isEqualTo(302);
        String cookie = first.sessionCookie;
        String id = sessionId(cookie);
        // nothing is held by Tomcat: the servlet container's session manager is empty
        var tomcat = (TomcatWebServer) context.getWebServer();
        Context app = (Context) tomcat.getTomcat().getHost().findChildren()[0];
        assertThat(app.getManager().findSessions()).isEmpty();
        // the row: the signed-in user and the 30-minute idle timeout
        var row = jdbc.sql("select principal_name, max_inactive_interval from spring_session where session_id = :id")
                .param("id", id)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getInt(2)})
                .single();
        assertThat(row[0]).isEqualTo("xiaoyi");
        assertThat(row[1]).isEqualTo(30 * 60);
        assertThat(jdbc.sql("select count(*) from spring_session_attributes a join spring_session s "
                                + "on s.primary_id = a.session_primary_id where s.session_id = :id "
                                + "and a.attribute_name = 'SPRING_SECURITY_CONTEXT'")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // another client (as another instance would see it) with nothing but the cookie is signed in
        var second = new HttpSession(baseUrl());
        second.sessionCookie = cookie;
        var home = second.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("xiaoyi");

        // the session is the row: once it is gone, the cookie opens nothing
        jdbc.sql("delete from spring_session where session_id = :id")
                .param("id", id)
                .update();
        var third = new HttpSession(baseUrl());
        third.sessionCookie = cookie;
        assertThat(third.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void aSessionIdleForMoreThanThirtyMinutesIsRefusedByEveryInstance() throws Exception {
        var browser = new HttpSession(baseUrl());
        browser.login("zhongyang", "Yinfeng@2024");
        String id = sessionId(browser.sessionCookie);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        long thirtyOneMinutesAgo = System.currentTimeMillis() - 31 * 60 * 1000L;
        jdbc.sql("update spring_session set last_access_time = :t, expiry_time = :t + max_inactive_interval * 1000 "
                        + "where session_id = :id")
                .param("t", thirtyOneMinutesAgo)
                .param("id", id)
                .update();
        var later = new HttpSession(baseUrl());
        later.sessionCookie = browser.sessionCookie;
        var response = later.get("/");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    /** Spring Session's cookie holds the session id in base64. */
    private static String sessionId(String cookie) {
        return new String(Base64.getDecoder().decode(cookie), StandardCharsets.US_ASCII);
    }
}
