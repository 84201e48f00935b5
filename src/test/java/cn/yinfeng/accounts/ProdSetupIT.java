package cn.yinfeng.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.YinfengApplication;
import cn.yinfeng.web.HttpSession;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The prod profile: no demo data, no account with a known password; the one-time set-up page creates the first
 * administrator, who must then enrol a second factor before anything else.
 */
class ProdSetupIT {

    /** prod needs a talent encryption key (cn.yinfeng.talent); any 32 random bytes do here */
    static final String TALENT_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    /** and an audit key (cn.yinfeng.audit) */
    static final String AUDIT_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void prodStartsEmptyAndTheSetupPageCreatesTheFirstAdministratorOnce() throws Exception {
        var dir = Files.createTempDirectory("yf-prod");
        try (var app = new SpringApplicationBuilder(YinfengApplication.class)
                .profiles("prod")
                .run(
                        "--spring.datasource.url=",
                        "--server.port=0",
                        "--yinfeng.db.embedded.data-dir=" + dir,
                        "--yinfeng.db.embedded.clean=true",
                        "--logging.level.root=warn",
                        "--yinfeng.talent.encryption-key=" + TALENT_KEY,
                        "--yinfeng.audit.key=" + AUDIT_KEY,
                        "--yinfeng.audit.checkpoint-file=" + dir.resolve("audit-checkpoints.log"))) {
            var jdbc = app.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from app_user")
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(jdbc.sql("select count(*) from api_token")
                            .query(Long.class)
                            .single())
                    .isZero();
            String base = "http://localhost:"
                    + ((WebServerApplicationContext) app).getWebServer().getPort();

            var browser = new HttpSession(base);
            var login = browser.get("/login");
            assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/setup");
            String page = browser.get("/setup").body();
            // demo credentials do not exist here
            var demo = browser.post(
                    "/login", Map.of("username", "admin", "password", "Yinfeng@2024", "_csrf", HttpSession.csrf(page)));
            assertThat(demo.headers().firstValue("Location").orElseThrow()).endsWith("/login?error=bad");
            page = browser.get("/setup").body();
            var wrong = browser.post(
                    "/setup",
                    Map.of(
                            "_csrf",
                            HttpSession.csrf(page),
                            "setupCode",
                            "000000",
                            "regionCode",
                            "141100",
                            "regionName",
                            "吕梁市",
                            "username",
                            "chief",
                            "displayName",
                            "管理员",
                            "password",
                            "Strong#Admin2024"));
            assertThat(wrong.statusCode()).isEqualTo(200);
            assertThat(wrong.body()).contains("设置码不正确");
            assertThat(jdbc.sql("select count(*) from app_user")
                            .query(Long.class)
                            .single())
                    .isZero();

            String code = app.getBean(SetupController.class).setupCode();
            var done = browser.post(
                    "/setup",
                    Map.of(
                            "_csrf",
                            HttpSession.csrf(wrong.body()),
                            "setupCode",
                            code,
                            "regionCode",
                            "141100",
                            "regionName",
                            "吕梁市",
                            "username",
                            "chief",
                            "displayName",
                            "管理员",
                            "password",
                            "Strong#Admin2024"));
            assertThat(done.headers().firstValue("Location").orElseThrow()).endsWith("/login");
            assertThat(jdbc.sql("select count(*) from app_user")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);

            // the page is gone once a user exists
            assertThat(new HttpSession(base)
                            .get("/setup")
                            .headers()
                            .firstValue("Location")
                            .orElseThrow())
                    .endsWith("/login");

            // administrators must enrol TOTP in prod before using anything
            var admin = new HttpSession(base);
            admin.login("chief", "Strong#Admin2024");
            var home = admin.get("/");
            assertThat(home.statusCode()).isEqualTo(302);
            assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/account/totp");
            assertThat(admin.get("/account/totp").body()).contains("管理员账号必须先启用双因素认证");
        }
    }
}
