package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.yinfeng.IntegrationTest;
import cn.yinfeng.audit.AuditQueries;
import com.jayway.jsonpath.JsonPath;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A real restart of the PostgreSQL server (the command in {@code YINFENG_PG_RESTART_CMD}, in CI
 * {@code pg_ctlcluster -m fast <version> <cluster> restart} on Debian's server) while requests run: readers list
 * projects and follow-ups, writers create projects and follow-ups through the API with the demo tokens. Only 2xx and
 * 503 with {@code Retry-After} may be seen, never a 500 or a dropped connection; after the restart the application
 * serves five 200s in a row and writes succeed again within {@link #RECOVERY_LIMIT}, without being restarted; every
 * write that was answered 2xx is in the database afterwards, with its audit row, and the audit chain is intact.
 *
 * <p>Not an *IT (it needs a server it may restart): {@code .ci/run} runs it explicitly with
 * {@code -Dit.test=ServerRestartCheck}. Without the command it is skipped, but under {@code CI=true} it fails.
 */
class ServerRestartCheck extends IntegrationTest {

    static final String COMMAND_ENV = "YINFENG_PG_RESTART_CMD";
    static final String COMMAND_PROPERTY = "yinfeng.pg.restart.cmd";
    static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
    static final String CITY = "Bearer demo-token-city";
    static final String XIAOYI = "Bearer demo-token-xiaoyi";

    @Autowired
    AuditQueries audit;

    @Autowired
    HikariDataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String run = Long.toString(System.currentTimeMillis(), 36);

    static String command() {
        String cmd = System.getProperty(COMMAND_PROPERTY);
        if (cmd == null || cmd.isBlank()) {
            cmd = System.getenv(COMMAND_ENV);
        }
        return cmd == null || cmd.isBlank() ? null : cmd;
    }

    @BeforeAll
    static void needsTheRestartCommand() {
        if (command() == null) {
            String why = "ServerRestartCheck needs " + COMMAND_ENV + " (or -D" + COMMAND_PROPERTY
                    + "): the command that restarts the PostgreSQL server named by YINFENG_DB_URL; .ci/run sets it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            System.out.println("ServerRestartCheck skipped: " + why);
            assumeTrue(false, why);
        }
    }

    /** What the load saw: statuses, the 503s and when, what should never happen, and the writes answered 2xx. */
    static final class Tally {
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        final LongAdder unavailable = new LongAdder();
        final LongAdder unavailableWithoutRetryAfter = new LongAdder();
        final AtomicLong firstUnavailable = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastUnavailable = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong longest = new AtomicLong();
        final Queue<long[]> answered = new ConcurrentLinkedQueue<>();
        final List<String> unexpected = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        final Map<Long, String> projects = new ConcurrentHashMap<>();
        final Map<Long, String> followups = new ConcurrentHashMap<>();
        final AtomicLong lastProjectWrite = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong lastFollowupWrite = new AtomicLong(Long.MIN_VALUE);

        /** True for a 2xx. */
        boolean count(String what, long sent, HttpResponse<String> r) {
            long now = System.nanoTime();
            longest.accumulateAndGet(now - sent, Math::max);
            int s = r.statusCode();
            answered.add(new long[] {now, s});
            statuses.computeIfAbsent(s, k -> new LongAdder()).increment();
            if (s == 503) {
                unavailable.increment();
                firstUnavailable.accumulateAndGet(now, Math::min);
                lastUnavailable.accumulateAndGet(now, Math::max);
                if (r.headers().firstValue("Retry-After").isEmpty()) {
                    unavailableWithoutRetryAfter.increment();
                }
                return false;
            }
            if (s < 200 || s > 299) {
                synchronized (unexpected) {
                    String body = r.body();
                    unexpected.add(s + " " + what + ": " + body.substring(0, Math.min(200, body.length())));
                }
                return false;
            }
            return true;
        }

        void error(Throwable e) {
            synchronized (errors) {
                errors.add(e);
            }
        }

        long total() {
            return statuses.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", token)
                .header("Accept-Language", "zh-CN")
                .timeout(Duration.ofSeconds(30));
        if (json == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private long region(String code) {
        return jdbc.sql("select id from region where code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    private String projectJson(String name, long region) {
        return "{\"name\":\"" + name + "\",\"regionId\":" + region
                + ",\"totalInvestment\":1000,\"contractAmount\":1000,\"fundOrigin\":\"OUT_OF_PROVINCE\"}";
    }

    private static long id(HttpResponse<String> r) {
        return ((Number) JsonPath.read(r.body(), "$.id")).longValue();
    }

    private OffsetDateTime serverStart() {
        return jdbc.sql("select pg_postmaster_start_time()")
                .query(OffsetDateTime.class)
                .single();
    }

    /** A worker that repeats one request until told to stop, pausing a little between requests. */
    private Thread worker(String name, AtomicBoolean running, Tally tally, long pauseMs, Step step) {
        Thread t = new Thread(
                () -> {
                    int n = 0;
                    while (running.get()) {
                        try {
                            step.run(++n);
                            Thread.sleep(pauseMs);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        } catch (Exception e) {
                            tally.error(e);
                        }
                    }
                },
                "restart-check-" + name);
        t.setDaemon(true);
        return t;
    }

    /** When the server itself refused connections: a fresh connection outside the pool every 50 ms. */
    static final class Probe {
        final AtomicLong firstRefused = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastRefused = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong backAt = new AtomicLong(Long.MIN_VALUE);
    }

    private Thread probe(AtomicBoolean running, Probe probe) {
        var props = new Properties();
        props.setProperty("user", dataSource.getUsername());
        props.setProperty("password", dataSource.getPassword());
        props.setProperty("connectTimeout", "1");
        props.setProperty("socketTimeout", "2");
        props.setProperty("ApplicationName", "yinfeng-restart-probe");
        Thread t = new Thread(
                () -> {
                    while (running.get()) {
                        long at = System.nanoTime();
                        try (var c = DriverManager.getConnection(dataSource.getJdbcUrl(), props);
                                var st = c.createStatement()) {
                            st.execute("select 1");
                            if (probe.lastRefused.get() > probe.backAt.get()) {
                                probe.backAt.set(at);
                            }
                        } catch (SQLException e) {
                            probe.firstRefused.accumulateAndGet(at, Math::min);
                            probe.lastRefused.set(at);
                        }
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "restart-check-probe");
        t.setDaemon(true);
        return t;
    }

    @FunctionalInterface
    interface Step {
        void run(int n) throws Exception;
    }

    @Test
    void answersOnly2xxOr503AcrossAServerRestartAndLosesNoCommittedWrite() throws Exception {
        String restart = command();
        long xiaoyi = region("141181");
        HttpResponse<String> target = send("POST", "/api/v1/projects", XIAOYI, projectJson("重启演练跟进对象-" + run, xiaoyi));
        assertThat(target.statusCode()).as(target.body()).isEqualTo(201);
        long targetId = id(target);
        OffsetDateTime startedBefore = serverStart();
        long followupAuditBefore = jdbc.sql("select count(*) from audit_log where action = 'PROJECT_FOLLOWUP' "
                        + "and target_type = 'project' and target_id = :t")
                .param("t", Long.toString(targetId))
                .query(Long.class)
                .single();

        var tally = new Tally();
        var running = new AtomicBoolean(true);
        var server = new Probe();
        List<Thread> load = List.of(
                probe(running, server),
                worker(
                        "read-projects",
                        running,
                        tally,
                        5,
                        n -> tally.count(
                                "GET projects", System.nanoTime(), send("GET", "/api/v1/projects?size=5", CITY, null))),
                worker(
                        "read-followups",
                        running,
                        tally,
                        5,
                        n -> tally.count(
                                "GET followups",
                                System.nanoTime(),
                                send("GET", "/api/v1/projects/" + targetId + "/followups", XIAOYI, null))),
                worker("write-projects", running, tally, 20, n -> {
                    String name = "重启演练-" + run + "-" + n;
                    long sent = System.nanoTime();
                    var r = send("POST", "/api/v1/projects", XIAOYI, projectJson(name, xiaoyi));
                    if (tally.count("POST project", sent, r)) {
                        tally.projects.put(id(r), name);
                        tally.lastProjectWrite.set(System.nanoTime());
                    }
                }),
                worker("write-followups", running, tally, 20, n -> {
                    String content = "重启演练跟进-" + run + "-" + n;
                    long sent = System.nanoTime();
                    var r = send(
                            "POST",
                            "/api/v1/projects/" + targetId + "/followups",
                            XIAOYI,
                            "{\"date\":\"2025-05-01\",\"content\":\"" + content + "\"}");
                    if (tally.count("POST followup", sent, r)) {
                        tally.followups.put(id(r), content);
                        tally.lastFollowupWrite.set(System.nanoTime());
                    }
                }));

        long restartStarted;
        long restartEnded;
        long recovered;
        try {
            load.forEach(Thread::start);
            Thread.sleep(2000);
            assertThat(tally.projects).as("projects created before the restart").isNotEmpty();
            assertThat(tally.followups)
                    .as("follow-ups added before the restart")
                    .isNotEmpty();

            restartStarted = System.nanoTime();
            Process p = new ProcessBuilder("sh", "-c", restart)
                    .redirectErrorStream(true)
                    .start();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            restartEnded = System.nanoTime();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!done) {
                p.destroyForcibly();
                fail("the restart command did not finish within 120 s: " + restart + "\n" + output);
            }
            assertThat(p.exitValue())
                    .as("exit status of `" + restart + "`: " + output)
                    .isZero();

            // back without a restart of the application: five 200s in a row, and both writers succeed again
            long deadline = restartEnded + RECOVERY_LIMIT.toNanos();
            int ok = 0;
            long streakStart = 0;
            while (ok < 5 && System.nanoTime() < deadline) {
                long t = System.nanoTime();
                boolean fine =
                        tally.count("GET projects (recovery)", t, send("GET", "/api/v1/projects?size=5", CITY, null));
                if (fine && ok == 0) {
                    streakStart = t;
                }
                ok = fine ? ok + 1 : 0;
                if (!fine) {
                    Thread.sleep(100);
                }
            }
            assertThat(ok)
                    .as("consecutive 200s within " + RECOVERY_LIMIT + " of the restart")
                    .isEqualTo(5);
            recovered = streakStart;
            while ((tally.lastProjectWrite.get() < restartEnded || tally.lastFollowupWrite.get() < restartEnded)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(tally.lastProjectWrite.get())
                    .as("a project created after the restart")
                    .isGreaterThan(restartEnded);
            assertThat(tally.lastFollowupWrite.get())
                    .as("a follow-up added after the restart")
                    .isGreaterThan(restartEnded);
            Thread.sleep(1000);
        } finally {
            running.set(false);
            for (Thread t : load) {
                t.join(60_000);
            }
        }

        synchronized (tally.errors) {
            assertThat(tally.errors)
                    .as("requests that failed without an answer")
                    .isEmpty();
        }
        synchronized (tally.unexpected) {
            assertThat(tally.unexpected).as("answers other than 2xx and 503").isEmpty();
        }
        assertThat(tally.unavailableWithoutRetryAfter.sum())
                .as("503s without Retry-After")
                .isZero();
        OffsetDateTime startedAfter = serverStart();
        assertThat(startedAfter).as("the server was really restarted").isAfter(startedBefore);

        // no lost committed data: every write answered 2xx is there, with its audit row
        Map<Long, String> projects = Map.copyOf(tally.projects);
        Map<Long, String> followups = Map.copyOf(tally.followups);
        Map<Long, String> storedProjects = jdbc
                .sql("select id, name from project where id in (:ids)")
                .param("ids", List.copyOf(projects.keySet()))
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(storedProjects).as("projects answered 201").isEqualTo(projects);
        Map<Long, String> storedFollowups = jdbc
                .sql("select id, content from project_followup where id in (:ids) " + "and project_id = :p")
                .param("ids", List.copyOf(followups.keySet()))
                .param("p", targetId)
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(storedFollowups).as("follow-ups answered 201").isEqualTo(followups);
        long createAudits = jdbc.sql("select count(distinct target_id) from audit_log where action = 'PROJECT_CREATE' "
                        + "and target_type = 'project' and target_id in (:ids)")
                .param("ids", projects.keySet().stream().map(String::valueOf).toList())
                .query(Long.class)
                .single();
        assertThat(createAudits).as("audit rows of the projects answered 201").isEqualTo(projects.size());
        long followupAudits = jdbc.sql("select count(*) from audit_log where action = 'PROJECT_FOLLOWUP' "
                                + "and target_type = 'project' and target_id = :t")
                        .param("t", Long.toString(targetId))
                        .query(Long.class)
                        .single()
                - followupAuditBefore;
        assertThat(followupAudits)
                .as("audit rows of the follow-ups answered 201")
                .isGreaterThanOrEqualTo(followups.size());
        var chain = audit.verify();
        assertThat(chain.intact())
                .as("audit chain after the restart: " + chain.reason())
                .isTrue();

        long unavailable = tally.unavailable.sum();
        String window = unavailable == 0
                ? "none"
                : String.format(
                        "answered between %.2f s and %.2f s",
                        seconds(tally.firstUnavailable.get(), restartStarted),
                        seconds(tally.lastUnavailable.get(), restartStarted));
        String down = "not seen by the probe";
        String lag = "";
        if (server.firstRefused.get() != Long.MAX_VALUE && server.backAt.get() > server.lastRefused.get()) {
            long back = server.backAt.get();
            down = String.format(
                    "from %.2f s to %.2f s",
                    seconds(server.firstRefused.get(), restartStarted), seconds(back, restartStarted));
            long first2xx = tally.answered.stream()
                    .filter(a -> a[0] >= back && a[1] / 100 == 2)
                    .mapToLong(a -> a[0])
                    .min()
                    .orElse(Long.MAX_VALUE);
            lag = String.format(
                    "; first 2xx %.2f s after the server accepted connections again, last 503 %.2f s %s",
                    seconds(first2xx, back),
                    Math.abs(seconds(tally.lastUnavailable.get(), back)),
                    unavailable == 0 ? "(none)" : tally.lastUnavailable.get() > back ? "after" : "before");
        }
        System.out.printf(
                """
                ServerRestartCheck: `%s` took %.2f s (postmaster started %s, then %s); times below from its start
                ServerRestartCheck: server refused new connections %s%s
                ServerRestartCheck: %d requests: %s; 503 with Retry-After: %d, %s; slowest answer %.2f s
                ServerRestartCheck: five 200s in a row from %.2f s (%.2f s after the command returned); \
                no application restart
                ServerRestartCheck: writes answered 201 and found in the database with their audit rows: %d projects, \
                %d follow-ups; audit chain intact (%d rows)
                """,
                restart,
                seconds(restartEnded, restartStarted),
                startedBefore,
                startedAfter,
                down,
                lag,
                tally.total(),
                new TreeMap<>(tally.statuses),
                unavailable,
                window,
                tally.longest.get() / 1e9,
                seconds(recovered, restartStarted),
                Math.max(0, seconds(recovered, restartEnded)),
                projects.size(),
                followups.size(),
                chain.rowsChecked());
    }

    private static double seconds(long at, long from) {
        return (at - from) / 1e9;
    }
}
