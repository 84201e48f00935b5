package cn.yinfeng.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.YinfengApplication;
import cn.yinfeng.web.HttpSession;
import com.jayway.jsonpath.JsonPath;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two application instances on loopback ports and one database, as behind a load balancer: a user signed in on one
 * continues on the other (sessions live in PostgreSQL), a record written through one is read through the other, an
 * evidence file uploaded through one is downloaded byte for byte through the other (files live in PostgreSQL), and
 * a scheduled job that both instances reach for at the same moment runs once.
 */
class TwoInstancesIT extends IntegrationTest {

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    Environment env;

    @Autowired
    SupervisionJobs jobs;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private ConfigurableApplicationContext second() {
        // the second instance: the same database, its own port, no demo loading (prod profile), the same key
        return new SpringApplicationBuilder(YinfengApplication.class)
                .profiles("prod")
                .run(
                        "--spring.datasource.url=" + dataSource.getJdbcUrl(),
                        "--spring.datasource.username=" + dataSource.getUsername(),
                        "--spring.datasource.password="
                                + (dataSource.getPassword() == null ? "" : dataSource.getPassword()),
                        "--server.port=0",
                        "--logging.level.root=warn",
                        "--yinfeng.talent.encryption-key=" + env.getProperty("yinfeng.talent.encryption-key"),
                        // the same audit key (the rows of both instances form one chain), checkpoints in a file of its
                        // own
                        "--yinfeng.audit.key=" + env.getProperty("yinfeng.audit.key"),
                        "--yinfeng.audit.checkpoint-file=target/audit-checkpoints/second-instance-" + System.nanoTime()
                                + ".log",
                        "--yinfeng.supervision.evaluate-interval=1h",
                        "--yinfeng.stats.refresh-interval=1h");
    }

    private HttpResponse<String> api(String base, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer demo-token-city")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSessionAnEditAndAJobAreSharedByTwoInstances() throws Exception {
        try (ConfigurableApplicationContext b = second()) {
            String baseB = "http://localhost:"
                    + ((WebServerApplicationContext) b).getWebServer().getPort();

            // signed in on A, the same cookie is a signed-in session on B
            var onA = new HttpSession(baseUrl());
            assertThat(onA.login("city", "Yinfeng@2024").statusCode()).isEqualTo(302);
            assertThat(onA.get("/projects").statusCode()).isEqualTo(200);
            var onB = new HttpSession(baseB);
            onB.sessionCookie = onA.sessionCookie;
            HttpResponse<String> page = onB.get("/projects");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("data-testid=\"whoami\"");
            // signing out on B ends the session on A as well
            onB.post("/logout", Map.of("_csrf", HttpSession.csrf(page.body())));
            assertThat(onA.get("/projects").statusCode()).isEqualTo(302);

            // written through A, read through B
            String created = http.send(
                            HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/projects"))
                                    .header("Authorization", "Bearer demo-token-xiaoyi")
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"双实例测试项目\",\"regionId\":"
                                            + jdbc.sql("select id from region where code = '141181'")
                                                    .query(Long.class)
                                                    .single()
                                            + ",\"totalInvestment\":1000}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            long id = ((Number) JsonPath.read(created, "$.id")).longValue();
            HttpResponse<String> read = api(baseB, "/api/v1/projects/" + id);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).contains("双实例测试项目");

            // an evidence file uploaded through A is downloaded through B, byte for byte (B has no shared directory)
            byte[] png = new byte[300_000];
            new Random(16).nextBytes(png);
            System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);
            String boundary = "yf" + System.nanoTime();
            var body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nPHOTO\r\n--"
                            + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"site.png\"\r\n"
                            + "Content-Type: image/png\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(png);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> uploaded = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/projects/" + id + "/files"))
                            .header("Authorization", "Bearer demo-token-xiaoyi")
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(uploaded.statusCode()).isEqualTo(201);
            long fileId = ((Number) JsonPath.read(uploaded.body(), "$.id")).longValue();
            HttpResponse<byte[]> downloaded = http.send(
                    HttpRequest.newBuilder(URI.create(baseB + "/api/v1/projects/" + id + "/files/" + fileId))
                            .header("Authorization", "Bearer demo-token-city")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(downloaded.statusCode()).isEqualTo(200);
            assertThat(downloaded.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(downloaded.body()).isEqualTo(png);

            // both instances reach for the same job at once: one runs it
            waitForLockToExpire("supervision-escalate");
            long before = runs();
            SupervisionJobs jobsB = b.getBean(SupervisionJobs.class);
            var start = new CountDownLatch(1);
            var pool = Executors.newFixedThreadPool(2);
            try {
                pool.submit(() -> {
                    start.await();
                    jobs.escalate();
                    return null;
                });
                pool.submit(() -> {
                    start.await();
                    jobsB.escalate();
                    return null;
                });
                start.countDown();
                pool.shutdown();
                assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                pool.shutdownNow();
            }
            assertThat(runs() - before).isEqualTo(1);
        }
    }

    private long runs() {
        return jdbc.sql("select count(*) from job_run where name = 'supervision-escalate'")
                .query(Long.class)
                .single();
    }

    /** An earlier test may have run the job less than its minimum lock time ago. */
    private void waitForLockToExpire(String name) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            boolean held = jdbc.sql("select count(*) from shedlock where name = :n and lock_until > "
                                    + "timezone('utc', now())")
                            .param("n", name)
                            .query(Long.class)
                            .single()
                    > 0;
            if (!held) {
                return;
            }
            Thread.sleep(100);
        }
    }
}
