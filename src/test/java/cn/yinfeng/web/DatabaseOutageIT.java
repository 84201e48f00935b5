package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.config.DatabaseRoles;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The database goes away while requests run (every application connection killed, new ones refused, as during a
 * restart) and comes back: meanwhile requests answer 200 or 503 with Retry-After, never 500; afterwards the
 * application serves again by itself, with what was committed before intact. Runs against whichever server the
 * suite uses (embedded, or Debian's PostgreSQL in CI).
 */
class DatabaseOutageIT extends IntegrationTest {

    @Autowired
    HikariDataSource dataSource;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .header("Authorization", "Bearer demo-token-city")
                        .header("Accept-Language", "zh-CN")
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Autowired
    DatabaseRoles roles;

    /**
     * A connection that does not come from the application's pool, to a database the outage leaves alone: as the
     * database's owner (who may refuse connections to it) or as the application's role (who may end its own).
     */
    private Connection admin(boolean owner) throws Exception {
        String url = dataSource.getJdbcUrl();
        String other = url.replaceFirst("/[^/?]+(\\?|$)", "/template1$1");
        return owner
                ? DriverManager.getConnection(other, roles.ownerUser(), roles.ownerPassword())
                : DriverManager.getConnection(other, dataSource.getUsername(), dataSource.getPassword());
    }

    private void outage(Connection admin, String db, boolean down) throws Exception {
        try (var st = admin.createStatement();
                Connection runtime = admin(false);
                var kill = runtime.createStatement()) {
            st.execute("alter database \"" + db + "\" allow_connections " + !down);
            if (down) {
                kill.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + db
                        + "' and application_name = 'yinfeng'");
            }
        }
    }

    @Test
    void answers503DuringAnOutageAndRecoversByItself() throws Exception {
        String db = jdbc.sql("select current_database()").query(String.class).single();
        long projects =
                jdbc.sql("select count(*) from project").query(Long.class).single();
        assertThat(get("/api/v1/me").statusCode()).isEqualTo(200);

        var statuses = new ArrayList<Integer>();
        var running = new AtomicBoolean(true);
        var errors = new ArrayList<Throwable>();
        Thread load = new Thread(() -> {
            while (running.get()) {
                try {
                    int s = get("/api/v1/projects?size=5").statusCode();
                    synchronized (statuses) {
                        statuses.add(s);
                    }
                } catch (Exception e) {
                    errors.add(e);
                }
            }
        });
        try (Connection admin = admin(true)) {
            load.start();
            Thread.sleep(500);
            outage(admin, db, true);
            try {
                HttpResponse<String> api = get("/api/v1/projects?size=5");
                assertThat(api.statusCode()).isEqualTo(503);
                assertThat(api.headers().firstValue("Retry-After")).contains("10");
                assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(api.body()).contains("数据库正在重启或暂时无法连接");
                HttpResponse<String> page = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                // the sign-in page itself needs no database; a signed-in page would, and answers the 503 page
                assertThat(page.statusCode()).isIn(200, 503);
                Thread.sleep(1000);
            } finally {
                outage(admin, db, false);
            }
            // back without a restart of the application: within a few seconds every request is served
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int ok = 0;
            while (ok < 5 && System.nanoTime() < deadline) {
                ok = get("/api/v1/projects?size=5").statusCode() == 200 ? ok + 1 : 0;
            }
            assertThat(ok).as("consecutive 200s after the outage").isEqualTo(5);
        } finally {
            running.set(false);
            load.join(30_000);
        }
        List<Integer> seen;
        synchronized (statuses) {
            seen = List.copyOf(statuses);
        }
        assertThat(errors).isEmpty();
        assertThat(seen).isNotEmpty().allMatch(s -> s == 200 || s == 503);
        assertThat(seen).contains(503);
        assertThat(jdbc.sql("select count(*) from project").query(Long.class).single())
                .isEqualTo(projects);
    }
}
